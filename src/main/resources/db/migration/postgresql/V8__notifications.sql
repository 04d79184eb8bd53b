-- Stay informed (#13): consumers of the stored thread events (mail, webhooks), email
-- subscriptions, the mail outbox, and the page each thread lives on (for feed links).

-- Consumers find threads with new events by a window of recent events, not by reading every thread.
CREATE INDEX thread_events_created ON thread_events (created_at);

-- One consumer of thread events ('mail', 'webhook:<id>'): it handles events from since_at on;
-- every thread with events before scanned_to (less a slack) has been caught up or has a cursor
-- row marked behind.
CREATE TABLE event_consumers (
    consumer   TEXT    PRIMARY KEY,
    since_at   BIGINT  NOT NULL,
    scanned_to BIGINT  NOT NULL
);

-- Where a consumer is in one thread: the last seq handled. A node works on a thread only while it
-- holds the claim (claimed_until is a lease: a dead node's claim runs out); behind from the
-- claim until the thread is caught up; a failure waits until due_at (backoff).
CREATE TABLE event_cursors (
    consumer      TEXT    NOT NULL,
    thread_id     BIGINT  NOT NULL REFERENCES threads (id),
    seq           BIGINT  NOT NULL,
    behind        BOOLEAN NOT NULL DEFAULT FALSE,
    attempts      BIGINT  NOT NULL DEFAULT 0,
    due_at        BIGINT  NOT NULL DEFAULT 0,
    claimed_by    TEXT,
    claimed_until BIGINT  NOT NULL DEFAULT 0,
    PRIMARY KEY (consumer, thread_id)
);
CREATE INDEX event_cursors_behind ON event_cursors (consumer, behind, due_at);

-- A reader's request to be told of replies to one comment. Personal data: exported and erased
-- with the author. confirmed_at: when the address owner clicked the link (double opt-in); replies
-- from then on are mailed, none before.
CREATE TABLE mail_subscriptions (
    comment_id BIGINT  PRIMARY KEY REFERENCES comments (id),
    author_id  TEXT    NOT NULL,
    address    TEXT    NOT NULL,
    confirmed_at BIGINT,
    created_at BIGINT  NOT NULL
);
CREATE INDEX mail_subscriptions_author ON mail_subscriptions (author_id, address);

-- Per address: mails queued in the current hour, and when its last confirmation was queued.
-- Rows idle for a day are removed.
CREATE TABLE mail_addresses (
    address         TEXT    PRIMARY KEY,
    window_start    BIGINT  NOT NULL,
    in_window       BIGINT  NOT NULL,
    confirm_sent_at BIGINT  NOT NULL DEFAULT 0
);

-- Mails to send; a row is deleted once sent. One row per kind, comment and address, so a
-- notice queued twice is sent once. author_id: whose subscription a confirm or reply mail is for.
CREATE TABLE mail_outbox (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind          TEXT    NOT NULL CHECK (kind IN ('confirm', 'reply', 'moderator')),
    address       TEXT    NOT NULL,
    comment_id    BIGINT  NOT NULL REFERENCES comments (id),
    author_id     TEXT,
    created_at    BIGINT  NOT NULL,
    due_at        BIGINT  NOT NULL,
    attempts      BIGINT  NOT NULL DEFAULT 0,
    claimed_by    TEXT,
    claimed_until BIGINT  NOT NULL DEFAULT 0,
    UNIQUE (kind, comment_id, address)
);
CREATE INDEX mail_outbox_due ON mail_outbox (due_at);
CREATE INDEX mail_outbox_address ON mail_outbox (address);

-- The page a thread is shown on, as the widget last reported it (an allowed origin): feed links only.
CREATE TABLE thread_pages (
    thread_id  BIGINT  PRIMARY KEY REFERENCES threads (id),
    url        TEXT    NOT NULL,
    updated_at BIGINT  NOT NULL
);
