package dev.parley.vote;

/**
 * Who votes: an author id (an anonymous reader's token's, a new one minted for a reader who had
 * none — {@code newVoter} — or a signed-in user's), the hash of the address the vote comes from,
 * whether a site vouches for them ({@code signedIn}), and the Parley site the vote is cast on (a
 * comment of another site is not there to vote on).
 */
public record Voter(String authorId, String ipHash, boolean signedIn, boolean newVoter, String site) {
}
