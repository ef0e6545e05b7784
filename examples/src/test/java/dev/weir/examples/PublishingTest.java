package dev.weir.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.weir.bwe.api.BandwidthEstimator;
import dev.weir.gcc.GoogCcEstimator;
import dev.weir.rtcp.TransportFeedback;
import dev.weir.steer.WeirEstimator;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What a client depends on is what the build makes: the README's snippets are the example's code,
 * verbatim; the README's Maven block names artifacts the BOM manages; the BOM (which has no parent,
 * so it cannot inherit them) repeats the parent's version, licence and URL; every client jar
 * carries its Automatic-Module-Name.
 */
class PublishingTest {
    private static final Path ROOT = Path.of("..");
    private static final Pattern REGION = Pattern.compile(
            "(?s)[ \\t]*// README:([a-z-]+)-start\\n(.*?)[ \\t]*// README:\\1-end\\n");

    @Test
    void everyReadmeRegionOfTheExampleAppearsVerbatimInTheReadme() throws IOException {
        String source = Files.readString(Path.of("src/main/java/dev/weir/examples/EmbeddingExample.java"));
        String readme = Files.readString(ROOT.resolve("README.md"));
        Matcher regions = REGION.matcher(source);
        int count = 0;
        while (regions.find()) {
            count++;
            String snippet = dedent(regions.group(2));
            assertTrue(readme.contains(snippet), "README.md lacks region '" + regions.group(1) + "' of"
                    + " EmbeddingExample.java:\n" + snippet);
        }
        assertTrue(count >= 8, count + " regions");
    }

    @Test
    void theReadmesMavenBlockNamesArtifactsTheBomManagesAtTheProjectVersion() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        String bom = Files.readString(ROOT.resolve("bom/pom.xml"));
        String parent = Files.readString(ROOT.resolve("pom.xml"));
        String version = first(parent, "<artifactId>weir-parent</artifactId>\\s*<version>([^<]+)</version>");
        assertEquals(version, first(bom, "<artifactId>weir-bom</artifactId>\\s*<version>([^<]+)</version>"));
        for (String managed : all(bom, "<version>([^<]+)</version>")) {
            assertEquals(version, managed, "every version in bom/pom.xml");
        }
        assertEquals(first(parent, "<weir.repository>([^<]+)</weir.repository>"), first(bom, "<url>([^<]+)</url>"));
        assertEquals(first(parent, "<license>\\s*<name>([^<]+)</name>"), first(bom, "<license>\\s*<name>([^<]+)</name>"));
        Set<String> bomArtifacts = new LinkedHashSet<>(all(bom, "<artifactId>([^<]+)</artifactId>"));
        String maven = first(readme, "(?s)```xml\\n(.*?)```");
        List<String> readmeArtifacts = all(maven, "<artifactId>([^<]+)</artifactId>");
        assertFalse(readmeArtifacts.isEmpty());
        for (String artifact : readmeArtifacts) {
            assertTrue(bomArtifacts.contains(artifact), artifact + " from the README is not in the BOM " + bomArtifacts);
            if (!artifact.equals("weir-bom")) {
                assertTrue(Files.isRegularFile(ROOT.resolve(artifact).resolve("pom.xml")), artifact + " is a module");
            }
        }
        assertTrue(maven.contains("<version>" + version + "</version>"), "the README imports the BOM at " + version);
    }

    @Test
    void clientJarsCarryTheirAutomaticModuleNames() throws IOException, URISyntaxException {
        Map<Class<?>, String> names = Map.of(BandwidthEstimator.class, "dev.weir.bwe", TransportFeedback.class,
                "dev.weir.rtcp", GoogCcEstimator.class, "dev.weir.gcc", WeirEstimator.class, "dev.weir.steer");
        for (Map.Entry<Class<?>, String> entry : names.entrySet()) {
            Path location = Path.of(entry.getKey().getProtectionDomain().getCodeSource().getLocation().toURI());
            // In a reactor build through 'package' (./mvnw verify) modules come as jars; with 'test' alone
            // they are class directories, which have no manifest to check.
            assumeTrue(Files.isRegularFile(location), "modules on the class path as directories: run ./mvnw verify");
            try (JarFile jar = new JarFile(location.toFile())) {
                assertEquals(entry.getValue(), jar.getManifest().getMainAttributes().getValue("Automatic-Module-Name"),
                        location.toString());
            }
        }
    }

    private static String dedent(String block) {
        String[] lines = block.split("\n", -1);
        int indent = Integer.MAX_VALUE;
        for (String line : lines) {
            if (!line.isBlank()) {
                indent = Math.min(indent, line.length() - line.stripLeading().length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String line : lines) {
            out.append(line.isBlank() ? "" : line.substring(indent)).append('\n');
        }
        return out.toString().stripTrailing() + "\n";
    }

    private static String first(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), regex + " not found");
        return m.group(1).trim();
    }

    private static List<String> all(String text, String regex) {
        List<String> found = new ArrayList<>();
        Matcher m = Pattern.compile(regex).matcher(text);
        while (m.find()) {
            found.add(m.group(1).trim());
        }
        return found;
    }
}
