package dev.parley.transfer;

import dev.parley.comment.CommentRules;
import dev.parley.protocol.ApiException;
import dev.parley.protocol.Json;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Parley's own export ({@link Exporter}, docs/import-export.md). A copy, not a foreign system's
 * trash: deleted and pending comments come back as they were, with their author ids and address
 * hashes, and locked threads stay locked. Source ids are the export's {@code origin} and the
 * comment's id, so exports of two servers never collide. A file without its {@code end} line, or
 * whose counts differ from it, was cut short and is refused whole.
 */
final class ParleyReader {
    private final Json json = new Json();

    SourceFile read(Path file) throws IOException {
        SourceFile out = new SourceFile();
        try (BufferedReader lines = Readers.lines(file)) {
            String line = lines.readLine();
            JsonObject header = line == null ? null : Readers.jsonLine(json, line, 1, "Parley export");
            if (header == null || !"export".equals(header.getValue("type"))
                    || !Exporter.FORMAT.equals(header.getValue("format"))) {
                throw new ImportException("not a Parley export: the first line is not its header");
            }
            if (!(header.getValue("version") instanceof Number v) || v.intValue() != Exporter.VERSION) {
                throw new ImportException("Parley export version " + header.getValue("version")
                        + " is not known here (this server reads version " + Exporter.VERSION + ")");
            }
            String origin = String.valueOf(header.getValue("origin"));
            long threads = 0;
            long comments = 0;
            JsonObject end = null;
            int number = 1;
            while ((line = lines.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                JsonObject record = Readers.jsonLine(json, line, number, "Parley export");
                switch (String.valueOf(record.getValue("type"))) {
                    case "thread" -> {
                        threads++;
                        if (Boolean.TRUE.equals(record.getValue("locked"))) {
                            out.lockedThreads.add(thread(record, number));
                        }
                    }
                    case "comment" -> {
                        comments++;
                        comment(record, origin, number, out);
                    }
                    case "end" -> end = record;
                    default -> {
                        // sites and line types of later versions: nothing to import here
                    }
                }
            }
            checkEnd(end, threads, comments);
        }
        return out;
    }

    private static void checkEnd(JsonObject end, long threads, long comments) {
        if (end == null) {
            throw new ImportException("the Parley export is cut short: it has no end line");
        }
        if (!(end.getValue("threads") instanceof Number t) || t.longValue() != threads
                || !(end.getValue("comments") instanceof Number c) || c.longValue() != comments) {
            throw new ImportException("the Parley export is damaged: its end line counts " + end.getValue("threads")
                    + " threads and " + end.getValue("comments") + " comments, the file holds " + threads + " and " + comments);
        }
    }


    private static String thread(JsonObject record, int number) {
        try {
            return CommentRules.thread(record.getValue("thread"));
        } catch (ApiException e) {
            throw new ImportException("Parley export, line " + number + ": " + e.getMessage());
        }
    }

    private static void comment(JsonObject c, String origin, int number, SourceFile out) {
        if (!(c.getValue("id") instanceof Number id)) {
            throw new ImportException("Parley export, line " + number + ": a comment without an id");
        }
        Instant created = Readers.instant(Readers.string(c, "createdAt"));
        if (created == null) {
            throw new ImportException("Parley export, line " + number + ": createdAt is not an RFC 3339 time");
        }
        String parent = c.getValue("parent") instanceof Number p ? origin + ":" + p.longValue() : null;
        SourceComment.Carried carried = new SourceComment.Carried(nullable(c, "authorId"), nullable(c, "ipHash"),
                Boolean.TRUE.equals(c.getValue("verified")), nullable(c, "avatar"), Boolean.TRUE.equals(c.getValue("deleted")),
                nullable(c, "deletedBy"), Boolean.TRUE.equals(c.getValue("pending")));
        String thread = thread(c, number);
        out.add(new SourceComment(origin + ":" + id.longValue(), thread, thread, parent, Readers.string(c, "author"), null,
                Readers.string(c, "body"), created, Readers.instant(Readers.string(c, "editedAt")), carried));
    }

    private static String nullable(JsonObject o, String field) {
        return o.getValue(field) instanceof String s ? s : null;
    }
}
