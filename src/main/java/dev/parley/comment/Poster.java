package dev.parley.comment;

/**
 * Who is posting, as the edge established it: the author id their token proves (or a new one),
 * the salted hash of their address, and for signed-in authors the site's user id and avatar.
 */
public record Poster(String authorId, String ipHash, String ssoUser, String avatar) {

    public boolean verified() {
        return ssoUser != null;
    }
}
