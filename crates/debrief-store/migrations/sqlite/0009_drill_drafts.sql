-- debrief schema, version 9: the document a candidate is writing in an artifact drill, saved
-- as they type (or with "Save draft" without JavaScript) so a closed tab, a restart or another
-- device loses nothing; one per user, kind and prompt ('' for the candidate's own topic),
-- dropped when the document is checked. Append-only: add the next numbered file in both folders
-- with the same name.
CREATE TABLE drill_drafts (
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind        TEXT    NOT NULL,
    prompt      TEXT    NOT NULL,
    text        TEXT    NOT NULL,
    started_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    PRIMARY KEY (user_id, kind, prompt)
);
