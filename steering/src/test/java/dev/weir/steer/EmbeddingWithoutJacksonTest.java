package dev.weir.steer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A client that never reads a JSON file never needs Jackson: GCC and the weir estimator (plain
 * GCC until a bundle arrives) run in a forked JVM whose class path has every jar but Jackson's.
 */
class EmbeddingWithoutJacksonTest {
    @Test
    void gccAndWeirRunWithoutJacksonOnTheClassPath() throws IOException, InterruptedException {
        List<String> classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.contains("jackson")).collect(Collectors.toList());
        assertFalse(classPath.isEmpty());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-Xshare:auto", "-cp", String.join(File.pathSeparator, classPath),
                NoJsonClient.class.getName()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), output);
    }
}
