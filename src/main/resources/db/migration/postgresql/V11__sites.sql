-- Sites other than the default one (whose settings are the PARLEY_* variables). A site's threads
-- keep their rows in threads, keyed "site" + U+001F + thread key (protocol/ThreadKey); the default
-- site's keep their plain keys, so nothing before this migration moves. Its moderation settings
-- are the settings row 'moderation:<site>'.
CREATE TABLE sites (
    name                 TEXT PRIMARY KEY,
    allowed_origins      TEXT NOT NULL,
    moderator_token_hash TEXT,
    created_at           BIGINT NOT NULL
);

-- A site moderator's ban covers their site; a ban by the server's admin (site NULL) every site.
ALTER TABLE bans ADD COLUMN site TEXT;
-- The site an audited action was on (NULL: server-wide, such as an erasure); a site's moderators
-- read only their site's entries.
ALTER TABLE audit ADD COLUMN site TEXT;
