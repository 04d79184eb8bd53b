-- Signed-in names are reserved per SSO site, with the author id behind each reservation so that
-- erasing an author removes theirs. Rows from before sites existed belong to the legacy scope ('')
-- and get their author id from the server at its next start (deriving it needs the secret).
CREATE TABLE verified_names_by_site (
    name_key  TEXT NOT NULL,
    site      TEXT NOT NULL,
    sso_user  TEXT NOT NULL,
    author_id TEXT,
    PRIMARY KEY (name_key, site)
);
INSERT INTO verified_names_by_site (name_key, site, sso_user) SELECT name_key, '', sso_user FROM verified_names;
DROP TABLE verified_names;
ALTER TABLE verified_names_by_site RENAME TO verified_names;
CREATE INDEX verified_names_author ON verified_names (author_id);
