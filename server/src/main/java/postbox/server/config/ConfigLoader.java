package postbox.server.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Collectors;

/** Reads a YAML config file into a {@link ConfigFile}; every error names the file and the key. Thread-safe. */
public final class ConfigLoader {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private ConfigLoader() {
    }

    /** Loads {@code file}; an empty file is a config with every default. */
    public static ConfigFile load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException("config " + file + ": no such file");
        } catch (IOException e) {
            throw new ConfigException("config " + file + ": cannot be read (" + e.getMessage() + ")");
        }
        if (text.isBlank()) {
            return ConfigFile.empty();
        }
        try {
            ConfigFile config = YAML.readValue(text, ConfigFile.class);
            return config == null ? ConfigFile.empty() : config;
        } catch (UnrecognizedPropertyException e) {
            throw new ConfigException("config " + file + ": unknown key '" + key(e) + "'"
                    + " (known here: " + e.getKnownPropertyIds().stream().map(Object::toString).sorted()
                    .collect(Collectors.joining(", ")) + ")");
        } catch (MismatchedInputException e) {
            throw new ConfigException("config " + file + ": key '" + key(e) + "' (line " + line(e) + "): expected "
                    + expected(e.getTargetType()));
        } catch (JsonMappingException e) {
            throw new ConfigException("config " + file + ": key '" + key(e) + "' (line " + line(e) + "): "
                    + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw new ConfigException("config " + file + ": not valid YAML at line " + line(e) + ": "
                    + e.getOriginalMessage());
        }
    }

    private static String line(JsonProcessingException e) {
        return e.getLocation() == null ? "?" : String.valueOf(e.getLocation().getLineNr());
    }

    /** What a value of {@code type} looks like, in an administrator's words. */
    private static String expected(Class<?> type) {
        if (type == null) {
            return "another kind of value";
        }
        if (type == Integer.class || type == int.class) {
            return "a whole number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a single value";
        }
        if (java.util.List.class.isAssignableFrom(type)) {
            return "a list, e.g. [a, b]";
        }
        return "a section of 'key: value' lines";
    }

    private static String key(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }
}
