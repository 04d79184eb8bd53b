package dev.parley.identity;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The sites that sign their users in, from {@code PARLEY_SSO_SECRET}: a comma list of
 * {@code site=secret} entries, where each site's users are a space of identities of their own
 * (site B's user "42" is not site A's user "42"). A site may have several secrets at once, to
 * rotate one: {@code blog=old,blog=new}; identities follow the site's name, not its secret.
 *
 * <p>A bare secret (no {@code site=}) keeps the meaning it had before sites existed: every bare
 * secret signs users of one shared space, the <em>legacy scope</em>, whose author ids are the ones
 * Parley has always derived. {@code PARLEY_SSO_LEGACY_SITE} moves one named site into that scope,
 * so that naming a secret that used to be bare keeps its users' ids.
 *
 * <p>An entry is {@code site=secret} when the text before its first {@code =} is a site name (1 to
 * 32 letters, digits, {@code .}, {@code _} or {@code -}, compared in lower case); anything else is a
 * bare secret. A bare secret that holds such an {@code =} of its own is written with a leading
 * {@code =}. No message here ever contains a secret, nor a name that could be part of one.
 */
public final class SsoSites {
    public static final int MIN_SECRET_LENGTH = 32;
    /** The scope of bare secrets and of the legacy site: author ids as they were before sites. */
    public static final String LEGACY_SCOPE = "";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,32}");

    /**
     * One secret, the scope of the users it signs in (a site's name, or {@link #LEGACY_SCOPE}), the
     * site it was named after ("" for a bare secret: the legacy site keeps its name here while its
     * users keep the legacy scope), and whether it was given without a site name.
     */
    record Secret(String scope, String site, byte[] key, boolean bare) {
    }

    private final List<Secret> secrets;

    private SsoSites(List<Secret> secrets) {
        this.secrets = List.copyOf(secrets);
    }

    /** No site signs users in. */
    public static SsoSites none() {
        return new SsoSites(List.of());
    }

    /** {@code PARLEY_SSO_SECRET} alone (no legacy site). */
    public static SsoSites parse(String value) {
        return parse(value, "");
    }

    /**
     * {@code PARLEY_SSO_SECRET} and {@code PARLEY_SSO_LEGACY_SITE} (empty: none).
     *
     * @throws IllegalArgumentException naming the entry by its position, never by its text
     */
    public static SsoSites parse(String value, String legacySite) {
        String legacy = legacySite == null ? "" : legacySite.strip().toLowerCase(Locale.ROOT);
        if (!legacy.isEmpty() && !NAME.matcher(legacy).matches()) {
            throw new IllegalArgumentException("the legacy site must be a site name: 1 to 32 letters, digits, '.', '_' or '-'");
        }
        List<Secret> secrets = new ArrayList<>();
        Map<String, Integer> scopeOfSecret = new HashMap<>();
        Map<Integer, String> scopeAt = new HashMap<>();
        boolean bare = false;
        boolean legacyNamed = false;
        String[] entries = value == null ? new String[0] : value.split(",");
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i].strip();
            if (entry.isEmpty()) {
                continue;
            }
            int position = i + 1;
            int eq = entry.indexOf('=');
            boolean named = eq > 0 && NAME.matcher(entry.substring(0, eq)).matches();
            String site = named ? entry.substring(0, eq).toLowerCase(Locale.ROOT) : LEGACY_SCOPE;
            String secret = named ? entry.substring(eq + 1) : eq == 0 ? entry.substring(1) : entry;
            bare |= !named;
            legacyNamed |= named && site.equals(legacy);
            if (secret.length() < MIN_SECRET_LENGTH) {
                throw new IllegalArgumentException("entry " + position + ": the secret must be at least "
                        + MIN_SECRET_LENGTH + " characters");
            }
            String scope = site.equals(legacy) ? LEGACY_SCOPE : site;
            Integer first = scopeOfSecret.putIfAbsent(secret, position);
            if (first != null && !scopeAt.get(first).equals(scope)) {
                throw new IllegalArgumentException("entries " + first + " and " + position
                        + ": one secret cannot sign in the users of two sites");
            }
            scopeAt.put(position, scope);
            if (first == null) {
                secrets.add(new Secret(scope, site, secret.getBytes(StandardCharsets.UTF_8), !named));
            }
        }
        if (!legacy.isEmpty() && !legacyNamed) {
            throw new IllegalArgumentException("the legacy site '" + legacy + "' is not one of the sites");
        }
        if (!legacy.isEmpty() && bare) {
            throw new IllegalArgumentException("a bare secret and a legacy site cannot both be set: both would"
                    + " give their users the same ids; name the bare secret's site and make it the legacy one");
        }
        return new SsoSites(secrets);
    }

    public boolean enabled() {
        return !secrets.isEmpty();
    }

    /** How many secrets have no site name (they all share the legacy scope). */
    public long bareSecrets() {
        return secrets.stream().filter(Secret::bare).count();
    }

    List<Secret> secrets() {
        return secrets;
    }
}
