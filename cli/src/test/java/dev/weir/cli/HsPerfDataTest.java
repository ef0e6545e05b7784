package dev.weir.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HsPerfDataTest {
    @Test
    void shouldReadTheClassLoadingCountersAJvmSavesAtExit(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("perf.data");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(java, "-XX:+UsePerfData", "-XX:+PerfDataSaveToFile",
                "-XX:PerfDataSaveFile=" + file, "-version").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertEquals(0, process.waitFor());
        HsPerfData counters = HsPerfData.read(file);
        long classes = counters.value("java.cls.loadedClasses", -1) + counters.value("java.cls.sharedLoadedClasses", -1);
        assertTrue(classes > 100, "classes loaded by java -version: " + classes);
        double classLoadS = counters.seconds("sun.cls.time");
        assertTrue(classLoadS > 0 && classLoadS < 10, "class loading " + classLoadS + " s");
        assertEquals(-7, counters.value("no.such.counter", -7));
        assertTrue(Double.isNaN(counters.seconds("no.such.counter")));
    }

    @Test
    void shouldRejectFilesThatAreNotPerformanceData(@TempDir Path dir) throws Exception {
        Path text = Files.writeString(dir.resolve("text"), "not performance data at all, but long enough");
        assertThrows(IOException.class, () -> HsPerfData.read(text));
        byte[] truncated = {(byte) 0xca, (byte) 0xfe, (byte) 0xc0, (byte) 0xc0, 1, 2, 0, 1, 0, 0};
        assertThrows(IOException.class, () -> HsPerfData.read(Files.write(dir.resolve("short"), truncated)));
    }
}
