package dev.parley.comment;

import dev.parley.protocol.ApiException;
import dev.parley.protocol.ErrorCode;

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

        /** This moderator, if it is the server's admin (every site); else 403 naming {@code why}. */
        public Moderator requireServerAdmin(String why) {
            if (site != null) {
                throw new ApiException(ErrorCode.FORBIDDEN, why);
            }
            return this;
        }
    }
}
