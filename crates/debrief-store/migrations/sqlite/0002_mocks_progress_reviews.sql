-- debrief schema, version 2 (SQLite): mock loops, the attempt history behind progress plots,
-- spaced-repetition review cards, and failed logins for rate limiting.
-- Append-only: add the next numbered file here AND in ../postgres with the same name.

-- A mock loop: the rounds and questions drawn for it (debrief_core::mock::MockPlan as JSON),
-- and, once finished, its debrief (debrief_core::mock::Debrief as JSON).
CREATE TABLE mocks (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    company      TEXT    NOT NULL,
    role         TEXT    NOT NULL CHECK (role IN ('pm', 'pmm')),
    level        TEXT    NOT NULL,
    seed         INTEGER NOT NULL,
    plan_json    TEXT    NOT NULL,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    finished_at  INTEGER,
    debrief_json TEXT
);
CREATE INDEX mocks_user_created ON mocks (user_id, created_at);

-- When the candidate opened each round; the clock runs from started_at.
CREATE TABLE mock_rounds (
    mock_id     INTEGER NOT NULL REFERENCES mocks (id) ON DELETE CASCADE,
    round_index INTEGER NOT NULL,
    started_at  INTEGER NOT NULL,
    ended_at    INTEGER,
    PRIMARY KEY (mock_id, round_index)
);

-- One answer box of a mock: question question_index of round round_index; probe_index 0 is the
-- question itself, 1.. its follow-up probes. Drafts are saved as typed; submitted_at,
-- elapsed_seconds and report_json are set when the answer is handed in.
CREATE TABLE mock_answers (
    mock_id         INTEGER NOT NULL REFERENCES mocks (id) ON DELETE CASCADE,
    round_index     INTEGER NOT NULL,
    question_index  INTEGER NOT NULL,
    probe_index     INTEGER NOT NULL,
    -- the question id, or the probe id for a follow-up
    prompt_id       TEXT    NOT NULL,
    text            TEXT    NOT NULL,
    started_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    submitted_at    INTEGER,
    elapsed_seconds INTEGER,
    report_json     TEXT,
    PRIMARY KEY (mock_id, round_index, question_index, probe_index)
);

-- Every graded answer, from Practice or from a mock, for the history and the progress plots.
-- summary_json holds the scores per rubric dimension and the LPs the question tests.
CREATE TABLE attempts (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    source       TEXT    NOT NULL CHECK (source IN ('practice', 'mock')),
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
CREATE INDEX attempts_user_created ON attempts (user_id, created_at);

-- Spaced-repetition state (FSRS) per weak area: card is "kind:<round kind id>" or
-- "lp:<principle id>". due and last_review are unix seconds.
CREATE TABLE review_cards (
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    card        TEXT    NOT NULL,
    state       TEXT    NOT NULL CHECK (state IN ('new', 'learning', 'review', 'relearning')),
    due         INTEGER NOT NULL,
    stability   REAL    NOT NULL,
    difficulty  REAL    NOT NULL,
    reps        INTEGER NOT NULL,
    lapses      INTEGER NOT NULL,
    last_review INTEGER,
    PRIMARY KEY (user_id, card)
);
CREATE INDEX review_cards_user_due ON review_cards (user_id, due);

-- Failed logins, for rate limiting across every server process: key is "user:<username key>"
-- or "ip:<client address>".
CREATE TABLE login_failures (
    key TEXT    NOT NULL,
    at  INTEGER NOT NULL
);
CREATE INDEX login_failures_key_at ON login_failures (key, at);
