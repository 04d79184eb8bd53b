package dev.parley.comment;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The confusable skeleton of Unicode TR39 (section 4): two strings that look alike, such as
 * {@code paypal} and {@code payрal} with a Cyrillic {@code р}, have the same skeleton.
 *
 * <p>The mappings are Unicode's confusables.txt (version and source in the resource's header),
 * trimmed to its two data fields: 6,565 entries, 85 KB (30 KB compressed in the jar), read on first
 * use in about 30 ms of CPU, 0.3 MB of heap. ICU4J's {@code SpoofChecker} computes the same
 * skeleton ({@code AuthorNameTest} checks every entry against ICU 78.2, whose data is Unicode 17.0)
 * but adds 15.2 MB to a 29 MB jar, and a cold first skeleton costs about 120 ms of CPU and 1 MB of
 * heap against 50 ms and 0.4 MB here (both counting their normalizer's start). The table is
 * immutable Unicode data, like the JDK's own character tables, so one copy serves every app in
 * the JVM.
 */
final class Confusables {
    private static final Confusables TABLE = load();

    /** Sorted sources, and the prototype each maps to at the same index. */
    private final int[] sources;
    private final String[] prototypes;

    private Confusables(int[] sources, String[] prototypes) {
        this.sources = sources;
        this.prototypes = prototypes;
    }

    /** TR39 skeleton: NFD, default-ignorables removed, each character replaced by its prototype, NFD. */
    static String skeleton(String s) {
        String nfd = Normalizer.normalize(s, Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(nfd.length());
        for (int i = 0; i < nfd.length(); ) {
            int cp = nfd.codePointAt(i);
            i += Character.charCount(cp);
            if (Fold.ignorable(cp)) {
                continue;
            }
            int at = Arrays.binarySearch(TABLE.sources, cp);
            if (at >= 0) {
                out.append(TABLE.prototypes[at]);
            } else {
                out.appendCodePoint(cp);
            }
        }
        return Normalizer.normalize(out, Normalizer.Form.NFD);
    }

    private static Confusables load() {
        List<String> lines = new ArrayList<>();
        try (InputStream in = Confusables.class.getResourceAsStream("confusables.txt")) {
            if (in == null) {
                throw new IllegalStateException("confusables.txt is missing from the jar");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isEmpty() && !line.startsWith("#")) {
                    lines.add(line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Sorted by source as (source << 32 | line index): a primitive sort, no comparator to bootstrap.
        long[] order = new long[lines.size()];
        for (int i = 0; i < order.length; i++) {
            String line = lines.get(i);
            order[i] = (long) Integer.parseInt(line, 0, line.indexOf(';'), 16) << 32 | i;
        }
        Arrays.sort(order);
        int[] sources = new int[order.length];
        String[] prototypes = new String[order.length];
        for (int i = 0; i < order.length; i++) {
            sources[i] = (int) (order[i] >>> 32);
            String line = lines.get((int) order[i]);
            StringBuilder prototype = new StringBuilder(4);
            int from = line.indexOf(';') + 1;
            while (from < line.length()) {
                int space = line.indexOf(' ', from);
                int to = space < 0 ? line.length() : space;
                prototype.appendCodePoint(Integer.parseInt(line, from, to, 16));
                from = to + 1;
            }
            prototypes[i] = prototype.toString();
        }
        return new Confusables(sources, prototypes);
    }
}
