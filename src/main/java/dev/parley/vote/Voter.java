package dev.parley.vote;

/**
 * Who votes: an author id (an anonymous reader's token's, a new one minted for a reader who had
 * none — {@code newVoter} — or a signed-in user's), the hash of the address the vote comes from,
 * and whether a site vouches for them ({@code signedIn}).
 */
public record Voter(String authorId, String ipHash, boolean signedIn, boolean newVoter) {
}
