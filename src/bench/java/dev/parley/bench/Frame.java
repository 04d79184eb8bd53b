package dev.parley.bench;

import java.nio.charset.StandardCharsets;

/**
 * Reads just what the tool needs from a server frame, in place in the read buffer: the frame
 * type, a number after a key, the request id. No JSON tree and no String per frame. Everything the
 * tool reads sits in the frame's head, before the rendered HTML: type, seq, request id, error code,
 * and the body's {@code t=} send time; only that head is scanned. This relies on the server's
 * compact JSON (no spaces after colons) and field order, which its encoder fixes.
 */
final class Frame {
    static final int OTHER = 0;
    static final int COMMENT = 1;
    static final int SUBSCRIBED = 2;
    static final int ACK = 3;
    static final int ERROR = 4;
    static final int PING = 5;
    static final int PRESENCE = 6;

    /** How much of each frame is looked at. */
    static final int HEAD = 1024;

    static final byte[] TYPE = bytes("\"type\":\"");
    static final byte[] SEQ = bytes("\"seq\":");
    static final byte[] SENT = bytes("\"body\":\"t=");
    static final byte[] ID = bytes("\"id\":\"");
    static final byte[] CODE = bytes("\"code\":\"");

    private Frame() {
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The frame's type, looked up from its first bytes. */
    static int type(byte[] b, int from, int to) {
        int at = after(b, from, Math.min(to, from + 48), TYPE);
        if (at < 0 || at + 2 > to) {
            return OTHER;
        }
        byte c1 = b[at + 1];
        return switch (b[at]) {
            case 'c' -> COMMENT;
            case 's' -> SUBSCRIBED;
            case 'a' -> ACK;
            case 'e' -> ERROR;
            case 'p' -> c1 == 'i' ? PING : c1 == 'r' ? PRESENCE : OTHER;
            default -> OTHER;
        };
    }

    /** The index just past the first occurrence of {@code key} in [from, to), or -1. */
    static int after(byte[] b, int from, int to, byte[] key) {
        byte first = key[0];
        int last = to - key.length;
        outer:
        for (int i = from; i <= last; i++) {
            if (b[i] != first) {
                continue;
            }
            for (int k = 1; k < key.length; k++) {
                if (b[i + k] != key[k]) {
                    continue outer;
                }
            }
            return i + key.length;
        }
        return -1;
    }

    /** The non-negative decimal number right after {@code key}, or -1 when absent. */
    static long number(byte[] b, int from, int to, byte[] key) {
        int at = after(b, from, to, key);
        return at < 0 ? -1 : digits(b, at, to);
    }

    /** The decimal digits starting at {@code at}, or -1 when there are none. */
    static long digits(byte[] b, int at, int to) {
        long n = 0;
        int i = Math.max(at, 0);
        int start = i;
        for (; i < to; i++) {
            byte c = b[i];
            if (c < '0' || c > '9') {
                break;
            }
            n = n * 10 + (c - '0');
        }
        return i == start ? -1 : n;
    }

    /** The index of {@code c} in [from, to), or -1. */
    static int indexOf(byte[] b, int from, int to, byte c) {
        for (int i = Math.max(from, 0); i < to; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    /** A short JSON string value after {@code key} (no escapes expected), or null. */
    static String string(byte[] b, int from, int to, byte[] key) {
        int at = after(b, from, to, key);
        int end = at < 0 ? -1 : indexOf(b, at, to, (byte) '"');
        return end < 0 ? null : new String(b, at, end - at, StandardCharsets.UTF_8);
    }
}
