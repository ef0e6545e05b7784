package dev.weir.cli;

import dev.weir.bwe.util.AtomicFiles;
import dev.weir.netpath.CommandRunner;
import dev.weir.netpath.Tbf;
import dev.weir.netpath.UdpCall;
import dev.weir.steer.Bundle;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code weir udp-call}: one call over a real UDP path, beside the simulator's prediction. */
@Command(name = "udp-call", mixinStandardHelpOptions = true,
        description = {"Runs one call over a real UDP path through a tbf bottleneck and compares it with the simulator.",
                "Creates two network namespaces joined by a veth pair (names unique to the run,",
                "removed at the end, also on Ctrl-C), limits the sender -> receiver direction",
                "with tc tbf at --rate-kbps, and runs a sender (pacer, RTP with transport-wide",
                "sequence numbers, the estimator) and a receiver (real TWCC feedback bytes,",
                "RTCP RR) in them. Prints how the estimate tracked the bottleneck beside the",
                "simulator's call of the same link (same estimator); with --out writes",
                "DIR/timeseries.csv (100 ms rows), DIR/simulated/timeseries.csv,",
                "DIR/metrics.json, DIR/scenario.json and DIR/plot.png. Needs root",
                "(CAP_NET_ADMIN, CAP_SYS_ADMIN), iproute2 and tc with sch_tbf; exits 2 saying",
                "so otherwise."})
final class UdpCallCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    BundleOption bundle;

    @Option(names = "--rate-kbps", required = true, paramLabel = "N",
            description = "Bottleneck rate of the tbf, kbit/s of whole Ethernet frames.")
    long rateKbps;
    @Option(names = "--seconds", required = true, paramLabel = "S", description = "Call length, seconds (1-3600).")
    long seconds;
    @Option(names = "--estimator", defaultValue = "gcc", paramLabel = "NAME", completionCandidates = EstimatorNames.class,
            description = "Estimator: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    String estimator;
    @Option(names = "--delay-ms", defaultValue = "0", paramLabel = "D",
            description = "Extra delay of the feedback path: the receiver holds every TWCC and RR datagram D ms"
                    + " (default: ${DEFAULT-VALUE}).")
    long delayMs;
    @Option(names = "--queue-ms", defaultValue = "300", paramLabel = "Q",
            description = "tbf latency: the bottleneck queue's drain time (default: ${DEFAULT-VALUE}, the scenario"
                    + " library's queue_ms).")
    long queueMs;
    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (optional).")
    Path out;

    @Override
    public Integer call() throws Exception {
        new CallRunner(Bundle.gccDefaults()).requireKnown(estimator);
        if (rateKbps * 1_000 < Tbf.MIN_RATE_BPS || rateKbps * 1_000 > Tbf.MAX_RATE_BPS) {
            throw new BadInputException("--rate-kbps " + rateKbps + ": must be in [" + Tbf.MIN_RATE_BPS / 1_000 + ", "
                    + Tbf.MAX_RATE_BPS / 1_000 + "]");
        }
        if (seconds < 1 || seconds > 3_600) {
            throw new BadInputException("--seconds " + seconds + ": must be in [1, 3600]");
        }
        if (delayMs < 0 || delayMs > 5_000) {
            throw new BadInputException("--delay-ms " + delayMs + ": must be in [0, 5000]");
        }
        if (queueMs < 1 || queueMs > 10_000) {
            throw new BadInputException("--queue-ms " + queueMs + ": must be in [1, 10000]");
        }
        Bundle loaded = bundle.load();
        Path bundlePath = bundle.bundle != null ? bundle.bundle
                : Files.isDirectory(BundleOption.COMMITTED) ? BundleOption.COMMITTED : null;
        UdpCall.Config config = new UdpCall.Config(rateKbps * 1_000, seconds * 1_000_000, estimator, delayMs * 1_000,
                queueMs * 1_000, bundlePath, NetpathChildMain.class.getName());
        PrintWriter w = spec.commandLine().getOut();
        // The output set is opened first, so a bad --out fails before the call, not after it.
        try (AtomicFiles.OutputDirectory set = out == null ? null : CallRunner.beginOutput(out, "metrics.json")) {
            UdpCall.Result result = new UdpCall(CommandRunner.processes(10_000), w).run(config, CliEstimators.registry(),
                    loaded);
            if (set != null) {
                UdpCall.write(result, set.path());
                set.commit();
            }
            w.print(UdpCall.summary(result));
            if (out != null) {
                w.println("  -> " + out);
            }
        }
        return 0;
    }
}
