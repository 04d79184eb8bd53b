-- Edit history: each edit keeps the text it replaced, written in the edit's transaction. written_at
-- is when that text was written (the comment's creation or an earlier edit), replaced_at the edit
-- that replaced it, edited_by 'author' or 'moderator'. An author's deletion and an erasure remove a
-- comment's versions with its text; a moderator's deletion keeps them (it can be undone).
CREATE TABLE comment_versions (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    comment_id  BIGINT NOT NULL REFERENCES comments (id),
    body        TEXT   NOT NULL,
    html        TEXT   NOT NULL,
    written_at  BIGINT NOT NULL,
    replaced_at BIGINT NOT NULL,
    edited_by   TEXT   NOT NULL
);
CREATE INDEX comment_versions_comment ON comment_versions (comment_id, id);
