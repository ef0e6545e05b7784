package dev.weir.cli;

import dev.weir.sim.runner.ProgressListener;
import dev.weir.sim.runner.StartupTrace;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar on standard error for long runs; closes itself when the work is done. */
final class ConsoleProgress implements ProgressListener, AutoCloseable {
    private final ProgressBar bar;

    ConsoleProgress(String task, int total) {
        bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250)
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
    }

    @Override
    public void onProgress(int done, int total) {
        StartupTrace.mark(StartupTrace.FIRST_OUTPUT); // the first call is done
        bar.maxHint(total);
        bar.stepTo(done);
    }

    @Override
    public void close() {
        bar.close();
    }
}
