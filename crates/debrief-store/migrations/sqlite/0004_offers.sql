-- debrief schema, version 4: job offers a candidate saved to compare. The offer itself is JSON
-- in the application's shape (debrief-practice's OfferDraft), kept byte for byte. Append-only:
-- add the next numbered file in both folders with the same name.
CREATE TABLE offers (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at  INTEGER NOT NULL,
    name        TEXT    NOT NULL,
    offer_json  TEXT    NOT NULL
);
CREATE INDEX offers_user_created ON offers (user_id, created_at);
