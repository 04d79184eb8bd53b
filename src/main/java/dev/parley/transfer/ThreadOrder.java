package dev.parley.transfer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The order one thread's comments are stored in, and the parent each one gets. Seqs are taken in
 * this order, so it is by {@code createdAt} (then file order), except that a parent always comes
 * before its replies. A parent that was skipped (deleted, spam…) hands its replies to its own
 * parent, up to the nearest comment kept; a parent in another thread, unknown, or in a cycle of
 * replies leaves the reply at the top level.
 */
final class ThreadOrder {
    /** Longest chain of skipped parents walked: more is a damaged file, and the reply goes to the top. */
    private static final int MAX_HOPS = 10_000;

    /** A comment and the source id of the parent it will have (null: top level). */
    record Placed(SourceComment comment, String parent) {
    }

    private final Map<String, String> threadOf;
    private final Set<String> earlier;
    private final Map<String, String> skippedParents;
    private int reparented;

    /**
     * {@code threadOf}: the thread of every comment kept from the file; {@code earlier}: the file's
     * ids imported before (valid parents, not stored again); {@code skippedParents}: the parents of
     * comments the reader skipped.
     */
    ThreadOrder(Map<String, String> threadOf, Set<String> earlier, Map<String, String> skippedParents) {
        this.threadOf = threadOf;
        this.earlier = earlier;
        this.skippedParents = skippedParents;
    }

    int reparented() {
        return reparented;
    }

    /** The comments of one thread to store (none imported before), in the order to store them. */
    List<Placed> order(String thread, List<SourceComment> comments) {
        List<SourceComment> sorted = new ArrayList<>(comments);
        sorted.sort(Comparator.comparing(SourceComment::createdAt)); // stable: file order among equals
        Map<String, Placed> byId = new HashMap<>();
        for (SourceComment c : sorted) {
            String parent = parentOf(c, thread);
            if (c.parent() != null && !c.parent().equals(parent)) {
                reparented++;
            }
            byId.put(c.id(), new Placed(c, parent));
        }
        Set<String> emitted = new HashSet<>();
        List<Placed> out = new ArrayList<>(sorted.size());
        for (SourceComment c : sorted) {
            emitWithAncestors(byId.get(c.id()), byId, emitted, out);
        }
        return out;
    }

    /** Emits the comment after any of its ancestors not yet emitted; a cycle is cut where it closes. */
    private void emitWithAncestors(Placed placed, Map<String, Placed> byId, Set<String> emitted, List<Placed> out) {
        LinkedHashSet<String> chain = new LinkedHashSet<>();
        List<Placed> pending = new ArrayList<>();
        Placed at = placed;
        while (at != null && !emitted.contains(at.comment().id()) && chain.add(at.comment().id())) {
            pending.add(at);
            Placed parent = at.parent() == null ? null : byId.get(at.parent());
            if (parent != null && chain.contains(parent.comment().id())) {
                Placed cut = new Placed(at.comment(), null);
                pending.set(pending.size() - 1, cut);
                byId.put(at.comment().id(), cut);
                reparented++;
                break;
            }
            at = parent;
        }
        for (int i = pending.size() - 1; i >= 0; i--) {
            emitted.add(pending.get(i).comment().id());
            out.add(pending.get(i));
        }
    }

    /** The nearest ancestor a reply can have in this thread, or null. */
    private String parentOf(SourceComment c, String thread) {
        String p = c.parent();
        for (int hops = 0; p != null; hops++) {
            String pThread = threadOf.get(p);
            if (pThread != null) {
                return pThread.equals(thread) ? p : null;
            }
            if (earlier.contains(p)) {
                return p; // stored before: the store keeps it only if it is in this thread
            }
            if (!skippedParents.containsKey(p) || hops >= MAX_HOPS) {
                return null;
            }
            p = skippedParents.get(p);
        }
        return null;
    }
}
