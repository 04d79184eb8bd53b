package dev.parley.comment;

/**
 * Who is posting, as the edge established it: the author id their token proves (or a new one,
 * {@code newAuthor}: the request carried no token), the salted hash of their address, and for
 * signed-in authors the site that vouches for them ({@code ssoSite}, "" for the legacy scope), the
 * site's user id and the avatar.
 */
public record Poster(String authorId, String ipHash, String ssoSite, String ssoUser, String avatar, boolean newAuthor) {

    /** An anonymous author, with a token ({@code newAuthor} false) or without. */
    public static Poster anonymous(String authorId, String ipHash, boolean newAuthor) {
        return new Poster(authorId, ipHash, null, null, null, newAuthor);
    }

    public boolean verified() {
        return ssoUser != null;
    }
}
