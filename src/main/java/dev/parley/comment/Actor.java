package dev.parley.comment;

/** Who asks to change a comment: its author (by author id, from this address hash) or a moderator. */
public sealed interface Actor {
    record Author(String authorId, String ipHash) implements Actor {
    }

    /**
     * A moderator: of every site ({@code site} null: the server-wide admin token) or of one site
     * (its moderator token).
     */
    record Moderator(String name, String site) implements Actor {
        public Moderator(String name) {
            this(name, null);
        }

        public boolean moderates(String commentSite) {
            return site == null || site.equals(commentSite);
        }
    }
}
