package dev.weir.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Renders the top-level help with picocli, every subcommand registered, for {@link FastPath}.
 * The build runs {@link #main} after compiling (Maven's process-classes phase), writing
 * {@value #RESOURCE} beside the classes, so the text always follows the commands it lists.
 *
 * <p>Stateless; thread-safe.
 */
public final class UsageText {
    /** Resource name, relative to this package. */
    static final String RESOURCE = "weir-usage.txt";

    private UsageText() {
    }

    /** The top-level help as picocli prints it, lines ending in '\n'. */
    static String render() {
        StringWriter text = new StringWriter();
        WeirCommand.commandLine(null).usage(new PrintWriter(text, true));
        return text.toString().replace(System.lineSeparator(), "\n");
    }

    /** Writes {@link #render()} to {@code args[0]}, the resource in the build's class directory. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: UsageText OUTPUT_FILE");
        }
        Path file = Path.of(args[0]);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, render(), StandardCharsets.UTF_8);
    }
}
