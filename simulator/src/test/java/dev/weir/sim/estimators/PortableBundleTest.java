package dev.weir.sim.estimators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.bwe.config.SettingsJson;
import dev.weir.sim.call.CallSimulator;
import dev.weir.sim.call.TestScenarios;
import dev.weir.sim.scenario.Scenario;
import dev.weir.steer.Bundle;
import dev.weir.steer.BundleLoader;
import dev.weir.steer.NetworkType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A bundle travels by value: the committed bundle (sets, decision settings, model) comes back equal
 * and steers a call the same way; the built-in GCC defaults come back as the receiver's own
 * instance, which estimators recognise by identity.
 * <pre>
 *   sender --pacer--> [queue 300 ms] --1.5 Mbps, 8 % random loss--> 40 ms --> receiver
 * </pre>
 */
class PortableBundleTest {
    private static Path committedBundle() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("configs/bundle"))) {
                return dir.resolve("configs/bundle");
            }
        }
        throw new IllegalStateException("configs/bundle not found above " + Path.of("").toAbsolutePath());
    }

    @SuppressWarnings("unchecked")
    private static List<PortableBundle> roundTrip(List<PortableBundle> bundles) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(bundles);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (List<PortableBundle>) in.readObject();
        }
    }

    @Test
    void theCommittedBundleComesBackEqualAndSteersTheSameCall() throws Exception {
        Bundle original = BundleLoader.load(committedBundle());
        PortableBundle portable = PortableBundle.of(original);
        List<PortableBundle> back = roundTrip(List.of(portable, portable));
        assertSame(back.get(0), back.get(1), "rebuilt once per stream");
        Bundle copy = back.get(0).bundle();

        assertNotSame(original, copy);
        assertEquals(original.id(), copy.id());
        for (NetworkType type : NetworkType.values()) {
            assertEquals(SettingsJson.write(original.parameterSet(type)), SettingsJson.write(copy.parameterSet(type)),
                    type.id());
        }
        assertEquals(SettingsJson.write(original.decision()), SettingsJson.write(copy.decision()));
        assertTrue(original.model() != null, "the committed bundle has a model");
        assertEquals(original.model().sha256(), copy.model().sha256());

        Scenario scenario = TestScenarios.scenario("lossy", 20_000_000,
                TestScenarios.link(new TestScenarios.ConstantCapacity(1_500_000), 40_000, 300_000, 0.08),
                TestScenarios.media(300_000));
        EstimatorRegistry registry = EstimatorRegistry.withBuiltIns();
        String before = CallSimulator.run(scenario, "weir", registry.create("weir",
                new EstimatorContext(scenario, original)), 5).series().toCsv();
        String after = CallSimulator.run(scenario, "weir", registry.create("weir",
                new EstimatorContext(scenario, copy)), 5).series().toCsv();
        assertEquals(before, after);
    }

    @Test
    void theBuiltInDefaultsComeBackAsTheReceiversOwn() throws Exception {
        assertSame(Bundle.gccDefaults(), roundTrip(List.of(PortableBundle.of(Bundle.gccDefaults()))).get(0).bundle());
    }
}
