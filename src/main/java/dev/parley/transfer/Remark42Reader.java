package dev.parley.transfer;

import dev.parley.protocol.Json;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Remark42's backup (its export, often gzipped): a first line of metadata
 * ({@code {"version":1,"users":[…],"posts":[…]}}), then one comment per line: {@code id},
 * {@code pid} (parent, "" for none), {@code text} (the rendered, sanitised HTML), {@code user}
 * ({@code id}, {@code name}), {@code locator.url}, {@code time}, {@code edit.time}, and
 * {@code delete} for a deleted one (its text already gone). The author's key is their Remark42
 * user id ({@code github_…}, {@code anonymous_…}). Avatars are not kept: Remark42 serves them
 * itself, and they would break once it is gone.
 */
final class Remark42Reader {
    private final HtmlToMarkdown html = new HtmlToMarkdown(false);
    private final Json json = new Json();

    SourceFile read(Path file) throws IOException {
        SourceFile out = new SourceFile();
        try (BufferedReader lines = Readers.lines(file)) {
            String line = lines.readLine();
            JsonObject meta = line == null ? null : Readers.jsonLine(json, line, 1, "Remark42 backup");
            if (meta == null || meta.containsKey("id") || !(meta.getValue("version") instanceof Number version)
                    || version.intValue() > 1) {
                throw new ImportException("not a Remark42 backup: the first line is not its metadata"
                        + " ({\"version\":1,\"users\":…,\"posts\":…})");
            }
            int number = 1;
            while ((line = lines.readLine()) != null) {
                number++;
                if (!line.isBlank()) {
                    comment(Readers.jsonLine(json, line, number, "Remark42 backup"), out);
                }
            }
        }
        return out;
    }


    private void comment(JsonObject c, SourceFile out) {
        String id = string(c, "id");
        String parent = string(c, "pid").isEmpty() ? null : string(c, "pid");
        JsonObject user = object(c, "user");
        JsonObject locator = object(c, "locator");
        Instant created = Readers.instant(string(c, "time"));
        String url = string(locator, "url");
        String thread = PagePath.of(url).orElse(null);
        String reason = id.isEmpty() || created == null ? SourceFile.UNREADABLE
                : Boolean.TRUE.equals(c.getValue("delete")) ? SourceFile.DELETED
                : thread == null ? SourceFile.NO_PAGE : null;
        if (reason != null) {
            out.skip(reason, id.isEmpty() ? null : id, parent);
            return;
        }
        String userId = string(user, "id");
        out.add(new SourceComment(id, url, thread, parent, string(user, "name"), userId.isEmpty() ? null : "user:" + userId,
                html.convert(string(c, "text")), created, Readers.instant(string(object(c, "edit"), "time")), null));
    }

    private static String string(JsonObject o, String field) {
        return Readers.string(o, field).strip();
    }

    private static JsonObject object(JsonObject o, String field) {
        return o.getValue(field) instanceof JsonObject inner ? inner : new JsonObject();
    }
}
