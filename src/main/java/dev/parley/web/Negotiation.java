package dev.parley.web;

import java.util.Locale;

/** The two request headers a cached, compressed file answers to: If-None-Match and Accept-Encoding. */
final class Negotiation {
    private Negotiation() {
    }

    /** Whether an If-None-Match list names this tag (weak or strong, as GET compares them) or is {@code *}. */
    static boolean matchesTag(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals("*") || tag.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    /** Whether Accept-Encoding takes gzip: listed (or {@code *}) without {@code q=0}. */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        boolean gzip = false;
        boolean any = false;
        for (String part : acceptEncoding.toLowerCase(Locale.ROOT).split(",")) {
            String[] fields = part.split(";");
            String coding = fields[0].strip();
            boolean refused = false;
            for (int i = 1; i < fields.length; i++) {
                String param = fields[i].strip().replace(" ", "");
                if (param.startsWith("q=")) {
                    refused = param.substring(2).matches("0(\\.0{0,3})?");
                }
            }
            if (coding.equals("gzip") || coding.equals("x-gzip")) {
                if (refused) {
                    return false;
                }
                gzip = true;
            } else if (coding.equals("*")) {
                any = !refused;
            }
        }
        return gzip || any;
    }
}
