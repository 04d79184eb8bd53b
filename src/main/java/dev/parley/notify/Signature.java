package dev.parley.notify;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The webhook signature, as docs/notifications.md gives the recipe to receivers:
 * {@code Parley-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>." + body>}, keyed with
 * {@code PARLEY_WEBHOOK_SECRET}. The timestamp is signed so a receiver can refuse old replays.
 */
public final class Signature {
    public static final String HEADER = "Parley-Signature";

    private final byte[] key;

    public Signature(String secret) {
        this.key = secret.getBytes(StandardCharsets.UTF_8);
    }

    public String header(long unixSeconds, byte[] body) {
        return "t=" + unixSeconds + ",v1=" + HexFormat.of().formatHex(mac(unixSeconds, body));
    }

    private byte[] mac(long unixSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((unixSeconds + ".").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(body);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
