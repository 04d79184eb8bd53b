package dev.parley.transfer;

import dev.parley.comment.AuthorName;
import dev.parley.comment.CommentRules;
import dev.parley.comment.EventPublisher;
import dev.parley.comment.Markdown;
import dev.parley.identity.ServerSecret;
import dev.parley.protocol.ApiException;
import dev.parley.protocol.ThreadEvent;
import dev.parley.protocol.ThreadKey;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Imports a file into the comments store, the same way from the command line and from the admin
 * API. Each comment is rendered and sanitised like a new one (its body may be longer than a post
 * may be: an import keeps what was written), its name must pass the name rules (else it becomes
 * {@link #NO_NAME}), and it is stored through the store's normal seq path, so every thread stays
 * gap-free; each stored comment's event is then published, so live readers see it arrive. No rate
 * limit, pre-moderation, duplicate or blocked-word check applies: an operator moves their own
 * history. Running the same file again stores nothing new.
 */
public final class Importer {
    public static final String NO_NAME = "Anonymous";
    /** Comments per transaction: small enough that live posts wait only briefly for SQLite's one writer. */
    static final int CHUNK = 200;
    private static final int MAX_WARNINGS = 20;

    /** An author id for an imported author, from the source's own identity of them. */
    @FunctionalInterface
    public interface AuthorIds {
        String of(String format, String authorKey);
    }

    private final ImportStore store;
    private final Markdown markdown;
    private final EventPublisher publisher;
    private final AuthorIds authorIds;
    private final Clock clock;

    public Importer(ImportStore store, Markdown markdown, EventPublisher publisher, AuthorIds authorIds, Clock clock) {
        this.store = store;
        this.markdown = markdown;
        this.publisher = publisher;
        this.authorIds = authorIds;
        this.clock = clock;
    }

    /**
     * Imported authors' ids: {@code imp-} and a MAC of the source's identity of them (user name, user
     * id or email), so one author's comments stay together (a moderator can ban or erase them), and
     * the email cannot be read back from the id.
     */
    public static AuthorIds authorIds(ServerSecret secret) {
        return (format, key) -> "imp-" + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(Arrays.copyOf(secret.mac("import-author", format + ":" + key), 16));
    }

    public ImportReport run(Format format, Path file, String site, boolean dryRun) throws IOException {
        SourceFile source = format.read(file);
        List<SourceComment> kept = new ArrayList<>();
        for (SourceComment c : source.comments) {
            if (c.body().isBlank() && c.carried() == null) {
                source.skip(SourceFile.EMPTY, c.id(), c.parent());
            } else {
                kept.add(c);
            }
        }
        Set<String> ids = new HashSet<>(source.skippedParents.keySet());
        kept.forEach(c -> ids.add(c.id()));
        Set<String> earlier = store.imported(site, format.wire(), ids);
        Map<String, String> threadOf = new HashMap<>();
        Map<String, List<SourceComment>> byThread = new LinkedHashMap<>();
        for (SourceComment c : kept) {
            threadOf.put(c.id(), c.thread());
            if (!earlier.contains(c.id())) {
                byThread.computeIfAbsent(c.thread(), t -> new ArrayList<>()).add(c);
            }
        }
        int already = (int) kept.stream().filter(c -> earlier.contains(c.id())).count();
        Names names = new Names(store.reservedNames(kept.stream().map(c -> AuthorName.key(c.author().strip())).toList()));
        ThreadOrder order = new ThreadOrder(threadOf, earlier, source.skippedParents);
        int stored = 0;
        for (Map.Entry<String, List<SourceComment>> thread : byThread.entrySet()) {
            List<ImportRow> rows = new ArrayList<>();
            for (ThreadOrder.Placed placed : order.order(thread.getKey(), thread.getValue())) {
                rows.add(row(format, placed, names));
            }
            stored += rows.size();
            if (!dryRun) {
                store(site, format, thread.getKey(), rows);
            }
        }
        if (!dryRun) {
            source.lockedThreads.forEach(t -> store.lock(ThreadKey.of(site, t), clock.instant()));
        }
        return new ImportReport(format.wire(), site, dryRun, store != ImportStore.NONE, byThread.size(), stored,
                already, new TreeMap<>(source.skipped), names.replaced, order.reparented(), mergedPages(kept));
    }

    private void store(String site, Format format, String thread, List<ImportRow> rows) {
        for (int from = 0; from < rows.size(); from += CHUNK) {
            List<ThreadEvent> events = store.insert(site, format.wire(), ThreadKey.of(site, thread),
                    rows.subList(from, Math.min(rows.size(), from + CHUNK)), clock.instant());
            events.forEach(publisher::publish);
        }
    }

    private ImportRow row(Format format, ThreadOrder.Placed placed, Names names) {
        SourceComment c = placed.comment();
        SourceComment.Carried carried = c.carried();
        String body = c.body().replace("\u0000", "").strip();
        if (carried != null) {
            boolean blank = carried.deleted() && "author".equals(carried.deletedBy()) || body.isEmpty();
            String author = blank && c.author().isEmpty() ? "" : names.check(c.author(), carried.verified());
            return new ImportRow(c.id(), placed.parent(), author, body, blank ? "" : markdown.render(body), c.createdAt(),
                    c.editedAt(), carried.authorId(), carried.ipHash(), carried.verified(), carried.avatar(),
                    carried.deleted(), carried.deletedBy(), carried.pending());
        }
        String authorId = c.authorKey() == null ? null : authorIds.of(format.wire(), c.authorKey());
        return new ImportRow(c.id(), placed.parent(), names.check(c.author(), false), body, markdown.render(body),
                c.createdAt(), c.editedAt(), authorId, null, false, null, false, null, false);
    }

    /** The name rules, as for a post; a name that fails them (or is empty) is replaced and counted. */
    private static final class Names {
        private final Set<String> reserved;
        int replaced;

        Names(Set<String> reserved) {
            this.reserved = reserved;
        }

        String check(String name, boolean verified) {
            try {
                String checked = CommentRules.author(name);
                if (verified || !reserved.contains(AuthorName.key(checked))) {
                    return checked;
                }
            } catch (ApiException refused) {
                // replaced below
            }
            replaced++;
            return NO_NAME;
        }
    }

    /** Pages that became one thread (their URLs differ in host or query only): worth a look before going live. */
    private static List<String> mergedPages(List<SourceComment> comments) {
        Map<String, Set<String>> pages = new TreeMap<>();
        for (SourceComment c : comments) {
            if (c.carried() == null) {
                int hash = c.page().indexOf('#');
                pages.computeIfAbsent(c.thread(), t -> new TreeSet<>()).add(hash < 0 ? c.page() : c.page().substring(0, hash));
            }
        }
        List<String> warnings = new ArrayList<>();
        long merged = pages.values().stream().filter(p -> p.size() > 1).count();
        pages.forEach((thread, urls) -> {
            if (urls.size() > 1 && warnings.size() < MAX_WARNINGS) {
                warnings.add(urls.size() + " pages become the one thread " + thread + " (their URLs differ in host or"
                        + " query only), e.g. " + String.join(" and ", urls.stream().limit(2).toList()));
            }
        });
        if (merged > MAX_WARNINGS) {
            warnings.add("and " + (merged - MAX_WARNINGS) + " more threads like these");
        }
        return warnings;
    }
}
