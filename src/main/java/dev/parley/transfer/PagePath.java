package dev.parley.transfer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The thread a page gets when the widget is given none: the page URL's path as a browser's
 * {@code location.pathname} shows it (docs/widget.md). So an imported page must be keyed exactly
 * as a browser would key it, or its old comments would sit in a thread nobody reads: host, query
 * and fragment dropped, {@code .} and {@code ..} segments resolved, {@code \} read as {@code /},
 * and what a browser percent-encodes in a path (non-ASCII as UTF-8, spaces, quotes, angle
 * brackets, backticks, braces) encoded the same way, while escapes already there stay as written.
 * Cut to 256 characters, as the widget cuts it.
 */
final class PagePath {
    static final int MAX = 256;
    private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.\\-]*):(.*)$", Pattern.DOTALL);
    private static final Set<String> WEB = Set.of("http", "https", "ws", "wss", "ftp", "file");

    private PagePath() {
    }

    /** The thread key for a page URL (absolute, protocol-relative or a bare path); empty when it names no web page. */
    static Optional<String> of(String url) {
        if (url == null) {
            return Optional.empty();
        }
        String s = url.replaceAll("[\\t\\n\\r]", "").replaceAll("^[\\x00-\\x20]+|[\\x00-\\x20]+$", "");
        if (s.isEmpty()) {
            return Optional.empty();
        }
        Matcher scheme = SCHEME.matcher(s);
        String rest;
        if (scheme.matches()) {
            if (!WEB.contains(scheme.group(1).toLowerCase(Locale.ROOT))) {
                return Optional.empty();
            }
            rest = withoutAuthority(scheme.group(2).replace('\\', '/'));
        } else {
            String slashed = s.replace('\\', '/');
            rest = slashed.startsWith("//") ? withoutAuthority(slashed) : slashed;
        }
        int end = firstOf(rest, "?#");
        String path = rest.substring(0, end);
        String encoded = normalize(encode(path.startsWith("/") ? path : "/" + path));
        return Optional.of(encoded.length() > MAX ? encoded.substring(0, MAX) : encoded);
    }

    /** Drops {@code //host:port} (after any number of slashes, as browsers do for web schemes). */
    private static String withoutAuthority(String afterScheme) {
        int start = 0;
        while (start < afterScheme.length() && afterScheme.charAt(start) == '/') {
            start++;
        }
        String authorityOn = afterScheme.substring(start);
        return authorityOn.substring(firstOf(authorityOn, "/?#"));
    }

    private static int firstOf(String s, String stops) {
        for (int i = 0; i < s.length(); i++) {
            if (stops.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return s.length();
    }

    /** The WHATWG path percent-encode set; {@code %} itself is left alone, as browsers leave it. */
    private static String encode(String path) {
        StringBuilder out = new StringBuilder(path.length());
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c <= 0x20 || c >= 0x7F || "\"<>`{}".indexOf(c) >= 0) {
                out.append('%').append(String.format(Locale.ROOT, "%02X", c));
            } else {
                out.append((char) c);
            }
        }
        return out.toString();
    }

    /** Resolves {@code .} and {@code ..} segments (also written {@code %2e}), as a URL parser does. */
    private static String normalize(String path) {
        String[] segments = path.substring(1).split("/", -1);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i].toLowerCase(Locale.ROOT);
            boolean last = i == segments.length - 1;
            if (segment.equals("..") || segment.equals(".%2e") || segment.equals("%2e.") || segment.equals("%2e%2e")) {
                if (!out.isEmpty()) {
                    out.remove(out.size() - 1);
                }
                if (last) {
                    out.add("");
                }
            } else if (segment.equals(".") || segment.equals("%2e")) {
                if (last) {
                    out.add("");
                }
            } else {
                out.add(segments[i]);
            }
        }
        return "/" + String.join("/", out);
    }
}
