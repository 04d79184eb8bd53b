package dev.parley.identity;

import dev.parley.protocol.ApiException;
import dev.parley.protocol.ErrorCode;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Author tokens for anonymous authors: {@code a1.<authorId>.<mac>}, where the MAC is the server's
 * HMAC over the author id. Whoever holds the token may act as that author; nothing else about the
 * author is in it, and it never leaves the server except in its owner's own answers.
 */
public final class AuthorTokens {
    private static final String PREFIX = "a1.";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private final ServerSecret secret;
    private final SecureRandom random = new SecureRandom();

    public AuthorTokens(ServerSecret secret) {
        this.secret = secret;
    }

    public String newAuthorId() {
        byte[] id = new byte[16];
        random.nextBytes(id);
        return B64.encodeToString(id);
    }

    public String tokenFor(String authorId) {
        return PREFIX + authorId + "." + B64.encodeToString(secret.mac("author-token", authorId));
    }

    /**
     * The author's public key (the comment's {@code authorKey}): the first 8 bytes of the server's
     * HMAC over {@code "author-key:" + authorId}, in base64url (11 characters). Stable for as long
     * as the secret is, the same for all of one author's comments, and useless for finding the
     * author id or forging a token: a different purpose than the token's MAC, and a truncated one.
     */
    public String publicKey(String authorId) {
        return B64.encodeToString(java.util.Arrays.copyOf(secret.mac("author-key", authorId), 8));
    }

    /** The author id a token proves; a malformed, forged or foreign token is {@code unauthorized}. */
    public String verify(String token) {
        if (token != null && token.length() <= 200 && token.startsWith(PREFIX)) {
            int dot = token.indexOf('.', PREFIX.length());
            if (dot > PREFIX.length()) {
                String authorId = token.substring(PREFIX.length(), dot);
                byte[] expected = tokenFor(authorId).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                byte[] given = token.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                if (MessageDigest.isEqual(expected, given)) {
                    return authorId;
                }
            }
        }
        throw new ApiException(ErrorCode.UNAUTHORIZED, "author token is not valid");
    }
}
