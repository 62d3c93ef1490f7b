-- debrief schema, version 3: deleting a mock sets its attempts' mock_id to NULL (ON DELETE SET
-- NULL), which without an index scans every attempt. Append-only: add the next numbered file
-- in both folders with the same name.
CREATE INDEX attempts_mock_id ON attempts (mock_id);
