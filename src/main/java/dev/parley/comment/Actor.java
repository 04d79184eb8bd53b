package dev.parley.comment;

/** Who asks to change a comment: its author (by author id, from this address hash) or a moderator. */
public sealed interface Actor {
    record Author(String authorId, String ipHash) implements Actor {
    }

    record Moderator(String name) implements Actor {
    }
}
