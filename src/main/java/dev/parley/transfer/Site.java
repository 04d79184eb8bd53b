package dev.parley.transfer;

/**
 * The {@code --site} option and {@code site=} parameter, before a server has several sites: the
 * name is checked (1 to 64 letters, digits, {@code .}, {@code _} or {@code -}, starting with a
 * letter or digit) and accepted, and everything goes to the default site. Once sites exist this
 * is where a name becomes a site.
 */
public final class Site {
    public static final String DEFAULT = "default";

    private Site() {
    }

    /** The site a given name means (the default one for now); null or empty means the default site. */
    public static String of(String name) {
        if (name == null || name.isEmpty()) {
            return DEFAULT;
        }
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw new IllegalArgumentException("site must be 1 to 64 letters, digits, '.', '_' or '-'");
        }
        return DEFAULT;
    }
}
