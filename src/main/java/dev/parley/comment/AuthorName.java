package dev.parley.comment;

import dev.parley.protocol.ApiException;
import dev.parley.protocol.ErrorCode;
import java.lang.Character.UnicodeScript;
import java.util.Locale;
import java.util.Set;

/**
 * What a display name may contain, and the key by which reserved names are compared.
 *
 * <p>A name is shown beside every comment, so it may not carry what changes how the page reads
 * without being seen: control characters (line breaks, tabs), bidi overrides and isolates, unpaired
 * surrogates, and invisible characters. The zero-width joiners are the exception where writing
 * needs them: ZWJ between emoji (👩‍💻), and ZWJ or ZWNJ after a letter of a script that joins
 * or conjoins (Persian می‌خواهم, Devanagari क्‍ष). Variation selectors are kept after the
 * characters they vary (emoji, Han ideographs, Mongolian letters), tag characters only in an emoji
 * flag sequence (🏴 + tags + cancel tag).
 */
public final class AuthorName {
    /** Scripts whose writing uses ZWJ/ZWNJ: cursive joining (Arabic family) and Brahmic conjuncts. */
    private static final Set<UnicodeScript> JOINING = Set.of(
            UnicodeScript.ARABIC, UnicodeScript.SYRIAC, UnicodeScript.NKO, UnicodeScript.MANDAIC,
            UnicodeScript.MONGOLIAN, UnicodeScript.HANIFI_ROHINGYA, UnicodeScript.DEVANAGARI,
            UnicodeScript.BENGALI, UnicodeScript.GURMUKHI, UnicodeScript.GUJARATI, UnicodeScript.ORIYA,
            UnicodeScript.TAMIL, UnicodeScript.TELUGU, UnicodeScript.KANNADA, UnicodeScript.MALAYALAM,
            UnicodeScript.SINHALA, UnicodeScript.MYANMAR, UnicodeScript.KHMER, UnicodeScript.TIBETAN);
    private static final int ZWNJ = 0x200C;
    private static final int ZWJ = 0x200D;
    private static final int BLACK_FLAG = 0x1F3F4;
    private static final int CANCEL_TAG = 0xE007F;

    private AuthorName() {
    }

    /**
     * The key reserved names are stored and compared by: the TR39 skeleton of the folded name, so
     * case, width, invisible characters and look-alike letters from other scripts all collide. A
     * first skeleton before folding keeps look-alikes that folding would split: capital {@code I}
     * looks like {@code l}, but folds to {@code i}.
     */
    public static String key(String name) {
        return Confusables.skeleton(Fold.of(Confusables.skeleton(name)));
    }

    /** Refuses a name that hides or reorders text, with {@code invalid_author} saying why. */
    static String check(String name) {
        boolean visible = false;
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            int next = i + Character.charCount(cp);
            if (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) {
                throw refused("must not contain an unpaired surrogate (broken UTF-16)");
            }
            if (Character.getType(cp) == Character.CONTROL || cp == 0x2028 || cp == 0x2029) {
                throw refused("must not contain control characters such as line breaks or tabs");
            }
            if ((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069)) {
                throw refused("must not contain bidirectional override or isolate characters");
            }
            if (cp == BLACK_FLAG && next < name.length() && isTag(name.codePointAt(next))) {
                next = flagTags(name, next);
            } else if (invisible(cp) && !allowedHere(name, i, cp)) {
                throw refused("must not contain invisible characters (" + hex(cp) + ")");
            }
            visible |= shows(cp);
            i = next;
        }
        if (!visible) {
            throw refused("must contain a visible character");
        }
        return name;
    }

    /** Characters that render as nothing, or as blank space that is not a space. */
    private static boolean invisible(int cp) {
        return Fold.ignorable(cp) || Character.getType(cp) == Character.FORMAT || cp == 0x2800;
    }

    /** The joiners and variation selectors that writing needs, where it needs them. */
    private static boolean allowedHere(String name, int at, int cp) {
        if (at == 0) {
            return false;
        }
        int before = name.codePointBefore(at);
        if (cp == ZWJ || cp == ZWNJ) {
            int after = at + 1 < name.length() ? name.codePointAt(at + 1) : -1;
            boolean script = (Character.isLetter(before) || isMark(before)) && JOINING.contains(UnicodeScript.of(before));
            return script || (cp == ZWJ && emoji(emojiBase(name, at)) && emoji(after));
        }
        if (cp >= 0xFE00 && cp <= 0xFE0F) {
            return emoji(before) || Character.isDigit(before) || before == '#' || before == '*'
                    || UnicodeScript.of(before) == UnicodeScript.HAN;
        }
        if (cp >= 0xE0100 && cp <= 0xE01EF) {
            return UnicodeScript.of(before) == UnicodeScript.HAN;
        }
        if ((cp >= 0x180B && cp <= 0x180D) || cp == 0x180F) {
            return UnicodeScript.of(before) == UnicodeScript.MONGOLIAN && Character.isLetter(before);
        }
        return false;
    }

    /** The emoji a ZWJ follows, looking past its presentation selector and skin-tone modifier. */
    private static int emojiBase(String name, int at) {
        int i = at;
        while (i > 0) {
            int cp = name.codePointBefore(i);
            if (cp != 0xFE0F && !Character.isEmojiModifier(cp)) {
                return cp;
            }
            i -= Character.charCount(cp);
        }
        return -1;
    }

    private static boolean emoji(int cp) {
        return cp > 0x7F && (Character.isExtendedPictographic(cp) || Character.isEmoji(cp));
    }

    private static boolean isMark(int cp) {
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }

    private static boolean isTag(int cp) {
        return cp >= 0xE0020 && cp <= CANCEL_TAG;
    }

    /** An emoji flag's tag run (letters and digits, then the cancel tag); returns the index after it. */
    private static int flagTags(String name, int from) {
        int i = from;
        int tags = 0;
        while (i < name.length()) {
            int cp = name.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == CANCEL_TAG && tags > 0) {
                return i;
            }
            boolean spec = (cp >= 0xE0030 && cp <= 0xE0039) || (cp >= 0xE0061 && cp <= 0xE007A);
            if (!spec || ++tags > 8) {
                break;
            }
        }
        throw refused("must not contain invisible characters (tag characters outside an emoji flag)");
    }

    /** Letters, digits, punctuation and symbols show; spaces, marks and format characters alone do not. */
    private static boolean shows(int cp) {
        return !invisible(cp) && !isMark(cp) && !Character.isWhitespace(cp) && !Character.isSpaceChar(cp);
    }

    private static String hex(int cp) {
        return String.format(Locale.ROOT, "U+%04X", cp);
    }

    private static ApiException refused(String why) {
        return new ApiException(ErrorCode.INVALID_AUTHOR, "author " + why);
    }
}
