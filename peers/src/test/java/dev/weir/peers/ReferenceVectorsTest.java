package dev.weir.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every reference case of the peers pack's test_vectors.json through the ONNX bridge: each
 * model's {@code output[0,0,0]} (and [0,0,1]) within 1e-5 relative of the recorded onnxruntime
 * value; Pioneer, whose graph draws random numbers, within its recorded min..max over 300 calls
 * widened by 1e-4 relative. Skipped without the pack.
 */
class ReferenceVectorsTest {
    private static final double TOLERANCE = 1e-5;
    private static final double RANDOM_TOLERANCE = 1e-4;

    @Test
    void shouldReproduceEveryReferenceOutputOfEveryPeerWithAModel() throws Exception {
        Path root = PeersRootForTests.require();
        JsonNode vectors = new ObjectMapper().readTree(root.resolve("test_vectors.json").toFile());
        PeerCatalog catalog = new PeerCatalog(root);
        assertFalse(catalog.names().isEmpty(), "the pack holds models");
        List<String> report = new ArrayList<>();
        int checked = 0;
        for (String peer : catalog.names()) {
            PeerModel.Runner runner = catalog.model(peer).newRunner();
            for (JsonNode c : vectors.get("cases")) {
                JsonNode expected = c.get("outputs").get(peer);
                if (expected == null) {
                    continue;
                }
                float[] obs = new float[Mmsys24Observation.SIZE];
                for (int i = 0; i < obs.length; i++) {
                    obs[i] = (float) c.get("obs").get(i).asDouble();
                }
                double got = runner.step(obs);
                double want = expected.get("output_0_0_0_bps").asDouble();
                report.add(String.format("%s %s: %.4f vs %.4f (rel %.2e)", peer, c.get("name").asText(), got, want,
                        Math.abs(got - want) / Math.abs(want)));
                if (expected.has("min_0_0_0")) {
                    double min = expected.get("min_0_0_0").asDouble() * (1 - RANDOM_TOLERANCE);
                    double max = expected.get("max_0_0_0").asDouble() * (1 + RANDOM_TOLERANCE);
                    assertTrue(got >= min && got <= max, () -> String.join("\n", report));
                } else {
                    assertEquals(want, got, Math.abs(want) * TOLERANCE, () -> String.join("\n", report));
                    double want1 = expected.get("output_0_0_1").asDouble();
                    assertEquals(want1, runner.output(1), Math.abs(want1) * TOLERANCE, peer + " output[0,0,1]");
                }
                checked++;
            }
            runner.close();
        }
        System.out.println(String.join("\n", report));
        assertTrue(checked >= 10, "at least one model's ten cases were checked, got " + checked);
    }
}
