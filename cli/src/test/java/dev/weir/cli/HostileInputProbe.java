package dev.weir.cli;

import dev.weir.browserstats.StatsFormatException;
import dev.weir.browserstats.StatsImport;
import dev.weir.bwe.config.InvalidSettingsException;
import dev.weir.bwe.api.BweResult;
import dev.weir.bwe.config.SettingsJson;
import dev.weir.bwe.eventlog.EventLogFormatException;
import dev.weir.bwe.eventlog.EventLogReader;
import dev.weir.bwe.eventlog.LoggedEvent;
import dev.weir.bwe.model.ModelFormatException;
import dev.weir.gcc.GccSettings;
import dev.weir.gcc.GoogCcEstimator;
import dev.weir.models.data.Dataset;
import dev.weir.models.data.DatasetFormatException;
import dev.weir.models.eval.ModelInfo;
import dev.weir.sim.scenario.ScenarioException;
import dev.weir.sim.scenario.ScenarioLoader;
import dev.weir.sim.trace.CookedTrace;
import dev.weir.sim.trace.GymTrace;
import dev.weir.sim.trace.MahimahiTrace;
import java.nio.file.Path;

/**
 * Run in a forked JVM with a small heap by {@link HostileInputMemoryTest}: feeds each
 * {@code kind=path} argument to its reader and prints one line per file, {@code REJECTED
 * <exception>} for the reader's documented exception, {@code LOADED} for a file it accepts, or
 * {@code FAILED <throwable>} for anything else; each rejection's message goes to stderr (an OutOfMemoryError, a StackOverflowError, an
 * undocumented exception). Exits 1 if any file FAILED.
 */
public final class HostileInputProbe {
    private HostileInputProbe() {
    }

    public static void main(String[] args) {
        int failed = 0;
        for (String arg : args) {
            String kind = arg.substring(0, arg.indexOf('='));
            Path file = Path.of(arg.substring(arg.indexOf('=') + 1));
            try {
                read(kind, file);
                System.out.println("LOADED " + arg);
            } catch (ScenarioException | InvalidSettingsException | ModelFormatException
                    | DatasetFormatException | EventLogFormatException | StatsFormatException e) {
                // The message's first line goes to stderr (it quotes the path, which ends the line here).
                System.err.println(e.getMessage().lines().findFirst().orElse(""));
                System.out.println("REJECTED " + e.getClass().getSimpleName() + " " + arg);
            } catch (Throwable t) { // the point of the probe: an Error must be reported, not crash it
                System.out.println("FAILED " + t + " " + arg);
                failed++;
            }
        }
        System.out.flush();
        System.exit(failed == 0 ? 0 : 1);
    }

    private static void read(String kind, Path file) throws java.io.IOException {
        switch (kind) {
            case "scenario" -> ScenarioLoader.load(file, null);
            case "mahimahi" -> MahimahiTrace.read(file, 1_000); // 1 ms bins: the most bins a file can ask for
            case "cooked" -> CookedTrace.read(file);
            case "gym" -> GymTrace.read(file);
            case "settings" -> SettingsJson.read(file, GccSettings.class);
            case "model" -> ModelInfo.describe(file); // what model-info does: read, verify, describe
            case "dataset" -> Dataset.read(file);
            case "eventlog" -> replay(file); // what ./weir replay does: read every record into GCC
            // What stats-import does, model included (the committed bundle, from the cli module's directory).
            case "stats" -> StatsImport.run(file, null, dev.weir.steer.BundleLoader.load(Path.of("..", "configs",
                    "bundle")));
            default -> throw new IllegalArgumentException("unknown reader kind " + kind);
        }
    }

    private static void replay(Path file) throws java.io.IOException {
        try (EventLogReader reader = EventLogReader.open(file)) {
            GoogCcEstimator gcc = new GoogCcEstimator(30_000, 300_000, 5_000_000);
            LoggedEvent event = new LoggedEvent();
            BweResult out = new BweResult();
            while (reader.next(event)) {
                event.applyTo(gcc, out);
            }
        }
    }
}
