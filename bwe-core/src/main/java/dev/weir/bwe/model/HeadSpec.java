package dev.weir.bwe.model;

import dev.weir.bwe.config.ConfigCheck;
import dev.weir.bwe.config.Validatable;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One output head of the classifier: a task name (e.g. {@code loss_type}) and its class names in
 * output order (e.g. {@code random}, {@code congestion}). Bound from a model header, then
 * {@linkplain #validate validated}; the artifact builder validates what code builds.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name    task name: 1-64 characters from {@code [A-Za-z0-9_-]}, so tensor names built from it
 *                ({@code head.<name>.W}) stay unambiguous
 * @param classes class names in output order: 2 to {@link #MAX_CLASSES}, unique, 1-64 characters each
 */
public record HeadSpec(String name, List<String> classes) implements Validatable {
    /** Cap on classes per head; real tasks have a handful, more is a corrupt header. */
    public static final int MAX_CLASSES = 1024;
    /** Cap on a name's length in characters, to keep headers and messages readable. */
    public static final int MAX_NAME_CHARS = 64;
    private static final Pattern HEAD_NAME = Pattern.compile("[A-Za-z0-9_-]{1," + MAX_NAME_CHARS + "}");

    public HeadSpec {
        classes = ConfigCheck.copyOf(classes);
    }

    @Override
    public void validate(ConfigCheck check) {
        check.require(name != null && HEAD_NAME.matcher(name).matches(), "name", name,
                "must be 1-" + MAX_NAME_CHARS + " characters from [A-Za-z0-9_-]");
        check.notNull("classes", classes);
        if (classes == null) {
            return;
        }
        check.require(classes.size() >= 2 && classes.size() <= MAX_CLASSES, "classes", classes.size() + " classes",
                "must have 2-" + MAX_CLASSES);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < classes.size() && i <= MAX_CLASSES; i++) {
            String cls = classes.get(i);
            check.require(cls != null && !cls.isEmpty() && cls.length() <= MAX_NAME_CHARS, "classes[" + i + "]", cls,
                    "must be 1-" + MAX_NAME_CHARS + " characters");
            check.require(cls == null || seen.add(cls), "classes[" + i + "]", cls, "appears twice");
        }
    }

    /** Number of classes (the width of this head's softmax). */
    public int classCount() {
        return classes.size();
    }

    /** Index of class {@code className}, or -1 when this head has no such class. */
    public int classIndex(String className) {
        return classes.indexOf(className);
    }
}
