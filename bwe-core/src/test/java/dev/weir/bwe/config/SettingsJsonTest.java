package dev.weir.bwe.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsJsonTest {

    /** A settings type shaped like the real ones: public fields with defaults, one validate. */
    public static final class ExampleSettings implements Validatable {
        public double smoothingCoef = 0.9;
        public int windowSize = 20;
        public Child child = new Child();

        @Override
        public void validate(ConfigCheck check) {
            check.range("smoothing_coef", smoothingCoef, 0.0, 1.0);
            check.range("window_size", windowSize, 10, 200);
            check.notNull("child", child);
            if (child != null) {
                child.validate(check.child("child"));
            }
        }
    }

    public static final class Child implements Validatable {
        public long rateBps = 300_000;

        @Override
        public void validate(ConfigCheck check) {
            check.range("rate_bps", rateBps, 1_000, 100_000_000);
        }
    }

    @Test
    void shouldKeepDefaultsForFieldsTheJsonOmits() {
        ExampleSettings settings = SettingsJson.read("{\"window_size\": 30}", ExampleSettings.class, "example");
        assertEquals(30, settings.windowSize);
        assertEquals(0.9, settings.smoothingCoef);
        assertEquals(300_000, settings.child.rateBps);
    }

    @Test
    void shouldListEveryBrokenConstraintWithFieldValueAndRange() {
        InvalidSettingsException error = assertThrows(InvalidSettingsException.class, () -> SettingsJson.read(
                "{\"window_size\": 5, \"smoothing_coef\": 1.5, \"child\": {\"rate_bps\": 10}}",
                ExampleSettings.class, "trendline.json"));
        assertEquals(3, error.problems().size(), error.getMessage());
        assertTrue(error.getMessage().contains("trendline.json.window_size = 5: must be in [10, 200]"),
                error.getMessage());
        assertTrue(error.getMessage().contains("trendline.json.smoothing_coef = 1.5: must be in [0, 1]"),
                error.getMessage());
        assertTrue(error.getMessage().contains("trendline.json.child.rate_bps = 10: must be in [1000, 100000000]"),
                error.getMessage());
    }

    @Test
    void shouldNameAnUnknownFieldAndItsPath() {
        InvalidSettingsException error = assertThrows(InvalidSettingsException.class,
                () -> SettingsJson.read("{\"child\": {\"rate_kbps\": 10}}", ExampleSettings.class, "x.json"));
        assertTrue(error.getMessage().contains("child.rate_kbps: unknown field 'rate_kbps'; known fields: [rate_bps]"), error.getMessage());
        assertTrue(error.getMessage().contains("line 1"), error.getMessage());
    }

    @Test
    void shouldRejectNanAndWrongTypes() {
        InvalidSettingsException error = assertThrows(InvalidSettingsException.class,
                () -> SettingsJson.read("{\"window_size\": \"many\"}", ExampleSettings.class, "x.json"));
        assertTrue(error.getMessage().contains("window_size"), error.getMessage());
        ExampleSettings nan = new ExampleSettings();
        nan.smoothingCoef = Double.NaN;
        ConfigCheck check = ConfigCheck.of("example");
        nan.validate(check);
        assertEquals(1, check.problems().size());
    }

    @Test
    void shouldNameAMissingFile(@TempDir Path dir) {
        Path missing = dir.resolve("absent.json");
        InvalidSettingsException error = assertThrows(InvalidSettingsException.class,
                () -> SettingsJson.read(missing, ExampleSettings.class));
        assertTrue(error.getMessage().contains("absent.json") && error.getMessage().contains("file not found"),
                error.getMessage());
    }

    @Test
    void shouldRoundTripThroughJsonAndCopyDeeply(@TempDir Path dir) throws Exception {
        ExampleSettings settings = new ExampleSettings();
        settings.windowSize = 42;
        Path file = dir.resolve("s.json");
        Files.writeString(file, SettingsJson.write(settings));
        assertEquals(42, SettingsJson.read(file, ExampleSettings.class).windowSize);
        ExampleSettings copy = SettingsJson.copy(settings, ExampleSettings.class);
        settings.child.rateBps = 7;
        assertEquals(300_000, copy.child.rateBps);
    }

    @Test
    void nullSettingsObjectIsReportedWithItsField() throws Exception {
        Path file = hostile("null-child.json");
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
                () -> SettingsJson.read(file, ExampleSettings.class));
        assertTrue(e.getMessage().startsWith(file + " invalid:"), e.getMessage());
        assertTrue(e.getMessage().contains("child") && e.getMessage().contains("null"), e.getMessage());
    }

    @Test
    void settingsObjectOfTheWrongTypeIsReportedWithItsField() throws Exception {
        Path file = hostile("child-not-object.json");
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
                () -> SettingsJson.read(file, ExampleSettings.class));
        assertTrue(e.getMessage().contains("child: "), e.getMessage());
    }

    @Test
    void settingsFileOverTheSizeLimitIsRejectedBeforeReading(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("huge.json");
        try (java.io.RandomAccessFile raf = new java.io.RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(SettingsJson.MAX_FILE_BYTES + 1);
        }
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
                () -> SettingsJson.read(file, ExampleSettings.class));
        assertTrue(e.getMessage().contains("more than the 1048576-byte limit"), e.getMessage());
    }

    @Test
    void unexpectedFailureInValidationStillNamesTheSource() {
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
                () -> SettingsJson.read("{}", Exploding.class, "exploding.json"));
        assertTrue(e.getMessage().startsWith("exploding.json invalid:"), e.getMessage());
    }

    /** A settings type whose validation has a bug: the reader must still report bad input. */
    public static final class Exploding implements Validatable {
        public int value = 1;

        @Override
        public void validate(ConfigCheck check) {
            throw new IllegalStateException("validation bug");
        }
    }

    private static Path hostile(String name) throws java.net.URISyntaxException {
        return Path.of(SettingsJsonTest.class.getResource("/hostile/settings/" + name).toURI());
    }
}
