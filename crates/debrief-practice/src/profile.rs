//! The candidate's profile: the company, role, level, track and interview date they are
//! preparing for, set once (on the home page, from a fit result, or with `debrief profile set`)
//! and used as the default everywhere: it is the first source of [`App::target_loop`].
//!
//! A draft is read field by field against the content: the company and role must exist, the
//! level must be one of the company's, the track one the content knows for that company and
//! role ([`debrief_pack::Catalog::tracks`]: tracks exist in the content only where pay rows
//! price them apart, such as Amazon's `pm-t`), and the interview date a real day, today or
//! later by the App's clock. Every problem is reported at once, each beside its field.

use debrief_coach::calendar::Date;
use debrief_pack::{Catalog, Role};
use debrief_store::{NewProfile, UserId};
use debrief_text::nearest;
use serde::{Deserialize, Serialize};

use crate::PracticeError;
use crate::app::App;
use crate::offers::FieldProblem;

/// What the candidate is preparing for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Profile {
    /// Company id.
    pub company: String,
    /// The role.
    pub role: Role,
    /// Level id at the company.
    pub level: String,
    /// A track within the role (`pm-t`), if one is chosen.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub track: Option<String>,
    /// The interview date, if one is known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub interview_date: Option<Date>,
    /// When it last changed (unix seconds); 0 for a profile not saved yet.
    pub updated_at: i64,
}

impl Profile {
    /// The interview date when it is still ahead of `today`: what a new plan can run up to.
    pub fn upcoming_interview(&self, today: Date) -> Option<Date> {
        self.interview_date.filter(|d| *d > today)
    }
}

/// A profile as typed. A field left out (`None`) keeps the saved profile's value, else the
/// content's default; for the track and the date, an empty text clears them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileDraft {
    /// Company id.
    pub company: Option<String>,
    /// Role id: `pm` or `pmm`.
    pub role: Option<String>,
    /// Level id at the company.
    pub level: Option<String>,
    /// Track id (`pm-t`); empty for none.
    pub track: Option<String>,
    /// `YYYY-MM-DD`; empty for none.
    pub interview_date: Option<String>,
}

/// Every problem of a profile draft, each naming its field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the profile was not saved: {}", problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
pub struct ProfileProblems {
    /// The problems, in field order.
    pub problems: Vec<FieldProblem>,
}

impl ProfileProblems {
    /// The message for `field`, if it has a problem.
    pub fn of(&self, field: &str) -> Option<&str> {
        self.problems
            .iter()
            .find(|p| p.field == field)
            .map(|p| p.message.as_str())
    }
}

/// A field as given: left out, given empty, or given.
fn given(field: &Option<String>) -> Option<&str> {
    field.as_deref().map(str::trim)
}

