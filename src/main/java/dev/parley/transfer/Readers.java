package dev.parley.transfer;

import java.io.BufferedInputStream;
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
