//! The plan as a Markdown checklist, for download and printing.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use super::Plan;
use crate::markdown_text::escape;

impl Plan {
    /// The plan as a Markdown checklist by week, with `[x]` on the items whose id is in
    /// `done` and `[ ]` on the others, then what was cut and what the story bank already
    /// covers. Item text is written as text: a story title the candidate typed cannot open a
    /// link, emphasis or HTML.
    pub fn to_markdown(&self, done: &BTreeSet<String>) -> String {
        let mut out = String::new();
        let (ticked, total) = self.progress(done);
        let _ = writeln!(out, "# Prep plan: {}\n", self.heading());
        let _ = writeln!(
            out,
            "- Interview: {} {} ({} days from {})",
            self.interview.weekday(),
            self.interview,
            self.days_left,
            self.today
        );
        let _ = writeln!(
            out,
            "- Plan: {} from {}, {} pace",
            weeks_text(self.weeks.len()),
            self.start,
            self.pace
        );
        let _ = writeln!(out, "- Done: {ticked} of {total}");
        if !self.notes.is_empty() {
            out.push('\n');
            for note in &self.notes {
                let _ = writeln!(out, "> {note}");
            }
        }
        for week in &self.weeks {
            let _ = writeln!(
                out,
                "\n## Week {}: {} {} to {} {}\n",
                week.index,
                week.start.weekday().short(),
                week.start,
                week.end.weekday().short(),
                week.end
            );
            let _ = writeln!(out, "_{}_\n", week.focus);
            for item in &week.items {
                let mark = if done.contains(&item.id) { 'x' } else { ' ' };
                let _ = writeln!(
                    out,
                    "- [{mark}] **{}** (by {} {}) `{}`",
                    escape(&item.title),
                    item.due.weekday().short(),
                    item.due,
                    item.id
                );
                let _ = writeln!(out, "  {}", escape(&item.detail));
                for q in &item.question_ids {
                    match self.questions.get(q) {
                        Some(text) => {
                            let _ = writeln!(out, "  - `{q}`: {text}");
                        }
                        None => {
                            let _ = writeln!(out, "  - `{q}`");
                        }
                    }
                }
            }
        }
        if !self.cut.is_empty() {
            let _ = writeln!(out, "\n## Cut to fit {}\n", weeks_text(self.weeks.len()));
            for cut in &self.cut {
                let _ = writeln!(out, "- **{}**: {}", escape(&cut.title), escape(&cut.reason));
            }
        }
        if !self.covered.is_empty() {
            let _ = writeln!(out, "\n## Covered by your story bank\n");
            for covered in &self.covered {
                let _ = writeln!(out, "- {}", escape(&covered.text));
            }
        }
        out
    }
}

/// "1 week", "3 weeks".
fn weeks_text(n: usize) -> String {
    if n == 1 {
        "1 week".into()
    } else {
        format!("{n} weeks")
    }
}
