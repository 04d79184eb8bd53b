package dev.parley.transfer;

import dev.parley.protocol.ApiException;
import dev.parley.protocol.Json;
import io.vertx.core.json.JsonObject;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.zip.GZIPInputStream;
import javax.xml.stream.XMLStreamException;

/** Small things the readers share. */
final class Readers {
    private Readers() {
    }

    /** A file's bytes, un-gzipped when they are gzip (Remark42 writes its backups gzipped). */
    static InputStream open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        in.mark(2);
        int first = in.read();
        int second = in.read();
        in.reset();
        return first == 0x1f && second == 0x8b ? new BufferedInputStream(new GZIPInputStream(in, 1 << 16)) : in;
    }

    /** An XML error in one line, with where it is. */
    static String describe(XMLStreamException e) {
        String message = e.getMessage() == null ? "malformed XML" : e.getMessage();
        int marker = message.indexOf("Message: ");
        String why = (marker >= 0 ? message.substring(marker + 9) : message).replaceAll("\\s+", " ").strip();
        return e.getLocation() == null ? why
                : "line " + e.getLocation().getLineNumber() + ", column " + e.getLocation().getColumnNumber() + ": " + why;
    }

    /** One line of a JSON Lines file; a line that is not a JSON object fails the import naming its number. */
    static JsonObject jsonLine(Json json, String line, int number, String what) {
        try {
            return json.parseObject(line);
        } catch (ApiException e) {
            throw new ImportException("not a readable " + what + ": line " + number + ": " + e.getMessage());
        }
    }

    /** A string field, or "" when it is absent or not a string. */
    static String string(JsonObject o, String field) {
        return o.getValue(field) instanceof String s ? s : "";
    }

    /** The lines of a file (gzipped or not) as UTF-8. */
    static BufferedReader lines(Path file) throws IOException {
        return new BufferedReader(new InputStreamReader(open(file), StandardCharsets.UTF_8));
    }

    /** An RFC 3339 time, or null. */
    static Instant instant(String text) {
        try {
            return text == null || text.isEmpty() ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            try {
                return java.time.OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException again) {
                return null;
            }
        }
    }
}
