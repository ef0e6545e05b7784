package dev.weir.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * ONNX Runtime and the peers module never reach a client's class path: no module but cli (the
 * harness) declares a dependency on either, so nothing a client embeds pulls them in transitively.
 */
class HarnessOnlyDependenciesTest {
    @Test
    void shouldKeepPeersAndOnnxRuntimeOutOfEveryModuleButCli() throws Exception {
        String parent = Files.readString(Path.of("../pom.xml"));
        List<String> modules = new ArrayList<>();
        Matcher m = Pattern.compile("<module>([^<]+)</module>").matcher(parent);
        while (m.find()) {
            modules.add(m.group(1));
        }
        assertTrue(modules.containsAll(List.of("bwe-core", "rtcp", "gcc-baseline", "steering", "peers", "cli")),
                modules.toString());
        for (String module : modules) {
            if (module.equals("cli") || module.equals("peers")) {
                continue;
            }
            String pom = Files.readString(Path.of("..", module, "pom.xml"));
            assertFalse(pom.contains("<artifactId>peers</artifactId>"), module + " depends on peers");
            assertFalse(pom.contains("onnxruntime"), module + " depends on ONNX Runtime");
        }
        assertTrue(Files.readString(Path.of("pom.xml")).contains("<artifactId>peers</artifactId>"));
    }
}
