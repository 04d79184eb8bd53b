package dev.parley.comment;

import java.io.ByteArrayOutputStream;
import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A link reduced to what a browser would make of it: the host it would ask for, and a key that is
 * the same for two spellings of one address (so a link and its own text count once).
 *
 * <p>The host is taken as browsers take it, not as it is written: percent-escapes and entities
 * decoded (jsoup has already decoded the entities), NFKC and lower case, ideographic full stops
 * as dots, user info ({@code ok.com@evil.com}) and port dropped, trailing dots dropped
 * ({@code evil.com.}), international names in their ASCII form ({@code xn--…}). For http and https a
 * browser also reads {@code http:evil.com} and {@code http:\\evil.com} as {@code http://evil.com}.
 */
record Link(String host, String key) {

    /**
     * The link a URL leads to; its host is empty when it leads nowhere a reader could go. The URL
     * is split as a browser splits it, before percent-escapes are decoded: {@code ok.com%2F@evil.com}
     * is user info and the host {@code evil.com}.
     */
    static Link of(String url) {
        String u = Fold.of(url);
        if (u.startsWith("mailto:")) {
            String address = percentDecode(u.substring(0, indexOfAny(u, "?", 7)));
            return new Link(host(address.substring(address.lastIndexOf('@') + 1)), address);
        }
        int start = authorityStart(u);
        if (start < 0) {
            return new Link("", u);
        }
        int end = indexOfAny(u, "/\\?#", start);
        String host = host(u.substring(start, end));
        String rest = Fold.of(percentDecode(u.substring(end, indexOfAny(u, "#", end))));
        return new Link(host, host + rest);
    }

    /** A host or domain as a browser resolves it: {@code EVIL.com.:80} is {@code evil.com}. */
    static String host(String authority) {
        String h = Fold.of(authority);
        h = h.substring(h.lastIndexOf('@') + 1);
        int port = h.startsWith("[") ? h.indexOf(']') + 1 : h.indexOf(':');
        if (port > 0) {
            h = h.substring(0, port);
        }
        h = Fold.of(percentDecode(h)).replace('\u3002', '.').replace('\uFF0E', '.').replace('\uFF61', '.');
        int last = h.length();
        while (last > 0 && h.charAt(last - 1) == '.') {
            last--;
        }
        h = h.substring(0, last);
        try {
            h = IDN.toASCII(h, IDN.ALLOW_UNASSIGNED);
        } catch (IllegalArgumentException notAHostName) {
            // Kept as written: it still matches a blocked domain written the same way.
        }
        return h.toLowerCase(Locale.ROOT);
    }

    /** Where the host begins: after {@code scheme://}, or at {@code www.}; -1 when there is none. */
    private static int authorityStart(String u) {
        if (u.startsWith("www.")) {
            return 0;
        }
        int colon = u.indexOf(':');
        if (colon < 1 || !isScheme(u.substring(0, colon))) {
            return -1;
        }
        boolean special = u.startsWith("http:") || u.startsWith("https:");
        int i = colon + 1;
        int slashes = 0;
        while (i < u.length() && (u.charAt(i) == '/' || u.charAt(i) == '\\')) {
            i++;
            slashes++;
        }
        return special || slashes >= 2 ? i : -1;
    }

    private static boolean isScheme(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean letter = c >= 'a' && c <= 'z';
            if (!letter && (i == 0 || !((c >= '0' && c <= '9') || c == '+' || c == '.' || c == '-'))) {
                return false;
            }
        }
        return true;
    }

    private static int indexOfAny(String s, String chars, int from) {
        for (int i = from; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return s.length();
    }

    /** {@code %XX} escapes decoded as UTF-8; anything malformed is kept as written. */
    static String percentDecode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
        int plain = 0;
        for (int i = 0; i + 2 < s.length(); i++) {
            int hi = s.charAt(i) == '%' ? Character.digit(s.charAt(i + 1), 16) : -1;
            int lo = hi >= 0 ? Character.digit(s.charAt(i + 2), 16) : -1;
            if (lo >= 0) {
                bytes.writeBytes(s.substring(plain, i).getBytes(StandardCharsets.UTF_8));
                bytes.write(hi * 16 + lo);
                i += 2;
                plain = i + 1;
            }
        }
        bytes.writeBytes(s.substring(plain).getBytes(StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
