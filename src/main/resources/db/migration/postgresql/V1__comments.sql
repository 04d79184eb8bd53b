-- Threads carry the latest event seq; every change takes seq + 1 under the thread row's lock.
CREATE TABLE threads (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    thread_key    TEXT    NOT NULL UNIQUE,
    seq           BIGINT  NOT NULL DEFAULT 0,
    comment_count BIGINT  NOT NULL DEFAULT 0,
    created_at    BIGINT  NOT NULL
);

CREATE TABLE comments (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    thread_id       BIGINT  NOT NULL REFERENCES threads (id),
    seq             BIGINT  NOT NULL,
    parent_id       BIGINT  REFERENCES comments (id),
    author          TEXT    NOT NULL,
    body            TEXT    NOT NULL,
    html            TEXT    NOT NULL,
    created_at      BIGINT  NOT NULL,
    edited_at       BIGINT,
    deleted         BOOLEAN NOT NULL DEFAULT FALSE,
    idempotency_key TEXT,
    UNIQUE (thread_id, seq),
    UNIQUE (thread_id, idempotency_key)
);

CREATE TABLE thread_events (
    thread_id  BIGINT NOT NULL REFERENCES threads (id),
    seq        BIGINT NOT NULL,
    kind       TEXT   NOT NULL CHECK (kind IN ('comment', 'updated')),
    comment_id BIGINT NOT NULL REFERENCES comments (id),
    created_at BIGINT NOT NULL,
    PRIMARY KEY (thread_id, seq)
);

CREATE INDEX comments_parent ON comments (parent_id);
