//! Validation of what a loop says beyond its rounds: the track it is for, the steps that are not
//! interviews (hiring committees, team matching, the debrief), and the company's review of the
//! whole loop with its source.

use std::collections::BTreeSet;

use super::{Validator, unknown};
use crate::model::{Loop, Review, Role, Stage, TRACKS, tracks_of};

impl Validator<'_> {
    /// A loop's track is one the pack knows within the loop's role.
    pub(super) fn loop_track(&mut self, lp: &Loop) {
        let Some(track) = &lp.track else {
            return;
        };
        let o = &lp.origin;
        let Some(role) = Role::parse(&lp.role) else {
            // The role itself is reported; a track cannot be checked against it.
            return;
        };
        let known: Vec<&str> = tracks_of(role).collect();
        if known.contains(&track.as_str()) {
            return;
        }
        let message = if known.is_empty() {
            let all: Vec<String> = TRACKS
                .iter()
                .map(|(t, r)| format!("{t} (role {})", r.id()))
                .collect();
            format!(
                "role `{}` has no tracks (the pack knows {}); leave `track` out for the role's \
                 own loop",
                lp.role,
                all.join(", ")
            )
        } else {
            let what = format!("track of role {}", lp.role);
            format!(
                "{}; leave `track` out for the role's own loop",
                unknown(&what, track, known)
            )
        };
        self.push(o, "track", message);
    }

    /// A loop's stages: an id, a name, the round they follow (or the whole loop), what happens
    /// and what to do about it, and a source.
    pub(super) fn stages(&mut self, lp: &Loop) {
        let rounds: BTreeSet<&str> = lp.rounds.iter().map(|r| r.id.as_str()).collect();
        let mut after: BTreeSet<&str> = rounds.clone();
        after.insert(Stage::AFTER_LOOP);
        for s in &lp.stages {
            let o = &s.origin;
            self.id(o, "id", &s.id);
            self.text(o, "name", &s.name);
            if !after.contains(s.after.as_str()) {
                let message = unknown(
                    "round of this loop (or `loop` for a step after it)",
                    &s.after,
                    after.iter().copied(),
                );
                self.push(o, "after", message);
            }
            self.text(o, "about", &s.about);
            self.text(o, "prepare", &s.prepare);
            self.sourced(o, &s.source, &s.as_of);
            if rounds.contains(s.id.as_str()) {
                let message = format!(
                    "`{}` is also a round of this loop; give the stage an id of its own",
                    s.id
                );
                self.push(o, "id", message);
            }
        }
        let ids = lp.stages.iter().map(|s| (s.id.clone(), &s.origin));
        self.duplicates("stage", ids);
    }

    /// A company's review of the whole loop says who decides and where that comes from.
    pub(super) fn review(&mut self, o: &crate::model::Origin, r: &Review) {
        self.text(o, "review.name", &r.name);
        self.text(o, "review.about", &r.about);
        self.text(o, "review.source", &r.source);
        if r.as_of.trim().is_empty() {
            self.push(
                o,
                "review.as_of",
                "is empty or missing; give the date of the source",
            );
        } else if !super::is_as_of(&r.as_of) {
            let message = format!(
                "`{}` is not a date; write YYYY, YYYY-MM, YYYY-MM-DD or YYYY-QN",
                r.as_of
            );
            self.push(o, "review.as_of", message);
        }
    }
}
