//! The practice workflows over a real SQLite store: what the web app does on every autosave
//! and every hand-in of a mock loop.
//!
//! Run with `cargo bench -p debrief-practice --bench workflow`. Autosave runs about once a
//! second per typing candidate, so its cost bounds how many candidates one server can carry.

use debrief_grader::Grader;
use debrief_practice::mock::{open_current, save_draft, spec, start, submit};
use debrief_store::{MockId, Store, UserId};
use divan::Bencher;

fn main() {
    divan::main();
}

struct Fixture {
    runtime: tokio::runtime::Runtime,
    _dir: tempfile::TempDir,
    store: Store,
    grader: Grader,
    user: UserId,
    mock: MockId,
}

/// A store with one Amazon PMM L5 mock whose first three boxes are handed in.
fn fixture() -> Fixture {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let dir = tempfile::tempdir().expect("temp dir");
    let grader = Grader::new(std::sync::Arc::new(
        debrief_content::load(None).expect("built-in pack"),
    ));
    let (store, user, mock) = runtime.block_on(async {
        let store = Store::open_default(dir.path()).await.expect("store");
        let user = UserId::new(store.local_user().await.expect("user").id);
        let mock = start(&store, &grader, user, &spec("amazon", "pmm", "l5", 7), 0)
            .await
            .expect("mock")
            .id;
        let mock = MockId::new(mock);
        for t in 1..=3 {
            let session = open_current(&store, &grader, user, mock, t * 100)
                .await
                .expect("open");
            let slot = session.current().expect("open box").slot;
            submit(
                &store,
                &grader,
                user,
                mock,
                slot,
                "I decided to cut the launch scope to ship in May, and activation rose from 31% \
                 to 40% in six weeks.",
                t * 100 + 60,
            )
            .await
            .expect("handed in");
        }
        (store, user, mock)
    });
    Fixture {
        runtime,
        _dir: dir,
        store,
        grader,
        user,
        mock,
    }
}

/// One autosave of a 300-word draft into the open box: read the mock, check the box, write
/// the text durably (SQLite, WAL, synchronous=FULL).
#[divan::bench(sample_count = 200)]
fn autosave_draft(bencher: Bencher<'_, '_>) {
    let f = fixture();
    let slot = f.runtime.block_on(async {
        let session = open_current(&f.store, &f.grader, f.user, f.mock, 1_000)
            .await
            .expect("open");
        session.current().expect("open box").slot
    });
    let draft = "word ".repeat(300);
    let mut t = 2_000;
    bencher.bench_local(|| {
        t += 1;
        f.runtime
            .block_on(save_draft(
                &f.store, &f.grader, f.user, f.mock, slot, &draft, t,
            ))
            .expect("saved");
    });
}

/// Loading a mock to show its open box (what every page view of a mock does).
#[divan::bench(sample_count = 200)]
fn load_mock(bencher: Bencher<'_, '_>) {
    let f = fixture();
    bencher.bench_local(|| {
        f.runtime
            .block_on(debrief_practice::mock::load(
                &f.store, &f.grader, f.user, f.mock,
            ))
            .expect("loaded")
    });
}
