package dev.parley.store;

/** The SQL databases Parley runs on; the few places they differ ask this. */
public enum Dialect {
    SQLITE("sqlite"),
    POSTGRESQL("postgresql");

    private final String migrations;

    Dialect(String folder) {
        this.migrations = "classpath:db/migration/" + folder;
    }

    public String migrations() {
        return migrations;
    }

    public static Dialect of(String jdbcUrl) {
        return jdbcUrl.startsWith("jdbc:sqlite:") ? SQLITE : POSTGRESQL;
    }
}
