-- debrief schema, version 5: the candidate's profile, what they are preparing for (company,
-- role, level, an optional track such as pm-t and an optional interview date as YYYY-MM-DD),
-- one row per user, used as the default everywhere. Append-only: add the next numbered file in
-- both folders with the same name.
CREATE TABLE profiles (
    user_id         BIGINT  PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    company         TEXT    NOT NULL,
    role            TEXT    NOT NULL,
    level           TEXT    NOT NULL,
    track           TEXT,
    interview_date  TEXT,
    updated_at      BIGINT  NOT NULL
);
