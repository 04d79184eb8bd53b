package dev.parley.notify;

import dev.parley.identity.ServerSecret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * The links in mails: {@code payload.mac}, the payload (expiry, author id, a keyed digest of the
 * address) in base64url and its HMAC under the server secret for one purpose (a confirmation
 * token does not unsubscribe, nor the reverse). The address itself is not in the link, so proxy
 * logs and browser histories that keep URLs do not learn it. Confirmation links last
 * {@link #CONFIRM_FOR}, unsubscribe links {@link #UNSUBSCRIBE_FOR}: every mail carries a fresh one.
 */
public final class MailTokens {
    public static final Duration CONFIRM_FOR = Duration.ofDays(7);
    public static final Duration UNSUBSCRIBE_FOR = Duration.ofDays(365);
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    public enum Purpose { CONFIRM, UNSUBSCRIBE }

    /** Whose subscriptions a link is about: an author, and the digest of one of their addresses. */
    public record Holder(String authorId, String addressDigest) {
    }

    private final ServerSecret secret;
    private final Clock clock;

    public MailTokens(ServerSecret secret, Clock clock) {
        this.secret = secret;
        this.clock = clock;
    }

    public String issue(Purpose purpose, String authorId, String address) {
        Duration life = purpose == Purpose.CONFIRM ? CONFIRM_FOR : UNSUBSCRIBE_FOR;
        String payload = clock.instant().plus(life).getEpochSecond() + "\n" + authorId + "\n" + digest(address);
        return ENCODER.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + ENCODER.encodeToString(mac(purpose, payload));
    }

    /** The holder of a valid, unexpired token for this purpose; empty for anything else. */
    public Optional<Holder> read(Purpose purpose, String token) {
        if (token == null || token.length() > 1024) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        try {
            String payload = new String(Base64.getUrlDecoder().decode(token.substring(0, Math.max(0, dot))),
                    StandardCharsets.UTF_8);
            byte[] given = Base64.getUrlDecoder().decode(token.substring(dot + 1));
            if (dot < 0 || !MessageDigest.isEqual(mac(purpose, payload), given)) {
                return Optional.empty();
            }
            String[] parts = payload.split("\n", 3);
            if (parts.length != 3 || Instant.ofEpochSecond(Long.parseLong(parts[0])).isBefore(clock.instant())) {
                return Optional.empty();
            }
            return Optional.of(new Holder(parts[1], parts[2]));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Which of an author's addresses a link names: 16 bytes of an HMAC, in base64url. */
    public String digest(String address) {
        return ENCODER.encodeToString(java.util.Arrays.copyOf(secret.mac("mail-address", address), 16));
    }

    private byte[] mac(Purpose purpose, String payload) {
        return secret.mac("mail-" + purpose.name().toLowerCase(), payload);
    }
}
