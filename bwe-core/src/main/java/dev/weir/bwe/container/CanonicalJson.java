package dev.weir.bwe.container;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes JSON so the same content always gives the same bytes, whatever the JDK: object keys
 * sorted, numbers formatted by exact decimal arithmetic (the shortest decimal that parses back to
 * the same float or double, never {@code Float.toString}, whose output changed in JDK 19), no
 * whitespace. Container headers are written this way ({@link #write(Object)}: records and
 * settings objects with snake_case names, the form {@code SettingsJson} reads back).
 *
 * <p>Stateless and thread-safe.
 */
public final class CanonicalJson {
    /** Decimal digits that always round-trip a float32. */
    private static final int FLOAT_MAX_DIGITS = 9;
    /** Decimal digits that always round-trip a float64. */
    private static final int DOUBLE_MAX_DIGITS = 17;
    /** Adjusted exponents outside [-7, 9] are written in scientific notation, as JavaScript does. */
    private static final int PLAIN_MIN_EXPONENT = -7;
    private static final int PLAIN_MAX_EXPONENT = 9;

    private static final JsonFactory FACTORY = new JsonFactory();
    /** Records and public-field settings objects to trees, snake_case, floats kept as float32. */
    private static final ObjectMapper TREES = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    private CanonicalJson() {
    }

    /** {@code document} (a record, settings object or tree) as canonical UTF-8 JSON. */
    public static byte[] write(Object document) {
        JsonNode tree = document instanceof JsonNode node ? node : TREES.valueToTree(document);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator gen = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            writeTree(gen, tree);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return out.toByteArray();
    }

    /** The shortest decimal that parses back to exactly {@code value}. */
    static String formatFloat(float value) {
        if (!Float.isFinite(value)) {
            throw new IllegalArgumentException("non-finite value " + value + " cannot be written as JSON");
        }
        BigDecimal exact = new BigDecimal(value);
        for (int digits = 1; digits < FLOAT_MAX_DIGITS; digits++) {
            BigDecimal rounded = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
            if (Float.parseFloat(rounded.toString()) == value) {
                return decimal(rounded, value == 0f && 1f / value < 0f);
            }
        }
        return decimal(exact.round(new MathContext(FLOAT_MAX_DIGITS, RoundingMode.HALF_EVEN)), false);
    }

    /** The shortest decimal that parses back to exactly {@code value}. */
    static String formatDouble(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("non-finite value " + value + " cannot be written as JSON");
        }
        BigDecimal exact = new BigDecimal(value);
        for (int digits = 1; digits < DOUBLE_MAX_DIGITS; digits++) {
            BigDecimal rounded = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
            if (Double.parseDouble(rounded.toString()) == value) {
                return decimal(rounded, value == 0d && 1d / value < 0d);
            }
        }
        return decimal(exact.round(new MathContext(DOUBLE_MAX_DIGITS, RoundingMode.HALF_EVEN)), false);
    }

    /** Plain notation with at least one fractional digit (so it reads back as a float), or E notation. */
    private static String decimal(BigDecimal value, boolean negativeZero) {
        if (value.signum() == 0) {
            return negativeZero ? "-0.0" : "0.0";
        }
        BigDecimal stripped = value.stripTrailingZeros();
        int exponent = stripped.precision() - stripped.scale() - 1;
        if (exponent < PLAIN_MIN_EXPONENT || exponent > PLAIN_MAX_EXPONENT) {
            BigDecimal unscaled = new BigDecimal(stripped.unscaledValue());
            BigDecimal mantissa = unscaled.movePointLeft(stripped.precision() - 1);
            String digits = mantissa.toPlainString();
            return (digits.indexOf('.') < 0 ? digits + ".0" : digits) + "E" + exponent;
        }
        String plain = stripped.toPlainString();
        return plain.indexOf('.') < 0 ? plain + ".0" : plain;
    }

    /**
     * Writes a free-form tree canonically: keys sorted by UTF-16 code units, floating-point
     * numbers as in {@link #formatDouble}, integers as they are.
     */
    static void writeTree(JsonGenerator gen, JsonNode node) throws IOException {
        switch (node.getNodeType()) {
            case OBJECT -> {
                List<Map.Entry<String, JsonNode>> entries = new ArrayList<>(node.properties());
                entries.sort(Map.Entry.comparingByKey());
                gen.writeStartObject();
                for (Map.Entry<String, JsonNode> entry : entries) {
                    gen.writeFieldName(entry.getKey());
                    writeTree(gen, entry.getValue());
                }
                gen.writeEndObject();
            }
            case ARRAY -> {
                gen.writeStartArray();
                for (JsonNode element : node) {
                    writeTree(gen, element);
                }
                gen.writeEndArray();
            }
            case NUMBER -> {
                if (node.isIntegralNumber()) {
                    gen.writeNumber(node.bigIntegerValue());
                } else if (node.isFloat()) {
                    gen.writeNumber(formatFloat(node.floatValue()));
                } else {
                    gen.writeNumber(formatDouble(node.doubleValue()));
                }
            }
            case STRING -> gen.writeString(node.textValue());
            case BOOLEAN -> gen.writeBoolean(node.booleanValue());
            case NULL -> gen.writeNull();
            default -> throw new IllegalArgumentException("cannot write JSON node of type " + node.getNodeType());
        }
    }
}
