package dev.parley.comment;

/** Who asks to change a comment: its author (by author id) or a moderator. */
public sealed interface Actor {
    record Author(String authorId) implements Actor {
    }

    record Moderator(String name) implements Actor {
    }
}
