package dev.weir.cli;

import dev.weir.browserstats.StatsImport;
import dev.weir.browserstats.StatsScenario;
import dev.weir.bwe.util.AtomicFiles;
import dev.weir.sim.scenario.ScenarioLoader;
import dev.weir.steer.Bundle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code weir stats-import}: a browser's getStats dump through weir's model. */
@Command(name = "stats-import", mixinStandardHelpOptions = true,
        description = {"Imports a browser's getStats dump (rtcstats NDJSON) and runs weir's model over the call.",
                "Reads [method, peerConnectionId, value, timestamp] lines (delta-compressed",
                "getStats samples are merged as rtcstats-server does), picks one peer",
                "connection (--peer-connection, default: the one that sent most) and writes",
                "DIR/timeseries.csv (100 ms rows: the browser's estimate as target_bps, send",
                "and delivered rate, RTT, loss, jitter, the model's P(random loss),",
                "P(congestion) and network type), DIR/stats.json (means, the model's view,",
                "every approximation of the reconstruction) and DIR/plot.png. --scenario-out",
                "FILE writes a scenario whose capacity steps follow the observed rates, for",
                "./weir simulate. A bad dump exits 2 naming the line and field; nothing is",
                "written then."})
final class StatsImportCommand implements Callable<Integer> {
    /** Longest scenario name the scenario reader accepts (it names files). */
    private static final int MAX_NAME_CHARS = 128;

    @Spec
    CommandSpec spec;
    @Mixin
    BundleOption bundle;

    @Parameters(index = "0", paramLabel = "DUMP", description = "rtcstats / webrtc-internals NDJSON dump.")
    Path dump;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;
    @Option(names = "--peer-connection", paramLabel = "ID",
            description = "Peer connection to import (default: the one that sent most bytes).")
    String peerConnection;
    @Option(names = "--scenario-out", paramLabel = "FILE",
            description = "Also write a scenario JSON whose capacity steps follow the observed rates.")
    Path scenarioOut;

    @Override
    public Integer call() throws Exception {
        Bundle loaded = bundle.load();
        if (loaded.model() == null) {
            throw new BadInputException("bundle " + loaded.id() + " has no model: stats-import needs the committed"
                    + " bundle (configs/bundle) or --bundle with a model");
        }
        if (scenarioOut != null && Files.isDirectory(scenarioOut)) {
            throw new BadInputException("--scenario-out " + scenarioOut + " is a directory; expected a file name");
        }
        // Everything is computed before anything is written: a bad dump leaves no output behind.
        StatsImport.Result result = StatsImport.run(dump, peerConnection, loaded);
        String scenario = null;
        if (scenarioOut != null) {
            scenario = StatsScenario.json(result, scenarioName(result.connection().id()));
            ScenarioLoader.parse(scenario, null, null, scenarioOut.toString()); // what simulate will read
        }
        try (AtomicFiles.OutputDirectory set = CallRunner.beginOutput(out, "stats.json")) {
            StatsImport.write(result, set.path());
            set.commit();
        }
        if (scenario != null) {
            Path parent = scenarioOut.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            AtomicFiles.write(scenarioOut, scenario.getBytes(StandardCharsets.UTF_8));
        }
        print(result);
        return 0;
    }

    private String scenarioName(String connectionId) {
        String stem = dump.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        String name = CallRunner.fileName("recorded-" + stem + "-" + connectionId);
        return name.length() > MAX_NAME_CHARS ? name.substring(0, MAX_NAME_CHARS) : name;
    }

    @SuppressWarnings("unchecked")
    private void print(StatsImport.Result result) {
        var w = spec.commandLine().getOut();
        Map<String, Object> summary = StatsImport.summaryOf(result);
        Map<String, Object> means = (Map<String, Object>) summary.get("means");
        Map<String, Object> model = (Map<String, Object>) summary.get("model");
        w.printf("%s: %s of %d connection(s), %.1f s, %d intervals (median %s s)%n", dump.getFileName(),
                result.connection().id(), result.dump().connections().size(), result.series().durationMs() / 1e3,
                result.series().intervals().size(), summary.get("median_sample_interval_s"));
        w.printf("  browser estimate %s kbps, sent %s kbps, delivered %s kbps, loss %s %%, RTT %s ms, jitter %s ms%n",
                means.get("estimate_kbps") == null ? "(none)" : means.get("estimate_kbps"), means.get("send_kbps"),
                means.get("delivered_kbps"), means.get("loss_pct"), means.get("rtt_ms"), means.get("jitter_ms"));
        w.printf("  model: %s decisions from %s s, network types %s, P(random loss) when lossy %s, mean P(congestion) %s%n",
                model.get("decisions"), model.get("first_decision_s"), model.get("network_type_share"),
                model.get("p_random_loss_mean_when_lossy"), model.get("p_congestion_mean"));
        w.println("  -> " + out + (scenarioOut != null ? ", scenario " + scenarioOut : ""));
    }
}
