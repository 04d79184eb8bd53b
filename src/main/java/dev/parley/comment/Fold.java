package dev.parley.comment;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The one way text is folded before it is compared with a list: NFKC, case-folded,
 * default-ignorable code points removed, and every run of white space made one space. So
 * {@code "ＶＩ\u00ADAGRA"}, {@code "vi\u200Bagra"} and {@code "viagra"} fold alike.
 *
 * <p>Case folding is done with the JDK: upper case, then lower case ({@link Locale#ROOT}). That
 * folds {@code ß} to {@code ss} and {@code ς} to {@code σ} as Unicode's full case folding does,
 * and folds a little more (dotless {@code ı} to {@code i}), which only makes matches stricter.
 */
final class Fold {
    private Fold() {
    }

    static String of(String s) {
        String cased = Normalizer.normalize(s, Normalizer.Form.NFKC).toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
        String nfkc = Normalizer.normalize(cased, Normalizer.Form.NFKC);
        StringBuilder out = new StringBuilder(nfkc.length());
        boolean space = false;
        for (int i = 0; i < nfkc.length(); ) {
            int cp = nfkc.codePointAt(i);
            i += Character.charCount(cp);
            if (ignorable(cp)) {
                continue;
            }
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                space = true;
                continue;
            }
            if (space && !out.isEmpty()) {
                out.append(' ');
            }
            space = false;
            out.appendCodePoint(cp);
        }
        return out.toString();
    }

    /**
     * Unicode's Default_Ignorable_Code_Point (DerivedCoreProperties.txt, unchanged from 15.0 to
     * 17.0): characters that render as nothing, such as zero-width spaces, joiners, bidi controls,
     * variation selectors, fillers and tags.
     */
    static boolean ignorable(int cp) {
        return cp == 0x00AD || cp == 0x034F || cp == 0x061C || cp == 0x115F || cp == 0x1160
                || cp == 0x17B4 || cp == 0x17B5 || (cp >= 0x180B && cp <= 0x180F)
                || (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E)
                || (cp >= 0x2060 && cp <= 0x206F) || cp == 0x3164 || (cp >= 0xFE00 && cp <= 0xFE0F)
                || cp == 0xFEFF || cp == 0xFFA0 || (cp >= 0xFFF0 && cp <= 0xFFF8)
                || (cp >= 0x1BCA0 && cp <= 0x1BCA3) || (cp >= 0x1D173 && cp <= 0x1D17A)
                || (cp >= 0xE0000 && cp <= 0xE0FFF);
    }
}
