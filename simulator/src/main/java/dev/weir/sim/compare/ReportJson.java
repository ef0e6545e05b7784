package dev.weir.sim.compare;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The one JSON style of reports and records ({@code report.json}, {@code gate.json}, the gate's
 * records): two-space indents, arrays on one line, '\n' line ends, {@link JsonNumbers} numbers,
 * null for a missing or non-finite value, and a paired comparison's estimate written field for
 * field the same way wherever it appears.
 *
 * <p>Thread-safe (static functions only; a generator belongs to its caller).
 */
public final class ReportJson {
    private static final JsonFactory FACTORY = new JsonFactory();

    private ReportJson() {
    }

    /** A generator on {@code out} in the report style. */
    public static JsonGenerator prettyGenerator(OutputStream out) throws IOException {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                .withObjectIndenter(indenter)
                .withArrayIndenter(DefaultPrettyPrinter.FixedSpaceIndenter.instance);
        JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8);
        g.setPrettyPrinter(printer);
        return g;
    }

    /** {@code field}: {@code value} as {@link JsonNumbers} writes it, or null when missing or not finite. */
    public static void number(JsonGenerator g, String field, Double value) throws IOException {
        g.writeFieldName(field);
        if (value == null || !Double.isFinite(value)) {
            g.writeNull();
        } else {
            g.writeNumber(JsonNumbers.format(value));
        }
    }

    /** The estimate of {@code m}: n, both means, the scale, the change and its 95 % interval. */
    public static void estimate(JsonGenerator g, MetricComparison m) throws IOException {
        g.writeNumberField("n", m.n());
        number(g, "baseline_mean", m.baselineMean());
        number(g, "candidate_mean", m.candidateMean());
        g.writeStringField("scale", m.scale() == null ? null : m.scale().jsonName());
        number(g, "change", m.change());
        number(g, "ci95_low", m.ci95Low());
        number(g, "ci95_high", m.ci95High());
    }
}
