//! [`App`]: what every workflow runs against (the store, the grader with its catalog, and the
//! clock), and the choices both front ends make the same way (which loop a candidate is
//! preparing for when nothing else says: their profile, else their newest plan's, else their
//! newest mock's, else the content's defaults).

use std::sync::Arc;

use debrief_coach::calendar::Date;
use debrief_grader::Grader;
use debrief_pack::{Catalog, Company, Role};
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
    /// of their newest mock, else the content's defaults. A source whose company or role the
    /// content no longer has is passed over.
    pub async fn target_loop(&self, user: UserId) -> Result<LoopChoice, PracticeError> {
        if let Some(p) = self.store.profile(user.get()).await?
            && let Some(mut choice) = self.choice(&p.company, &p.role, &p.level, Chosen::Profile)
        {
            choice.track = p.track;
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
            && let Some(choice) = self.choice(&p.company, &p.role, &p.level, Chosen::Plan)
        {
            return Ok(choice);
        }
        let mocks = self
            .store
            .mocks_page(user.get(), MockFilter::All, newest)
            .await?;
        if let Some(m) = mocks.items.first()
            && let Some(choice) = self.choice(&m.company, &m.role, &m.level, Chosen::Mock)
        {
            return Ok(choice);
        }
        Ok(self.default_loop())
    }

    /// The loop a page or command asks about: `company` and `role` as given (both, with
    /// `level` when given), or, with neither, the candidate's [`App::target_loop`] at `level`
    /// when one is given. One without the other is refused.
    pub async fn choose_loop(
        &self,
        user: UserId,
        company: Option<&str>,
        role: Option<&str>,
        level: Option<String>,
    ) -> Result<LoopChoice, PracticeError> {
        match (company, role) {
            (Some(company), Some(role)) => Ok(LoopChoice {
                company: self.catalog().company(company)?.id.clone(),
                role: self.catalog().role(role)?.0,
                level,
                from: Chosen::Given,
                track: None,
                interview_date: None,
            }),
            (None, None) => {
                let mut target = self.target_loop(user).await?;
                if level.is_some() {
                    target.level = level;
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

    /// A saved choice, if the content still has its company and role.
    fn choice(&self, company: &str, role: &str, level: &str, from: Chosen) -> Option<LoopChoice> {
        let catalog = self.catalog();
        let company = catalog.company(company).ok()?.id.clone();
        let (role, _) = catalog.role(role).ok()?;
        let level = catalog
            .levels_of(&company)
            .find(|l| l.id == level)
            .map(|l| l.id.clone());
        Some(LoopChoice {
            company,
            role,
            level,
            from,
            track: None,
            interview_date: None,
        })
    }
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
    /// The track within the role (`pm-t`), when the profile names one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub track: Option<String>,
    /// The interview date, when the profile names one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub interview_date: Option<Date>,
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
