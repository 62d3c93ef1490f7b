-- debrief schema, version 8 (SQLite): an attempt may come from an artifact drill (source
-- 'artifact': a checked document, its round_kind 'artifact:<kind id>'), besides Practice and
-- mock loops. SQLite cannot change a CHECK constraint in place, so the table is rebuilt with
-- the same columns, rows, ids and indexes, and the id counter carries over so no id is handed
-- out twice. Append-only: add the next numbered file in both folders with the same name.
CREATE TABLE attempts_new (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    source       TEXT    NOT NULL CHECK (source IN ('practice', 'mock', 'artifact')),
    mock_id      INTEGER REFERENCES mocks (id) ON DELETE SET NULL,
    question_id  TEXT,
    round_kind   TEXT    NOT NULL,
    role         TEXT    CHECK (role IN ('pm', 'pmm')),
    company      TEXT,
    score        INTEGER NOT NULL,
    rating       TEXT    NOT NULL,
    answer       TEXT    NOT NULL,
    summary_json TEXT    NOT NULL,
    created_at   INTEGER NOT NULL
);
INSERT INTO attempts_new (id, user_id, source, mock_id, question_id, round_kind, role, company,
                          score, rating, answer, summary_json, created_at)
SELECT id, user_id, source, mock_id, question_id, round_kind, role, company, score, rating,
       answer, summary_json, created_at
FROM attempts;
DELETE FROM sqlite_sequence WHERE name = 'attempts_new';
INSERT INTO sqlite_sequence (name, seq) SELECT 'attempts_new', seq FROM sqlite_sequence
WHERE name = 'attempts';
DROP TABLE attempts;
ALTER TABLE attempts_new RENAME TO attempts;
CREATE INDEX attempts_user_created ON attempts (user_id, created_at);
CREATE INDEX attempts_mock_id ON attempts (mock_id);
