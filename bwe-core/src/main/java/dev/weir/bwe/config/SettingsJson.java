package dev.weir.bwe.config;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The one way weir reads JSON: Jackson binds a settings class (public fields, each initialised to
 * its default, so a file names only what it changes) or a record (a container header, a feature
 * schema), snake_case names, unknown and duplicate fields rejected; then the type's
 * {@link Validatable#validate} lists every broken constraint with its path. Writing settings goes
 * through {@link #write}; container headers are written canonically ({@code CanonicalJson}).
 *
 * <p>Thread-safe: the mapper is configured once and only read.
 */
public final class SettingsJson {
    /** Duplicate keys are an error: two readers could otherwise see two different documents. */
    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build()).build()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
            .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.PUBLIC_ONLY)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // Every field has a non-null default; a null would surface later as a NullPointerException.
            .setDefaultSetterInfo(JsonSetter.Value.forValueNulls(Nulls.FAIL))
            .enable(SerializationFeature.INDENT_OUTPUT);

    /** The token a mismatch stood on, as Jackson's message names it. */
    private static final Pattern TOKEN = Pattern.compile("token `JsonToken\\.([A-Z_]+)`");

    /** Largest settings file, bytes: the full GCC parameter set is about 3 KB. */
    public static final long MAX_FILE_BYTES = 1 << 20;

    private SettingsJson() {
    }

    /** The shared mapper (snake_case, public fields, strict). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Reads and validates settings from a JSON string; {@code source} names it in errors. Every
     * failure, including one the settings type's own checks did not foresee (a {@code null} where
     * an object belongs), is an {@link InvalidSettingsException}.
     */
    public static <T extends Validatable> T read(String json, Class<T> type, String source) {
        T value;
        try {
            value = MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            // Named like ConfigCheck's problems: source.path, so parse and constraint errors read alike.
            String problem = describe(e);
            throw new InvalidSettingsException(source, List.of(source + (problem.startsWith(": ") ? "" : ".")
                    + problem));
        } catch (RuntimeException e) {
            throw new InvalidSettingsException(source, List.of("unreadable: " + e));
        }
        if (value == null) {
            throw new InvalidSettingsException(source, List.of("the document is empty (null)"));
        }
        ConfigCheck check = ConfigCheck.of(source);
        try {
            value.validate(check);
        } catch (InvalidSettingsException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new InvalidSettingsException(source, List.of("invalid structure (" + e
                    + "); is a settings object null or of the wrong type?"));
        }
        check.throwIfInvalid();
        return value;
    }

    /**
     * Reads and validates settings from a JSON file of at most {@link #MAX_FILE_BYTES} bytes (the
     * size is checked before reading).
     */
    public static <T extends Validatable> T read(Path file, Class<T> type) {
        String json;
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new InvalidSettingsException(file.toString(), List.of("file is " + size
                        + " bytes, more than the " + MAX_FILE_BYTES + "-byte limit for a settings file"));
            }
            json = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new InvalidSettingsException(file.toString(), List.of("file not found"));
        } catch (IOException e) {
            throw new InvalidSettingsException(file.toString(), List.of("cannot read: " + e));
        }
        return read(json, type, file.toString());
    }

    /** Writes settings as indented JSON. */
    public static String write(Object settings) {
        try {
            return MAPPER.writeValueAsString(settings);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + settings.getClass().getSimpleName(), e);
        }
    }

    /** A deep copy ({@link SettingsCopy}), so a caller's later edits cannot reach an estimator. */
    public static <T> T copy(T settings, Class<T> type) {
        return type.cast(SettingsCopy.copy(settings));
    }

    /**
     * Turns a Jackson error into one line: the JSON path, what went wrong and where
     * ({@code a.b[2]: what (line 1, column 9)}; {@code : what ...} at the root).
     */
    public static String describe(JsonProcessingException e) {
        String path = e instanceof JsonMappingException mapping ? path(mapping) : "";
        String line = location(e);
        String what;
        if (e instanceof UnrecognizedPropertyException unknown) {
            what = "unknown field '" + unknown.getPropertyName() + "'; known fields: "
                    + unknown.getKnownPropertyIds();
        } else if (e instanceof InvalidNullException) {
            // Jackson passes an absent record component as null too: say both.
            what = "Invalid `null` value: the field is missing or null, and it is required";
        } else if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null
                && TOKEN.matcher(e.getOriginalMessage()).find()) {
            // The parser is closed by now; the message names the token it stood on.
            Matcher token = TOKEN.matcher(e.getOriginalMessage());
            token.find();
            what = "expected " + expected(mismatch.getTargetType()) + ", found " + found(JsonToken.valueOf(token.group(1)));
        } else {
            what = e.getOriginalMessage();
        }
        return path + ": " + what + line;
    }

    private static String expected(Class<?> type) {
        if (type.isArray() || java.util.Collection.class.isAssignableFrom(type)) {
            return "a JSON array";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type.isPrimitive() && type != boolean.class || Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        return type == boolean.class || type == Boolean.class ? "true or false" : "a JSON object";
    }

    private static String found(JsonToken token) {
        return switch (token) {
            case START_ARRAY -> "an array";
            case START_OBJECT -> "an object";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.toString();
        };
    }

    /** The JSON path of a mapping error, {@code a.b[2].c}; empty at the root. */
    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() != null
                ? " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")"
                : "";
    }
}
