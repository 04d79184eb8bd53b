-- (author_id, id) and (ip_hash, id) from V3 answer every lookup these did; each index is one more
-- page written per comment.
DROP INDEX comments_author;
DROP INDEX comments_ip_hash;
