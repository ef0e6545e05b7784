package dev.weir.models.dataset;

import dev.weir.bwe.config.ConfigCheck;
import dev.weir.bwe.config.SettingsJson;
import dev.weir.bwe.config.Validatable;
import dev.weir.bwe.container.CanonicalJson;
import dev.weir.bwe.util.Sha256;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The frozen test split: the recording groups ({@link RecordingGroups}) whose calls are the test
 * split, fixed once in a committed file ({@code configs/ml/test-split.json}) and identified by its
 * digest in every evaluation. Every trace under a {@code test/} directory must belong to a listed
 * group (a new test trace of another recording fails generation instead of moving the split);
 * synthetic scenarios of a listed group are test calls; {@code train/} traces of a listed group
 * (FCC series with parts in both directories) are left out of the dataset altogether.
 *
 * <p>Immutable and thread-safe once validated.
 *
 * @param description why the split is what it is
 * @param testGroups  the test groups, sorted, without duplicates
 */
public record TestSplit(String description, List<String> testGroups) implements Validatable {
    public TestSplit {
        testGroups = ConfigCheck.copyOf(testGroups);
    }

    /** Reads and validates a test split file. */
    public static TestSplit read(Path file) {
        return SettingsJson.read(file, TestSplit.class);
    }

    /** Whether {@code group} is a test group. */
    public boolean isTest(String group) {
        return testGroups.contains(group);
    }

    /** SHA-256 of the split's canonical JSON: the {@code test_split_digest} of evaluations. */
    public String digest() {
        return Sha256.hex(CanonicalJson.write(this));
    }

    @Override
    public void validate(ConfigCheck check) {
        check.require(description != null && !description.isBlank(), "description", description, "must be given");
        check.notNull("test_groups", testGroups);
        if (testGroups == null) {
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < testGroups.size(); i++) {
            String group = testGroups.get(i);
            check.require(group != null && !group.isBlank() && seen.add(group), "test_groups[" + i + "]", group,
                    "must be a non-blank group named once");
        }
        List<String> sorted = new ArrayList<>(testGroups);
        sorted.sort(null);
        check.require(sorted.equals(testGroups), "test_groups", testGroups.size() + " groups", "must be sorted");
    }
}
