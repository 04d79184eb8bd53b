-- Imports are idempotent by the source's own ids: each imported comment is recorded with the
-- format and id it had at the source, so importing the same file again adds nothing. The site is
-- part of the key because two sources of one format (two WordPress blogs) reuse the same ids;
-- until there are several sites it is always 'default'.
CREATE TABLE import_sources (
    site       TEXT    NOT NULL,
    format     TEXT    NOT NULL,
    source_id  TEXT    NOT NULL,
    comment_id INTEGER NOT NULL REFERENCES comments (id),
    PRIMARY KEY (site, format, source_id)
);
