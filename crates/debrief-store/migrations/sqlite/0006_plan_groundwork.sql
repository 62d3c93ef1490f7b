-- debrief schema, version 6: what a prep plan was made from besides its loop and dates (the
-- story bank as rated and readiness per round kind, as JSON), so a saved plan rebuilds as it
-- was made however the bank and the history change. NULL on plans saved before: they rebuild
-- as they were first made. Append-only: add the next numbered file in both folders with the
-- same name.
ALTER TABLE plans ADD COLUMN groundwork_json TEXT;
