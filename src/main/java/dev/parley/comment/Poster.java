package dev.parley.comment;

/**
 * Who is posting, as the edge established it: the author id their token proves (or a new one),
 * the salted hash of their address, and for signed-in authors the site's user id and avatar.
 * {@code known}: the author id was proven (an author token or a sign-in), not made up for this
 * post; a new author's id is new every time, so nothing is counted or kept per it.
 */
public record Poster(String authorId, String ipHash, String ssoUser, String avatar, boolean known) {

    public Poster(String authorId, String ipHash, String ssoUser, String avatar) {
        this(authorId, ipHash, ssoUser, avatar, true);
    }

    public boolean verified() {
        return ssoUser != null;
    }
}
