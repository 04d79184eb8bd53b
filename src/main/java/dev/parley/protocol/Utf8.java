package dev.parley.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The wire's one text decoder, for REST bodies and WebSocket text frames alike: strict UTF-8 and
 * nothing else. Overlong forms, encoded surrogates (CESU-8), values above U+10FFFF and truncated
 * sequences are refused rather than replaced, and no other encoding is guessed from the bytes (a
 * JSON parser left to itself detects UTF-16 and UTF-32), so one text has exactly one spelling.
 */
public final class Utf8 {
    private Utf8() {
    }

    /** The text these bytes spell in UTF-8; anything malformed is refused, never replaced. */
    public static String decode(byte[] bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
    }

    public static boolean isValid(byte[] bytes) {
        try {
            decode(bytes);
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /**
     * Whether every surrogate is half of a pair. A JSON escape such as backslash-ud800 yields a
     * lone one, which has no UTF-8 form: the database would store a replacement for it, so two
     * different strings (two thread keys) would become one.
     */
    public static boolean wellFormed(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
