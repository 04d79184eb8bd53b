package dev.parley.transfer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a reader found in a file: the comments to import, and for those it skipped, why (counted)
 * and which parent they had, so their replies can be attached to the nearest comment kept.
 */
final class SourceFile {
    static final String DELETED = "deleted";
    static final String SPAM = "spam";
    static final String UNAPPROVED = "unapproved";
    static final String NOT_A_COMMENT = "not a comment";
    static final String NO_THREAD = "no thread";
    static final String NO_PAGE = "no page";
    static final String UNREADABLE = "unreadable";
    static final String EMPTY = "empty";

    final List<SourceComment> comments = new ArrayList<>();
    final Map<String, String> skippedParents = new HashMap<>();
    final Map<String, Integer> skipped = new TreeMap<>();
    final Set<String> lockedThreads = new LinkedHashSet<>();

    void add(SourceComment comment) {
        comments.add(comment);
    }

    /** Counts a comment left out; {@code id} and {@code parent} may be null when the source has none. */
    void skip(String reason, String id, String parent) {
        skipped.merge(reason, 1, Integer::sum);
        if (id != null) {
            skippedParents.put(id, parent);
        }
    }
}
