package dev.parley.protocol;

/**
 * A thread's key inside the server: the site and the thread key a page gives, as one string. The
 * default site's threads keep their plain key (so data from before sites needs no migration);
 * another site's are {@code site + U+001F + thread}. Thread keys never hold control characters
 * (CommentRules), so the separator cannot be forged, and every per-thread structure (feeds,
 * broker channels, page caches, idempotency keys, presence) is per site without knowing it.
 * Clients only ever see the thread part: the encoders write {@link #thread}.
 */
public final class ThreadKey {
    public static final String DEFAULT_SITE = "default";
    /** Between a site's name and a thread key; never in a thread key (control characters are refused). */
    public static final char SEPARATOR = '\u001F';

    private ThreadKey() {
    }

    public static String of(String site, String thread) {
        return site.equals(DEFAULT_SITE) ? thread : site + SEPARATOR + thread;
    }

    /** The site of an internal key. */
    public static String site(String key) {
        int at = key.indexOf(SEPARATOR);
        return at < 0 ? DEFAULT_SITE : key.substring(0, at);
    }

    /** The thread key a client gave (and sees), without the site. */
    public static String thread(String key) {
        int at = key.indexOf(SEPARATOR);
        return at < 0 ? key : key.substring(at + 1);
    }
}
