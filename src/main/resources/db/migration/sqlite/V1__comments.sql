-- Threads carry the latest event seq; every change takes seq + 1 in its own transaction.
CREATE TABLE threads (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    thread_key    TEXT    NOT NULL UNIQUE,
    seq           INTEGER NOT NULL DEFAULT 0,
    comment_count INTEGER NOT NULL DEFAULT 0,
    created_at    INTEGER NOT NULL
);

-- AUTOINCREMENT: a comment id is never reused, even after the newest row is removed.
CREATE TABLE comments (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    thread_id       INTEGER NOT NULL REFERENCES threads (id),
    seq             INTEGER NOT NULL,
    parent_id       INTEGER REFERENCES comments (id),
    author          TEXT    NOT NULL,
    body            TEXT    NOT NULL,
    html            TEXT    NOT NULL,
    created_at      INTEGER NOT NULL,
    edited_at       INTEGER,
    deleted         INTEGER NOT NULL DEFAULT 0,
    idempotency_key TEXT,
    UNIQUE (thread_id, seq),
    UNIQUE (thread_id, idempotency_key)
);

-- The outbox and the replay log: one row per seq of a thread.
CREATE TABLE thread_events (
    thread_id  INTEGER NOT NULL REFERENCES threads (id),
    seq        INTEGER NOT NULL,
    kind       TEXT    NOT NULL CHECK (kind IN ('comment', 'updated')),
    comment_id INTEGER NOT NULL REFERENCES comments (id),
    created_at INTEGER NOT NULL,
    PRIMARY KEY (thread_id, seq)
);

CREATE INDEX comments_parent ON comments (parent_id);
