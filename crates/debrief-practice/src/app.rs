//! [`App`]: what every workflow runs against (the store, the grader with its catalog, and the
//! clock), and the choices both front ends make the same way (which loop a candidate is
//! preparing for when nothing else says: their profile, else their newest plan's, else their
//! newest mock's, else the content's defaults).

use std::sync::Arc;

use debrief_coach::calendar::Date;
use debrief_grader::Grader;
use debrief_pack::{Catalog, Company, LookupError, LoopView, Role};
use debrief_store::{MockFilter, PageRequest, Store, UserId};
use serde::Serialize;

use crate::PracticeError;
use crate::clock::Clock;

/// The application: the store, the grader (and through it the catalog) and the clock. The web
/// app and the CLI each build one and call its workflows; neither touches the store itself
/// for a candidate's stories, plans, fit results or progress.
///
/// Cheap to clone: the store is a pool and the grader is shared.
#[derive(Clone)]
pub struct App {
    store: Store,
    grader: Arc<Grader>,
    clock: Clock,
}

impl std::fmt::Debug for App {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("App")
            .field("store", &self.store.location())
            .field("clock", &self.clock)
            .finish_non_exhaustive()
    }
}

impl App {
    /// An application over a store, a grader and a clock.
    pub fn new(store: Store, grader: Arc<Grader>, clock: Clock) -> App {
        App {
            store,
            grader,
            clock,
        }
    }

    /// The store.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The grader.
    pub fn grader(&self) -> &Grader {
        &self.grader
    }

    /// The content.
    pub fn catalog(&self) -> &Catalog {
        self.grader.catalog()
    }

    /// The clock.
    pub fn clock(&self) -> &Clock {
        &self.clock
    }

    /// The loop the candidate is preparing for, when a page or command is not told: their
    /// profile (with its track and interview date), else the loop of their newest plan, else
    /// of their newest mock, else the content's defaults. A source whose company, role or
    /// track's loop the content no longer has is passed over.
    pub async fn target_loop(&self, user: UserId) -> Result<LoopChoice, PracticeError> {
        if let Some(p) = self.store.profile(user.get()).await?
            && let Some(mut choice) = self.choice(
                &p.company,
                &p.role,
                // A track the content prices apart but has no loop for (only pay rows) is the
                // role's own loop here; the profile keeps it for pay.
                p.track.as_deref().filter(|t| {
                    Role::parse(&p.role)
                        .is_some_and(|r| self.catalog().find_loop(&p.company, r, Some(t)).is_some())
                }),
                &p.level,
                Chosen::Profile,
            )
        {
            // A date the store holds was checked when saved; one that no longer reads is
            // simply not a default.
            choice.interview_date = p.interview_date.and_then(|d| Date::parse(&d).ok());
            return Ok(choice);
        }
        // The first of a page of one, newest first: every page asks this, so only that row is
        // read, however many plans and mocks there are.
        let newest = PageRequest::first(1);
        let plans = self.store.plans_page(user.get(), newest).await?;
        if let Some(p) = plans.items.first()
            && let Some(choice) = self.choice(
                &p.company,
                &p.role,
                p.track.as_deref(),
                &p.level,
                Chosen::Plan,
            )
        {
            return Ok(choice);
        }
        let mocks = self
            .store
            .mocks_page(user.get(), MockFilter::All, newest)
            .await?;
        if let Some(m) = mocks.items.first() {
            // The store keeps no track for a mock; its plan names the loop it was drawn from.
            let track = mock_loop_id(&m.plan_json)
                .and_then(|id| self.catalog().loops().iter().find(|l| l.id == id))
                .and_then(|l| l.track.clone());
            if let Some(choice) = self.choice(
                &m.company,
                &m.role,
                track.as_deref(),
                &m.level,
                Chosen::Mock,
            ) {
                return Ok(choice);
            }
        }
        Ok(self.default_loop())
    }

