package dev.parley.notify;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A bare email address as readers and operators give it: {@code local@domain}, nothing else (no
 * display name, no comments, no quoted local part), so it can never carry a header line or a
 * second recipient. Kept in lower case: one person, one key for opt-in, limits and erasure.
 */
public final class EmailAddress {
    /** RFC 5321's limits: 64 for the local part, 254 for the whole path. */
    public static final int MAX_LENGTH = 254;
    private static final Pattern SHAPE = Pattern.compile(
            "[a-z0-9!#$%&'*+/=?^_`{|}~-]{1,64}(\\.[a-z0-9!#$%&'*+/=?^_`{|}~-]{1,64})*"
                    + "@[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+");

    private EmailAddress() {
    }

    /** The address in lower case; {@link IllegalArgumentException} naming the problem (never the value). */
    public static String check(String raw) {
        if (raw == null || raw.isEmpty() || raw.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("an email address has 3 to " + MAX_LENGTH + " characters");
        }
        String address = raw.toLowerCase(Locale.ROOT);
        if (!SHAPE.matcher(address).matches() || address.indexOf('@') > 64) {
            throw new IllegalArgumentException("not an email address like name@example.com");
        }
        return address;
    }
}
