package dev.weir.bwe.config;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Maps settings types to JSON and back: snake_case field names, public fields, unknown fields
 * rejected, every value validated after reading. A settings type is a class with public fields,
 * each initialised to its default, so a JSON file names only what it changes.
 *
 * <p>Thread-safe: the mapper is configured once and only read.
 */
public final class SettingsJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
            .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.PUBLIC_ONLY)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private SettingsJson() {
    }

    /** The shared mapper (snake_case, public fields, strict). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Reads and validates settings from a JSON string; {@code source} names it in errors. */
    public static <T extends Validatable> T read(String json, Class<T> type, String source) {
        T value;
        try {
            value = MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new InvalidSettingsException(source, List.of(describe(e)));
        }
        if (value == null) {
            throw new InvalidSettingsException(source, List.of("the document is empty (null)"));
        }
        ConfigCheck check = ConfigCheck.of(source);
        value.validate(check);
        check.throwIfInvalid();
        return value;
    }

    /** Reads and validates settings from a JSON file. */
    public static <T extends Validatable> T read(Path file, Class<T> type) {
        String json;
        try {
            json = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new InvalidSettingsException(file.toString(), List.of("file not found"));
        } catch (IOException e) {
            throw new InvalidSettingsException(file.toString(), List.of("cannot read: " + e.getMessage()));
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

    /** Turns a Jackson error into one line: the JSON path, the line and what went wrong. */
    public static String describe(JsonProcessingException e) {
        String where = "";
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            where = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[") + ": ";
        }
        String line = e.getLocation() != null
                ? " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")"
                : "";
        String what;
        if (e instanceof UnrecognizedPropertyException unknown) {
            what = "unknown field '" + unknown.getPropertyName() + "'; known fields: "
                    + unknown.getKnownPropertyIds();
        } else {
            what = e.getOriginalMessage();
        }
        return where + what + line;
    }
}
