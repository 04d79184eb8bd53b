package dev.parley.comment;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * The site's blocked words and domains, compiled once per change of the lists. Words are found in
 * one pass over the text, whatever their number, by an Aho–Corasick automaton over code points;
 * a match counts only as a whole word (no letter or digit, in any script, right before or after
 * it). Domains are a set of folded host names: a host is blocked when it or any parent domain of it
 * is in the set.
 *
 * <p>Hand-written rather than taken from org.ahocorasick:ahocorasick 0.6.3 (measured on this
 * machine, 10,000 words): that library keeps a HashMap of boxed chars per state, about 200 bytes a
 * state — 12.9 MB and 0.2 s to build for words of 4 to 12 letters, 204 MB and 1.7 s for 100-letter
 * words — and its whole-word test looks at single chars and letters only (not digits, not code
 * points). Here a state is five ints in flat arrays, 20 bytes: 58,000 states, 1.2 MB and 26 ms for
 * the first list, 978,000 states, 20 MB and 80 ms for the second; a step binary-searches the
 * state's sorted edges.
 */
final class BlockList {
    static final BlockList EMPTY = of(Set.of(), Set.of());
    private static final int ROOT = 0;

    /**
     * The trie in breadth-first order: the children of state s are the states
     * {@code firstChild[s]} to {@code firstChild[s + 1] - 1}, sorted by {@code label} (the code point
     * on the edge into them).
     */
    private final int[] label;
    private final int[] firstChild;
    private final int[] fail;
    /** The UTF-16 length of the word that ends at a state, 0 when none does. */
    private final int[] wordChars;
    /** The next state on the fail chain where a word ends (ROOT: none). */
    private final int[] nextWord;
    private final Set<String> domains;

    private BlockList(int[] label, int[] firstChild, int[] fail, int[] wordChars, int[] nextWord, Set<String> domains) {
        this.label = label;
        this.firstChild = firstChild;
        this.fail = fail;
        this.wordChars = wordChars;
        this.nextWord = nextWord;
        this.domains = domains;
    }

    static BlockList of(Collection<String> words, Collection<String> domains) {
        int[][] sorted = words.stream().map(Fold::of).filter(w -> !w.isEmpty()).distinct()
                .map(w -> w.codePoints().toArray()).sorted(Arrays::compare).toArray(int[][]::new);
        Set<String> hosts = new HashSet<>();
        for (String d : domains) {
            String host = Link.host(d);
            if (!host.isEmpty()) {
                hosts.add(host);
            }
        }
        return new Builder(sorted).build(Set.copyOf(hosts));
    }

    /** Whether the folded text holds a blocked word as a whole word. */
    boolean hasWord(String folded) {
        int state = ROOT;
        for (int i = 0; i < folded.length(); ) {
            int cp = folded.codePointAt(i);
            i += Character.charCount(cp);
            state = step(state, cp);
            for (int s = wordChars[state] > 0 ? state : nextWord[state]; s != ROOT; s = nextWord[s]) {
                if (wholeWord(folded, i - wordChars[s], i)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether this host, or a domain it belongs to, is blocked. */
    boolean blocksHost(String host) {
        for (int dot = -1; ; dot = host.indexOf('.', dot + 1)) {
            if (domains.contains(host.substring(dot + 1))) {
                return true;
            }
            if (host.indexOf('.', dot + 1) < 0) {
                return false;
            }
        }
    }

    boolean hasDomains() {
        return !domains.isEmpty();
    }

    /** The number of automaton states, for tests of its size. */
    int states() {
        return label.length;
    }

    private int step(int state, int cp) {
        for (int s = state; ; s = fail[s]) {
            int next = child(s, cp);
            if (next >= 0) {
                return next;
            }
            if (s == ROOT) {
                return ROOT;
            }
        }
    }

    private int child(int s, int cp) {
        return find(label, firstChild[s], firstChild[s + 1], cp);
    }

    /** The index of {@code cp} among the sorted labels from {@code lo} (inclusive) to {@code end}, or -1. */
    private static int find(int[] label, int lo, int end, int cp) {
        int hi = end - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (label[mid] < cp) {
                lo = mid + 1;
            } else if (label[mid] > cp) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    private static boolean wholeWord(String text, int start, int end) {
        return (start == 0 || !wordChar(text.codePointBefore(start)))
                && (end == text.length() || !wordChar(text.codePointAt(end)));
    }

    /** A letter or a number in any script: {@code [\p{L}\p{N}]}. */
    private static boolean wordChar(int cp) {
        int type = Character.getType(cp);
        return Character.isLetter(cp) || type == Character.DECIMAL_DIGIT_NUMBER
                || type == Character.LETTER_NUMBER || type == Character.OTHER_NUMBER;
    }

    /**
     * Builds the trie breadth first from the sorted words (the words below a state are a
     * contiguous range, so its children come out sorted and contiguous), with fail links set as
     * each state is made: a state's fail target is shallower, so it exists already.
     */
    private static final class Builder {
        private final int[][] words;
        private final int[] label;
        private final int[] firstChild;
        private final int[] fail;
        private final int[] wordChars;
        private final int[] nextWord;
        /** Per state: the range of words below it, and its depth. */
        private final int[] from;
        private final int[] to;
        private final int[] depth;
        private int states = 1;

        Builder(int[][] words) {
            this.words = words;
            int capacity = 1 + Arrays.stream(words).mapToInt(w -> w.length).sum();
            label = new int[capacity];
            firstChild = new int[capacity + 1];
            fail = new int[capacity];
            wordChars = new int[capacity];
            nextWord = new int[capacity];
            from = new int[capacity];
            to = new int[capacity];
            depth = new int[capacity];
            to[ROOT] = words.length;
        }

        BlockList build(Set<String> domains) {
            for (int s = 0; s < states; s++) {
                firstChild[s] = states;
                int d = depth[s];
                int i = from[s];
                while (i < to[s]) {
                    int cp = words[i][d];
                    int j = i;
                    while (j < to[s] && words[j][d] == cp) {
                        j++;
                    }
                    addChild(s, cp, i, j);
                    i = j;
                }
            }
            firstChild[states] = states;
            return new BlockList(Arrays.copyOf(label, states), Arrays.copyOf(firstChild, states + 1),
                    Arrays.copyOf(fail, states), Arrays.copyOf(wordChars, states), Arrays.copyOf(nextWord, states), domains);
        }

        private void addChild(int parent, int cp, int wordsFrom, int wordsTo) {
            int c = states++;
            int d = depth[parent] + 1;
            label[c] = cp;
            depth[c] = d;
            from[c] = wordsFrom;
            to[c] = wordsTo;
            if (words[wordsFrom].length == d) {
                // The shortest word of a range sorts first: it is the one that ends here.
                wordChars[c] = new String(words[wordsFrom], 0, d).length();
                from[c]++;
            }
            fail[c] = parent == ROOT ? ROOT : failTarget(fail[parent], cp);
            nextWord[c] = wordChars[fail[c]] > 0 ? fail[c] : nextWord[fail[c]];
        }

        private int failTarget(int state, int cp) {
            // Every state on the chain is shallower than the one being made, so its children are
            // all made and firstChild[s + 1] is set.
            for (int s = state; ; s = fail[s]) {
                int k = find(label, firstChild[s], firstChild[s + 1], cp);
                if (k >= 0) {
                    return k;
                }
                if (s == ROOT) {
                    return ROOT;
                }
            }
        }
    }
}
