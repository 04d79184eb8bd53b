-- Votes (docs/protocol.md, "Votes"): one row per comment and voter, +1 or -1; withdrawing removes
-- the row. voter_id is an author id (an anonymous reader's token or a signed-in user's); ip_hash is
-- the address the vote came from, for the rule that votes of new readers count once per address.
CREATE TABLE votes (
    comment_id INTEGER NOT NULL REFERENCES comments (id),
    voter_id   TEXT    NOT NULL,
    value      INTEGER NOT NULL CHECK (value IN (-1, 1)),
    ip_hash    TEXT,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (comment_id, voter_id)
);
CREATE INDEX votes_voter ON votes (voter_id, created_at);
CREATE INDEX votes_ip_hash ON votes (ip_hash, comment_id);

-- Scores are kept beside the seq stream, not in it: one row per comment that was ever voted on,
-- overwritten by each vote, so a burst of votes on one comment is one row to catch up on. version is
-- the thread's score_seq when the row last changed: a reader that saw score_seq V asks for rows
-- with version > V.
CREATE TABLE scores (
    comment_id INTEGER PRIMARY KEY REFERENCES comments (id),
    thread_id  INTEGER NOT NULL REFERENCES threads (id),
    up         INTEGER NOT NULL DEFAULT 0,
    down       INTEGER NOT NULL DEFAULT 0,
    version    INTEGER NOT NULL
);
CREATE INDEX scores_thread_version ON scores (thread_id, version);

ALTER TABLE threads ADD COLUMN score_seq INTEGER NOT NULL DEFAULT 0;
