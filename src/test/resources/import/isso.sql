-- Written for Parley's tests: an Isso database as Isso creates it (isso/db/threads.py and
-- comments.py), with a few comments. The test builds isso.db from this file.
CREATE TABLE IF NOT EXISTS threads (
    id INTEGER PRIMARY KEY, uri VARCHAR(256) UNIQUE, title VARCHAR(256));
CREATE TABLE IF NOT EXISTS comments (
    tid REFERENCES threads(id), id INTEGER PRIMARY KEY, parent INTEGER,
    created FLOAT NOT NULL, modified FLOAT, mode INTEGER, remote_addr VARCHAR,
    text VARCHAR NOT NULL, author VARCHAR, email VARCHAR, website VARCHAR,
    likes INTEGER DEFAULT 0, dislikes INTEGER DEFAULT 0, voters BLOB NOT NULL,
    notification INTEGER DEFAULT 0);
INSERT INTO threads (id, uri, title) VALUES (1, '/isso/post-1/', 'Post 1');
INSERT INTO threads (id, uri, title) VALUES (2, '/isso/über/', 'Über');
INSERT INTO comments (tid, id, parent, created, modified, mode, remote_addr, text, author, email, website, voters)
VALUES (1, 1, NULL, 1600000000.5, NULL, 1, '192.0.2.0', 'Hello **world**

> quoted', 'Ida', 'ida@example.com', NULL, x'00');
INSERT INTO comments (tid, id, parent, created, modified, mode, remote_addr, text, author, email, website, voters)
VALUES (1, 2, 1, 1600000100.0, NULL, 1, '192.0.2.0', '<script>alert(1)</script>[link](javascript:alert(1)) <b onclick="x()">bold</b>', NULL, NULL, NULL, x'00');
INSERT INTO comments (tid, id, parent, created, modified, mode, remote_addr, text, author, email, website, voters)
VALUES (1, 3, 1, 1600000200.0, NULL, 4, '192.0.2.0', '', NULL, NULL, NULL, x'00');
INSERT INTO comments (tid, id, parent, created, modified, mode, remote_addr, text, author, email, website, voters)
VALUES (1, 4, 3, 1600000300.0, 1600000400.0, 1, '192.0.2.0', 'reply to a deleted one', 'Ünal', NULL, NULL, x'00');
INSERT INTO comments (tid, id, parent, created, modified, mode, remote_addr, text, author, email, website, voters)
VALUES (1, 5, NULL, 1600000500.0, NULL, 2, '192.0.2.0', 'waiting for approval', 'Pat', NULL, NULL, x'00');
INSERT INTO comments (tid, id, parent, created, modified, mode, remote_addr, text, author, email, website, voters)
VALUES (2, 6, NULL, 1600000600.0, NULL, 1, '192.0.2.0', '日本 😀', 'Zoë', NULL, NULL, x'00');
INSERT INTO comments (tid, id, parent, created, modified, mode, remote_addr, text, author, email, website, voters)
VALUES (1, 7, 2, 1600000700.0, NULL, 1, '192.0.2.0', 'third level', 'Ida', 'ida@example.com', NULL, x'00');
