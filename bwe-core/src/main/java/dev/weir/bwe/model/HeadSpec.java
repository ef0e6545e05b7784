package dev.weir.bwe.model;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One output head of the classifier: a task name (e.g. {@code loss_type}) and its class names in
 * output order (e.g. {@code random}, {@code congestion}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param name    task name: 1-64 characters from {@code [A-Za-z0-9_-]}, so tensor names built from it
 *                ({@code head.<name>.W}) stay unambiguous
 * @param classes class names in output order: 2 to {@link #MAX_CLASSES}, unique, 1-64 characters each
 */
public record HeadSpec(String name, List<String> classes) {
    /** Cap on classes per head; real tasks have a handful, more is a corrupt header. */
    public static final int MAX_CLASSES = 1024;
    /** Cap on a name's length in characters, to keep headers and messages readable. */
    public static final int MAX_NAME_CHARS = 64;
    private static final Pattern HEAD_NAME = Pattern.compile("[A-Za-z0-9_-]{1," + MAX_NAME_CHARS + "}");

    public HeadSpec {
        if (name == null || !HEAD_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("head name '" + name + "' must be 1-" + MAX_NAME_CHARS
                    + " characters from [A-Za-z0-9_-]");
        }
        if (classes == null || classes.size() < 2 || classes.size() > MAX_CLASSES) {
            throw new IllegalArgumentException("head '" + name + "' must have 2-" + MAX_CLASSES + " classes, has "
                    + (classes == null ? "none" : classes.size()));
        }
        Set<String> seen = new HashSet<>();
        for (String cls : classes) {
            if (cls == null || cls.isEmpty() || cls.length() > MAX_NAME_CHARS) {
                throw new IllegalArgumentException("head '" + name + "' class name '" + cls + "' must be 1-"
                        + MAX_NAME_CHARS + " characters");
            }
            if (!seen.add(cls)) {
                throw new IllegalArgumentException("head '" + name + "' names class '" + cls + "' twice");
            }
        }
        classes = List.copyOf(classes);
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
