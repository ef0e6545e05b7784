package dev.weir.bwe.model;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Arbitrary bytes as a model artifact: either a verified artifact or a {@link ModelFormatException},
 * nothing else. Seeds: src/test/resources/dev/weir/bwe/model/ModelArtifactFuzzTestInputs/.
 */
class ModelArtifactFuzzTest {
    @FuzzTest
    void artifactBytesGiveAnArtifactOrAModelFormatException(byte[] input) {
        try {
            ModelArtifact.read(input, "fuzz.weirmodel");
        } catch (ModelFormatException expected) {
            // the documented failure
        }
    }
}
