-- Signed-in names are reserved per SSO site, with the author id behind each reservation so that
-- erasing an author removes theirs. Rows from before sites existed belong to the legacy scope ('')
-- and get their author id from the server at its next start (deriving it needs the secret).
ALTER TABLE verified_names ADD COLUMN site TEXT NOT NULL DEFAULT '';
ALTER TABLE verified_names ADD COLUMN author_id TEXT;
ALTER TABLE verified_names DROP CONSTRAINT verified_names_pkey;
ALTER TABLE verified_names ADD PRIMARY KEY (name_key, site);
CREATE INDEX verified_names_author ON verified_names (author_id);