/// Reads `draft` over `current` (the saved profile, if any) against the content, with `today`
/// as the earliest interview date. A field left out keeps `current`'s value when it still fits
/// the company and role chosen (else the company's default level, and no track).
pub fn read_profile(
    catalog: &Catalog,
    current: Option<&Profile>,
    draft: &ProfileDraft,
    today: Date,
) -> Result<Profile, ProfileProblems> {
    let mut problems = Vec::new();
    let mut problem = |field: &str, message: String| {
        problems.push(FieldProblem {
            field: field.to_owned(),
            message,
        })
    };

    let company = match given(&draft.company) {
        Some("") => {
            problem(
                "company",
                "is empty; choose the company you are interviewing with".into(),
            );
            None
        }
        Some(id) => match catalog.company(id) {
            Ok(c) => Some(c),
            Err(e) => {
                problem("company", e.to_string());
                None
            }
        },
        None => current
            .and_then(|p| catalog.company(&p.company).ok())
            .or_else(|| catalog.default_company()),
    };

    let role = match given(&draft.role) {
        Some("") => {
            problem("role", "is empty; choose pm or pmm".into());
            None
        }
        Some(id) => match catalog.role(id) {
            Ok((role, _)) => Some(role),
            Err(e) => {
                // A track typed as a role says where it goes.
                let lower = id.to_ascii_lowercase();
                let track_of = Role::ALL
                    .into_iter()
                    .find(|r| lower.starts_with(&format!("{}-", r.id())));
                match track_of {
                    Some(r) => problem(
                        "role",
                        format!(
                            "`{id}` is a track, not a role; choose the role {} and the track {lower}",
                            r.id()
                        ),
                    ),
                    None => problem("role", e.to_string()),
                }
                None
            }
        },
        None => Some(current.map_or_else(|| catalog.default_role(), |p| p.role)),
    };

    let level = company.and_then(|company| {
        let levels: Vec<&str> = catalog
            .levels_of(&company.id)
            .map(|l| l.id.as_str())
            .collect();
        match given(&draft.level) {
            Some("") => {
                problem(
                    "level",
                    format!(
                        "is empty; choose a level at {}: {}",
                        company.name,
                        levels.join(", ")
                    ),
                );
                None
            }
            Some(typed) => {
                let id = typed.to_ascii_lowercase();
                if levels.contains(&id.as_str()) {
                    Some(id)
                } else {
                    let hint = nearest(&id, &levels)
                        .map(|n| format!(" (did you mean `{n}`?)"))
                        .unwrap_or_default();
                    problem(
                        "level",
                        format!(
                            "unknown level `{typed}` for {}{hint}; valid levels: {}",
                            company.name,
                            levels.join(", ")
                        ),
                    );
                    None
                }
            }
            None => current
                .map(|p| p.level.as_str())
                .filter(|l| levels.contains(l))
                .map(str::to_owned)
                .or_else(|| catalog.default_level(&company.id).map(|l| l.id.clone())),
        }
    });

    let track = match (company, role) {
        (Some(company), Some(role)) => {
            let known = catalog.tracks(&company.id, role);
            match given(&draft.track) {
                Some("") => None,
                Some(typed) => {
                    let id = typed.to_ascii_lowercase();
                    // `pmt` is how the track is often typed, as `debrief pay --role` takes it.
                    let id = if id == "pmt" { "pm-t".to_owned() } else { id };
                    if known.contains(&id.as_str()) {
                        Some(id)
                    } else if known.is_empty() {
                        problem(
                            "track",
                            format!(
                                "`{typed}` is not a track the content knows for {} {}; it knows \
                                 none there, so leave the track empty",
                                company.name,
                                role.label()
                            ),
                        );
                        None
                    } else {
                        let hint = nearest(&id, &known)
                            .map(|n| format!(" (did you mean `{n}`?)"))
                            .unwrap_or_default();
                        problem(
                            "track",
                            format!(
                                "unknown track `{typed}` for {} {}{hint}; valid tracks: {}, or \
                                 leave it empty",
                                company.name,
                                role.label(),
                                known.join(", ")
                            ),
                        );
                        None
                    }
                }
                None => current
                    .and_then(|p| p.track.clone())
                    .filter(|t| known.contains(&t.as_str())),
            }
        }
        _ => None,
    };

    let interview_date = match given(&draft.interview_date) {
        Some("") => None,
        Some(typed) => match Date::parse(typed) {
            Ok(date) if date < today => {
                problem(
                    "interview_date",
                    format!(
                        "{date} is in the past (today is {today}); give the day of your \
                         interview, today or later, or leave it empty"
                    ),
                );
                None
            }
            Ok(date) => Some(date),
            Err(e) => {
                problem("interview_date", e.to_string());
                None
            }
        },
        None => current.and_then(|p| p.interview_date),
    };

    let complete = match (company, role, level) {
        (Some(company), Some(role), Some(level)) => Some(Profile {
            company: company.id.clone(),
            role,
            level,
            track,
            interview_date,
            updated_at: current.map_or(0, |p| p.updated_at),
        }),
        _ => None,
    };
    match complete {
        Some(profile) if problems.is_empty() => Ok(profile),
        _ if problems.is_empty() => Err(ProfileProblems {
            // Only when the content has no company or level at all.
            problems: vec![FieldProblem {
                field: "company".to_owned(),
                message: "the content has no company with levels to prepare for".to_owned(),
            }],
        }),
        _ => Err(ProfileProblems { problems }),
    }
}

impl App {
    /// The saved profile of `user`, if they set one.
    pub async fn profile(&self, user: UserId) -> Result<Option<Profile>, PracticeError> {
        let Some(row) = self.store().profile(user.get()).await? else {
            return Ok(None);
        };
        let unreadable = |what: &str| {
            PracticeError::Invalid(format!(
                "the saved profile cannot be read ({what}); set it again"
            ))
        };
        let role = Role::parse(&row.role).ok_or_else(|| unreadable("its role"))?;
        let interview_date = row
            .interview_date
            .as_deref()
            .map(Date::parse)
            .transpose()
            .map_err(|_| unreadable("its interview date"))?;
        Ok(Some(Profile {
            company: row.company,
            role,
            level: row.level,
            track: row.track,
            interview_date,
            updated_at: row.updated_at,
        }))
    }

    /// Saves `draft` over `user`'s profile (fields left out keep their values) and returns it,
    /// or every problem with it as [`PracticeError::Profile`].
    pub async fn save_profile(
        &self,
        user: UserId,
        draft: &ProfileDraft,
    ) -> Result<Profile, PracticeError> {
        let current = self.profile(user).await?;
        let now = self.clock().now();
        let mut profile = read_profile(
            self.catalog(),
            current.as_ref(),
            draft,
            self.clock().date_of(now),
        )?;
        let date = profile.interview_date.map(|d| d.to_string());
        self.store()
            .save_profile(
                user.get(),
                &NewProfile {
                    company: &profile.company,
                    role: profile.role.id(),
                    level: &profile.level,
                    track: profile.track.as_deref(),
                    interview_date: date.as_deref(),
                },
                now,
            )
            .await?;
        profile.updated_at = now;
        Ok(profile)
    }

    /// Makes `role` the target: the saved profile with its role changed (its track dropped
    /// unless it fits the new role), or, with none saved, the content's defaults with `role`.
    /// What the fit result's "make it my target" does.
    pub async fn target_role(&self, user: UserId, role: Role) -> Result<Profile, PracticeError> {
        self.save_profile(
            user,
            &ProfileDraft {
                role: Some(role.id().to_owned()),
                ..ProfileDraft::default()
            },
        )
        .await
    }

    /// Forgets `user`'s profile; returns whether there was one. Defaults then come from the
    /// newest plan or mock again.
    pub async fn clear_profile(&self, user: UserId) -> Result<bool, PracticeError> {
        Ok(self.store().clear_profile(user.get()).await?)
    }
}
