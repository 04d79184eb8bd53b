package dev.parley.transfer;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.parley.comment.StoredComment;
import dev.parley.identity.ServerSecret;
import dev.parley.protocol.Comment;
import dev.parley.protocol.Json;
import dev.parley.protocol.ThreadKey;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.util.List;

/**
 * Writes one site's threads and comments as JSON Lines (docs/import-export.md): a header, the
 * site, its threads (their keys as pages give them, without the site), its comments (each in its stored state, deleted and pending ones too, with
 * its author id and address hash), and an end line with the counts, so a file cut short is
 * noticed. An operator's copy: it holds what readers never see, and must never be served.
 *
 * <p>Reads go in pages of {@link #PAGE} rows by id, so memory stays flat whatever the size; they
 * are separate reads, so comments written during an export may or may not be in it (a backup is
 * the consistent copy).
 */
public final class Exporter {
    public static final String FORMAT = "parley-export";
    public static final int VERSION = 1;
    static final int PAGE = 1000;

    private final ExportStore store;
    private final String origin;
    private final String site;
    private final Clock clock;
    private final JsonFactory factory = JsonFactory.builder().build();

    /** {@code origin}: {@link #origin}, so imports of two servers' exports never mix their ids. */
    public Exporter(ExportStore store, String origin, String site, Clock clock) {
        this.store = store;
        this.origin = origin;
        this.site = site;
        this.clock = clock;
    }

    /** A stable name for this server's data (a MAC under its secret: it reveals nothing). */
    public static String origin(ServerSecret secret) {
        return java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(java.util.Arrays.copyOf(secret.mac("export-origin", ""), 9));
    }

    public record Counts(long threads, long comments) {
    }

    public Counts export(OutputStream out, String version) throws IOException {
        try (JsonGenerator gen = factory.createGenerator(out, JsonEncoding.UTF8)) {
            // The caller owns the stream (it may be standard output): flushed here, closed there.
            gen.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            gen.setRootValueSeparator(new SerializedString("\n"));
            gen.writeStartObject();
            gen.writeStringField("type", "export");
            gen.writeStringField("format", FORMAT);
            gen.writeNumberField("version", VERSION);
            gen.writeStringField("origin", origin);
            gen.writeStringField("exportedAt", Json.time(clock.instant()));
            gen.writeStringField("generator", "parley " + version);
            gen.writeEndObject();
            gen.writeStartObject();
            gen.writeStringField("type", "site");
            gen.writeStringField("site", site);
            gen.writeEndObject();
            long threads = threads(gen);
            long comments = comments(gen);
            gen.writeStartObject();
            gen.writeStringField("type", "end");
            gen.writeNumberField("threads", threads);
            gen.writeNumberField("comments", comments);
            gen.writeEndObject();
            gen.writeRaw('\n');
            return new Counts(threads, comments);
        }
    }

    private long threads(JsonGenerator gen) throws IOException {
        long count = 0;
        long after = 0;
        List<ExportStore.ExportedThread> page;
        while (!(page = store.threadsAfter(after, PAGE)).isEmpty()) {
            for (ExportStore.ExportedThread t : page) {
                after = t.id();
                if (!ThreadKey.site(t.thread()).equals(site)) {
                    continue;
                }
                gen.writeStartObject();
                gen.writeStringField("type", "thread");
                gen.writeStringField("site", site);
                gen.writeStringField("thread", ThreadKey.thread(t.thread()));
                gen.writeNumberField("seq", t.seq());
                gen.writeNumberField("comments", t.comments());
                gen.writeBooleanField("locked", t.locked());
                gen.writeStringField("createdAt", Json.time(t.createdAt()));
                gen.writeEndObject();
                count++;
            }
        }
        return count;
    }

    private long comments(JsonGenerator gen) throws IOException {
        long count = 0;
        long after = 0;
        List<StoredComment> page;
        while (!(page = store.commentsAfter(after, PAGE)).isEmpty()) {
            for (StoredComment s : page) {
                Comment c = s.comment();
                after = c.id();
                if (!ThreadKey.site(c.thread()).equals(site)) {
                    continue;
                }
                gen.writeStartObject();
                gen.writeStringField("type", "comment");
                gen.writeStringField("site", site);
                Json.writeCommentFields(gen, c);
                writeNullable(gen, "deletedBy", s.deletedBy());
                writeNullable(gen, "authorId", s.authorId());
                writeNullable(gen, "ipHash", s.ipHash());
                gen.writeEndObject();
                count++;
            }
        }
        return count;
    }

    private static void writeNullable(JsonGenerator gen, String field, String value) throws IOException {
        if (value == null) {
            gen.writeNullField(field);
        } else {
            gen.writeStringField(field, value);
        }
    }
}
