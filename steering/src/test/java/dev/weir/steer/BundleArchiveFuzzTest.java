package dev.weir.steer;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;

/**
 * Arbitrary bytes as a bundle archive, as a server would deliver them over a connection of
 * unknown length: either a verified {@link Bundle} or a {@link BundleException}, nothing else.
 * Seeds (src/test/resources/dev/weir/steer/BundleArchiveFuzzTestInputs/): a packed bundle without
 * a model and one with the default model.
 */
class BundleArchiveFuzzTest {
    @FuzzTest
    void archiveBytesGiveABundleOrABundleException(byte[] input) {
        try {
            BundleLoader.load(new ByteArrayInputStream(input), -1, "fuzz.weirbundle");
        } catch (BundleException expected) {
            // the documented failure
        }
    }
}
