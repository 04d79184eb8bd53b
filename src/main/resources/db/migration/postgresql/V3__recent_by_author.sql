-- The duplicate check reads an author's (or an address's) newest comments: walk these backwards.
CREATE INDEX comments_author_recent ON comments (author_id, id);
CREATE INDEX comments_ip_hash_recent ON comments (ip_hash, id);