    /// The loop a page or command asks about: `company` and `role` as given (both, with
    /// `track` and `level` when given; no track is the role's own loop), or, with neither, the
    /// candidate's [`App::target_loop`], on `track` and at `level` when they are given. One of
    /// company and role without the other is refused, and so is a track the company has no
    /// loop for.
    pub async fn choose_loop(
        &self,
        user: UserId,
        company: Option<&str>,
        role: Option<&str>,
        track: Option<&str>,
        level: Option<String>,
    ) -> Result<LoopChoice, PracticeError> {
        let catalog = self.catalog();
        match (company, role) {
            (Some(company), Some(role)) => Ok(LoopChoice {
                company: catalog.company(company)?.id.clone(),
                role: catalog.role(role)?.0,
                level,
                from: Chosen::Given,
                track: track
                    .map(|t| catalog.loop_track(company, role, t))
                    .transpose()?,
                interview_date: None,
            }),
            (None, None) => {
                let mut target = self.target_loop(user).await?;
                if level.is_some() {
                    target.level = level;
                }
                if let Some(t) = track {
                    target.track =
                        Some(catalog.loop_track(&target.company, target.role.id(), t)?);
                }
                Ok(target)
            }
            _ => Err(PracticeError::Invalid(
                "give both a company and a role, or neither to use your profile's (else the loop \
                 of your newest plan or mock)"
                    .to_owned(),
            )),
        }
    }

    /// The company whose words the app's chrome uses (what the navigation calls its
    /// principles: Amazon's Leadership Principles, Google's hiring attributes): the candidate's
    /// profile company while the content still has it, else the content's default company.
    /// Only the profile counts, not a plan or a mock, because the chrome names what the
    /// candidate said they prepare for; `None` only for content with no company at all.
    pub async fn target_company(&self, user: UserId) -> Result<Option<&Company>, PracticeError> {
        let catalog = self.catalog();
        if let Some(p) = self.store.profile(user.get()).await?
            && let Ok(company) = catalog.company(&p.company)
        {
            return Ok(Some(company));
        }
        Ok(catalog.default_company())
    }

    /// The content's default company, role and level.
    pub fn default_loop(&self) -> LoopChoice {
        let catalog = self.catalog();
        let company = catalog
            .default_company()
            .map(|c| c.id.clone())
            .unwrap_or_default();
        let level = catalog.default_level(&company).map(|l| l.id.clone());
        LoopChoice {
            role: catalog.default_role(),
            company,
            level,
            from: Chosen::Default,
            track: None,
            interview_date: None,
        }
    }

    /// A saved choice, if the content still has its company and role, and the loop of its
    /// track when it names one.
    fn choice(
        &self,
        company: &str,
        role: &str,
        track: Option<&str>,
        level: &str,
        from: Chosen,
    ) -> Option<LoopChoice> {
        let catalog = self.catalog();
        let company = catalog.company(company).ok()?.id.clone();
        let (role, _) = catalog.role(role).ok()?;
        if let Some(t) = track {
            catalog.find_loop(&company, role, Some(t))?;
        }
        let level = catalog
            .levels_of(&company)
            .find(|l| l.id == level)
            .map(|l| l.id.clone());
        Some(LoopChoice {
            company,
            role,
            level,
            from,
            track: track.map(str::to_owned),
            interview_date: None,
        })
    }
}

/// The id of the loop a saved mock was drawn from, read from its plan's JSON.
fn mock_loop_id(plan_json: &str) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct LoopOf {
        loop_id: String,
    }
    serde_json::from_str::<LoopOf>(plan_json)
        .ok()
        .map(|l| l.loop_id)
}

/// A company, role and level, and where the choice came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LoopChoice {
    /// Company id.
    pub company: String,
    /// The role.
    pub role: Role,
    /// Level id, when one is chosen.
    pub level: Option<String>,
    /// Where it came from.
    pub from: Chosen,
    /// The track within the role (`pm-t`) whose own loop this is, when the profile, the plan or
    /// mock it came from, or the request names one; `None` is the role's own loop.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub track: Option<String>,
    /// The interview date, when the profile names one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub interview_date: Option<Date>,
}

impl LoopChoice {
    /// The loop it names, on its track and at its level, with names resolved.
    pub fn view<'c>(&self, catalog: &'c Catalog) -> Result<LoopView<'c>, LookupError> {
        catalog.loop_view_on(
            &self.company,
            self.role.id(),
            self.track.as_deref(),
            self.level.as_deref(),
        )
    }
}

/// Where a [`LoopChoice`] came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Chosen {
    /// The candidate's profile.
    Profile,
    /// The candidate's newest plan.
    Plan,
    /// The candidate's newest mock loop.
    Mock,
    /// The content's defaults: the candidate has chosen nothing yet.
    Default,
    /// Named by the candidate for this request.
    Given,
}
