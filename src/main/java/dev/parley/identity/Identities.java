package dev.parley.identity;

import dev.parley.comment.Actor;
import dev.parley.comment.CommentRules;
import dev.parley.comment.CommentStore;
import dev.parley.comment.NewComment;
import dev.parley.comment.Poster;
import dev.parley.protocol.ApiException;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.ThreadKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * Turns what a request carries (author token, SSO token, moderator token, client address) into
 * who is asking. Cheap (a few HMACs), so the edge may call it on an event loop.
 */
public final class Identities {
    /** A poster and, when signed in, the site's user. */
    public record PostIdentity(Poster poster, SsoTokens.SsoUser ssoUser) {
    }

    private final AuthorTokens tokens;
    private final SsoTokens sso;
    private final AddressHasher addresses;
    private final ServerSecret secret;
    private final byte[] adminToken;

    public Identities(AuthorTokens tokens, SsoTokens sso, AddressHasher addresses, ServerSecret secret, String adminToken) {
        this.tokens = tokens;
        this.sso = sso;
        this.addresses = addresses;
        this.secret = secret;
        this.adminToken = adminToken.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A signed-in user (SSO) is always the same author, derived from their site and the site's
     * user id; a valid author token keeps its author; no token starts a new author. A bad token
     * is refused.
     */
    public PostIdentity poster(String authorToken, String ssoJwt, String ipHash) {
        return poster(authorToken, ssoJwt, ipHash, ThreadKey.DEFAULT_SITE);
    }

    /**
     * Who posts to {@code site}. A Parley site other than the default one trusts only the sign-in
     * secrets named after it ({@code PARLEY_SSO_SECRET=site=secret}): another site's user is not
     * its user. The default site takes every secret, as before sites.
     */
    public PostIdentity poster(String authorToken, String ssoJwt, String ipHash, String site) {
        if (ssoJwt != null) {
            SsoTokens.SsoUser user = sso.verify(ssoJwt);
            if (!site.equals(ThreadKey.DEFAULT_SITE) && !site.equals(user.signedBy())) {
                throw new ApiException(ErrorCode.UNAUTHORIZED, "sign-in token refused: not signed by this site");
            }
            String authorId = ssoAuthorId(user.site(), user.id());
            return new PostIdentity(new Poster(authorId, ipHash, user.site(), user.id(), user.avatar(), false), user);
        }
        String authorId = authorToken == null ? tokens.newAuthorId() : tokens.verify(authorToken);
        return new PostIdentity(Poster.anonymous(authorId, ipHash, authorToken == null), null);
    }

    /**
     * The author id of a site's user. The legacy scope keeps the id Parley always gave (from the
     * user id alone); a named site's ids come from its name and the user id, under another MAC
     * purpose, so they can never equal a legacy id or another site's. Site names hold no ':'.
     */
    public String ssoAuthorId(String site, String ssoUser) {
        byte[] mac = site.equals(SsoSites.LEGACY_SCOPE) ? secret.mac("sso-user", ssoUser)
                : secret.mac("sso-site-user", site + ":" + ssoUser);
        return "sso-" + Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(mac, 16));
    }

    /** The token of an author id minted for a reader (their first vote): handed to them alone. */
    public String authorToken(String authorId) {
        return tokens.tokenFor(authorId);
    }

    /** The author token a post's answer carries: its owner's, or none (a replay by someone else). */
    public String answerToken(CommentStore.Posted posted) {
        return posted.ownerId() == null ? null : tokens.tokenFor(posted.ownerId());
    }

    /** A new comment as REST and WebSocket both carry it, checked, with the identity behind it. */
    public record Post(NewComment comment, PostIdentity who) {
    }

    /**
     * Reads a post from either transport: the honeypot, then who is posting (author token or
     * sign-in token), then the comment's fields (a signed-in author's name is the site's).
     */
    public Post readPost(io.vertx.core.json.JsonObject post, String authorToken, String idempotencyKey, String ipHash,
                         String site) {
        CommentRules.refuseHoneypot(post);
        PostIdentity who = poster(authorToken, CommentRules.optionalString(post, "sso"), ipHash, site);
        NewComment c = CommentRules.newComment(signedInAuthor(post, who), idempotencyKey);
        return new Post(new NewComment(ThreadKey.of(site, c.thread()), c.parent(), c.author(), c.body(),
                c.idempotencyKey()), who);
    }

    private static io.vertx.core.json.JsonObject signedInAuthor(io.vertx.core.json.JsonObject post, PostIdentity who) {
        return who.ssoUser() == null ? post : post.copy().put("author", who.ssoUser().name());
    }

    public String addressHash(String clientAddress) {
        return addresses.hash(clientAddress);
    }

    /** Who asks to change a comment, from an {@code Authorization: Bearer} header and their address. */
    public Actor actor(String authorization, String ipHash) {
        String token = bearer(authorization);
        if (isModeratorToken(token)) {
            return new Actor.Moderator("moderator");
        }
        return new Actor.Author(tokens.verify(token), ipHash);
    }

    /** Admin endpoints: 401 without credentials, 403 with anything but the moderator token. */
    public void requireModerator(String authorization) {
        if (!isModeratorToken(bearer(authorization))) {
            throw new ApiException(ErrorCode.FORBIDDEN, "not a moderator token");
        }
    }

    /** The bearer token of an Authorization header; 401 when there is none. */
    public static String bearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                || authorization.length() <= 7) {
            throw new ApiException(ErrorCode.UNAUTHORIZED, "credentials required (Authorization: Bearer ...)");
        }
        return authorization.substring(7).trim();
    }

    /** The bearer token if the header has one, else null (posting without a token is allowed). */
    public static String optionalBearer(String authorization) {
        return authorization == null ? null : bearer(authorization);
    }

    private boolean isModeratorToken(String token) {
        return adminToken.length > 0 && MessageDigest.isEqual(adminToken, token.getBytes(StandardCharsets.UTF_8));
    }
}
