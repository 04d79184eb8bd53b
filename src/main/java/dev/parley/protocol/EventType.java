package dev.parley.protocol;

/** The kind of a thread event, named as the frame {@code type} that carries it. */
public enum EventType {
    /** A comment was created; its frame is {@code comment}. */
    COMMENT("comment"),
    /** An edit, deletion or moderation change; its frame is {@code updated}. */
    UPDATED("updated");

    private final String wire;

    EventType(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static EventType fromWire(String wire) {
        return "comment".equals(wire) ? COMMENT : UPDATED;
    }
}
