-- Identity and moderation. Addresses are never stored: only a salted hash, erased after retention.
ALTER TABLE comments ADD COLUMN author_id TEXT;
ALTER TABLE comments ADD COLUMN ip_hash TEXT;
ALTER TABLE comments ADD COLUMN verified INTEGER NOT NULL DEFAULT 0;
ALTER TABLE comments ADD COLUMN avatar TEXT;
-- A pending comment (pre-moderation) has no thread seq yet: its seq column holds a unique
-- negative placeholder until approval gives it the thread's next seq.
ALTER TABLE comments ADD COLUMN pending INTEGER NOT NULL DEFAULT 0;
-- 'author' deletions drop the text for good; 'moderator' deletions keep it so it can be restored.
ALTER TABLE comments ADD COLUMN deleted_by TEXT;
CREATE INDEX comments_author ON comments (author_id);
CREATE INDEX comments_ip_hash ON comments (ip_hash);

ALTER TABLE threads ADD COLUMN locked INTEGER NOT NULL DEFAULT 0;

CREATE TABLE bans (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    author_id  TEXT,
    ip_hash    TEXT,
    until_at   INTEGER NOT NULL,
    reason     TEXT    NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX bans_author ON bans (author_id);
CREATE INDEX bans_ip_hash ON bans (ip_hash);

CREATE TABLE audit (
    id     INTEGER PRIMARY KEY AUTOINCREMENT,
    at     INTEGER NOT NULL,
    actor  TEXT    NOT NULL,
    action TEXT    NOT NULL,
    target TEXT    NOT NULL,
    detail TEXT    NOT NULL
);

CREATE TABLE settings (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- Names used by signed-in (SSO) authors: anonymous posters may not take them.
CREATE TABLE verified_names (
    name_key TEXT PRIMARY KEY,
    sso_user TEXT NOT NULL
);
