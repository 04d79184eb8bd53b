package dev.parley.protocol;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Reading and writing the wire format. Reading is strict and bounded: UTF-8 only (through
 * {@link Utf8}, so REST and WebSocket accept exactly the same bytes), no lone surrogates in any
 * string or name, at most {@link #MAX_DEPTH} levels of nesting, duplicate keys refused; every
 * failure becomes {@code invalid_json}. Writing goes straight through a streaming generator.
 */
public final class Json {
    public static final int MAX_DEPTH = 16;
    private static final DateTimeFormatter RFC3339_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final JsonFactory factory = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /**
     * Parses a JSON object from UTF-8 bytes; malformed UTF-8 is refused like malformed JSON. The
     * bytes are decoded here, not by the parser, which would take UTF-16 and UTF-32 as well.
     */
    public JsonObject parseObject(byte[] utf8) {
        String text;
        try {
            text = Utf8.decode(utf8);
        } catch (CharacterCodingException e) {
            throw new ApiException(ErrorCode.INVALID_JSON, "malformed JSON: the text must be UTF-8");
        }
        return parseObject(text);
    }

    public JsonObject parseObject(String text) {
        try (JsonParser parser = factory.createParser(text)) {
            return readDocument(parser);
        } catch (IOException e) {
            throw malformed(e);
        }
    }

    private JsonObject readDocument(JsonParser parser) throws IOException {
        try {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new ApiException(ErrorCode.INVALID_JSON, "expected a JSON object");
            }
            JsonObject object = readObject(parser);
            if (parser.nextToken() != null) {
                throw new ApiException(ErrorCode.INVALID_JSON, "unexpected content after the JSON object");
            }
            return object;
        } catch (ApiException e) {
            throw e;
        } catch (RuntimeException e) {
            throw malformed(e);
        }
    }

    private static ApiException malformed(Exception e) {
        return new ApiException(ErrorCode.INVALID_JSON, "malformed JSON: " + firstLine(e.getMessage()));
    }

    private JsonObject readObject(JsonParser parser) throws IOException {
        JsonObject object = new JsonObject();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = wellFormed(parser.currentName());
            parser.nextToken();
            object.put(name, readValue(parser));
        }
        return object;
    }

    private Object readValue(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        return switch (token) {
            case START_OBJECT -> readObject(parser);
            case START_ARRAY -> {
                JsonArray array = new JsonArray();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(readValue(parser));
                }
                yield array;
            }
            case VALUE_STRING -> wellFormed(parser.getText());
            case VALUE_NUMBER_INT -> parser.getNumberValue();
            case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new ApiException(ErrorCode.INVALID_JSON, "unexpected token " + token);
        };
    }

    private static String wellFormed(String s) {
        if (!Utf8.wellFormed(s)) {
            throw new ApiException(ErrorCode.INVALID_JSON, "malformed JSON: a string has a lone surrogate (\\ud800-\\udfff)");
        }
        return s;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable input";
        }
        int cut = message.indexOf('\n');
        String line = cut < 0 ? message : message.substring(0, cut);
        return line.length() > 160 ? line.substring(0, 160) : line;
    }

    /** Writes one JSON value with a generator and returns the UTF-8 bytes. */
    public byte[] write(Writer writer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator gen = factory.createGenerator(out, JsonEncoding.UTF8)) {
            writer.write(gen);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static void writeComment(JsonGenerator gen, Comment c) throws IOException {
        gen.writeStartObject();
        writeCommentFields(gen, c);
        gen.writeEndObject();
    }

    /** The comment's fields, inside an object the caller opened (and may add to). */
    public static void writeCommentFields(JsonGenerator gen, Comment c) throws IOException {
        gen.writeNumberField("id", c.id());
        gen.writeStringField("thread", ThreadKey.thread(c.thread()));
        gen.writeNumberField("seq", c.pending() ? 0 : c.seq());
        if (c.parent() == null) {
            gen.writeNullField("parent");
        } else {
            gen.writeNumberField("parent", c.parent());
        }
        gen.writeStringField("author", c.author());
        gen.writeStringField("body", c.body());
        gen.writeStringField("html", c.html());
        gen.writeStringField("createdAt", time(c.createdAt()));
        if (c.editedAt() == null) {
            gen.writeNullField("editedAt");
        } else {
            gen.writeStringField("editedAt", time(c.editedAt()));
        }
        gen.writeBooleanField("deleted", c.deleted());
        gen.writeBooleanField("verified", c.verified());
        if (c.avatar() == null) {
            gen.writeNullField("avatar");
        } else {
            gen.writeStringField("avatar", c.avatar());
        }
        if (c.authorKey() == null) {
            gen.writeNullField("authorKey");
        } else {
            gen.writeStringField("authorKey", c.authorKey());
        }
        if (c.pending()) {
            gen.writeBooleanField("pending", true);
        }
    }

    public static String time(Instant instant) {
        return RFC3339_MILLIS.format(instant);
    }

    @FunctionalInterface
    public interface Writer {
        void write(JsonGenerator gen) throws IOException;
    }
}
