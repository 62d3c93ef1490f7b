-- debrief schema, version 7: the track within the role a prep plan's loop is for (e.g. `pm-t`,
-- Amazon's technical PM track, which has a loop of its own), so a plan made for a track's loop
-- rebuilds from that loop. NULL for the role's own loop, and on plans saved before. Append-only:
-- add the next numbered file in both folders with the same name.
ALTER TABLE plans ADD COLUMN track TEXT;
