-- debrief schema, version 8 (PostgreSQL): an attempt may come from an artifact drill (source
-- 'artifact': a checked document, its round_kind 'artifact:<kind id>'), besides Practice and
-- mock loops. The column's CHECK constraint (named by PostgreSQL after the table and column)
-- is replaced by one that allows it. Append-only: add the next numbered file in both folders
-- with the same name.
ALTER TABLE attempts DROP CONSTRAINT attempts_source_check;
ALTER TABLE attempts ADD CONSTRAINT attempts_source_check
    CHECK (source IN ('practice', 'mock', 'artifact'));
