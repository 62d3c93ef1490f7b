-- debrief schema, version 1 (SQLite). Append-only: never edit a migration that has shipped;
-- add the next numbered file here AND in ../postgres with the same name.
-- Timestamps are unix seconds (INTEGER). Lists are JSON arrays of strings in TEXT.

CREATE TABLE users (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    username      TEXT    NOT NULL,
    -- the username lowercased by debrief, so "Ada" and "ada" are one account
    username_key  TEXT    NOT NULL UNIQUE,
    -- argon2id PHC string; empty for the local-mode user, who never logs in
    password_hash TEXT    NOT NULL
);

CREATE TABLE sessions (
    -- SHA-256 of the session token, lowercase hex; the token itself is never stored
    token_hash TEXT    PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_user_id ON sessions (user_id);
CREATE INDEX sessions_expires_at ON sessions (expires_at);

CREATE TABLE stories (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    title      TEXT    NOT NULL,
    situation  TEXT    NOT NULL,
    task       TEXT    NOT NULL,
    action     TEXT    NOT NULL,
    result     TEXT    NOT NULL,
    metrics    TEXT    NOT NULL,
    tags       TEXT    NOT NULL,
    lps        TEXT    NOT NULL,
    role       TEXT    CHECK (role IN ('pm', 'pmm')),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX stories_user_updated ON stories (user_id, updated_at);

CREATE TABLE fit_results (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at  INTEGER NOT NULL,
    result_json TEXT    NOT NULL
);
CREATE INDEX fit_results_user_created ON fit_results (user_id, created_at);

CREATE TABLE plans (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id        INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    company        TEXT    NOT NULL,
    role           TEXT    NOT NULL CHECK (role IN ('pm', 'pmm')),
    level          TEXT    NOT NULL,
    -- YYYY-MM-DD
    interview_date TEXT    NOT NULL,
    created_at     INTEGER NOT NULL
);
CREATE INDEX plans_user_created ON plans (user_id, created_at);

CREATE TABLE plan_items (
    plan_id INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    item_id TEXT    NOT NULL,
    done_at INTEGER NOT NULL,
    PRIMARY KEY (plan_id, item_id)
);
