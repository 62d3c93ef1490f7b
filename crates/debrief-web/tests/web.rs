//! The web app over real HTTP: each test starts `serve` on 127.0.0.1:0 (most over the small
//! fixture pack of debrief-content) and asserts on what a browser or an API client would get.
//! The tests live in `web/`, one module per area, in this one test binary.

// The server, the clients and the page assertions every module drives the app with.
#[path = "web/harness.rs"]
mod harness;

// Artifact drills: the kinds, a drill without JavaScript, its report, 404s and CSRF.
#[path = "web/artifacts.rs"]
mod artifacts;
// Multi-user mode, CSRF and isolation between users.
#[path = "web/auth.rs"]
mod auth;
// The candidate's data: story bank, fit diagnostic, prep plan.
#[path = "web/data.rs"]
mod data;
// Slow and half-sent requests, idle connections and the connection cap.
#[path = "web/connections.rs"]
mod connections;
// Forged forwarded headers, lock-out attempts, NUL characters, a store that is down.
#[path = "web/hostile.rs"]
mod hostile;
// Mock loops, the debrief, progress and the "today" queue.
#[path = "web/mock.rs"]
mod mock;
// Mock modes: the quick loop, one round, interview mode with no score until the debrief.
#[path = "web/mock_modes.rs"]
mod mock_modes;
// Guides: the list, one guide with its cited sources, the links to them, a clear 404.
#[path = "web/guides.rs"]
mod guides;
// Model answers and the links to them beside questions.
#[path = "web/examples.rs"]
mod examples;
// Lists that grow with the candidate's data, a page at a time.
// Pay by level and offers compared, without JavaScript.
#[path = "web/paging.rs"]
mod paging;
#[path = "web/pay.rs"]
mod pay;
// Public pages, the JSON API, assets and headers.
#[path = "web/pages.rs"]
mod pages;
// Grading: the grade API, the Practice page and its live report.
#[path = "web/practice.rs"]
mod practice;
// The target loop every form starts from, and the API's progress, coverage and target.
#[path = "web/target.rs"]
mod target;
// A track within a role (Amazon's PM-T) and the steps of a loop that are not interviews.
#[path = "web/tracks.rs"]
mod tracks;
