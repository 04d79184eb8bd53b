package dev.parley.transfer;

import dev.parley.protocol.ThreadEvent;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/** What an import needs from storage. */
public interface ImportStore {

    /** Of these source ids, the ones this site already imported from this format. */
    Set<String> imported(String site, String format, Collection<String> sourceIds);

    /** Of these name keys ({@code AuthorName.key}), the ones a signed-in author has reserved. */
    Set<String> reservedNames(Collection<String> nameKeys);

    /**
     * Stores these comments of one thread, in this order, in one transaction: each takes the
     * thread's next seq and records its creation event (a pending one takes neither), exactly as
     * a new post does, but keeps its own {@code createdAt}. A row whose source id was imported
     * before is skipped; a parent is looked up by its source id and dropped when it is not a
     * comment of this thread. Returns the events to publish, in seq order.
     */
    List<ThreadEvent> insert(String site, String format, String thread, List<ImportRow> rows, Instant now);

    /** Locks a thread (Parley's own export carries which threads were locked). */
    void lock(String thread, Instant now);

    /** For a dry run without a database: nothing imported yet, no name reserved, nothing written. */
    ImportStore NONE = new ImportStore() {
        @Override
        public Set<String> imported(String site, String format, Collection<String> sourceIds) {
            return Set.of();
        }

        @Override
        public Set<String> reservedNames(Collection<String> nameKeys) {
            return Set.of();
        }

        @Override
        public List<ThreadEvent> insert(String site, String format, String thread, List<ImportRow> rows, Instant now) {
            throw new IllegalStateException("a dry run writes nothing");
        }

        @Override
        public void lock(String thread, Instant now) {
            throw new IllegalStateException("a dry run writes nothing");
        }
    };
}
