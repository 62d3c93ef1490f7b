//! Lists read a page at a time: the same items in the same order as the whole list, counted,
//! with a page past the end read as the last one, and only the user's own rows.

use super::*;

use debrief_store::{MockFilter, NewAttempt, NewMock, Page, PageRequest};

/// Checks that pages of `per_page` read by `read` cut `whole` (the list read at once) into
/// consecutive pieces, and that pages 0 and past the end read as the first and the last.
async fn pages_cut<T>(
    label: &str,
    whole: &[T],
    per_page: u64,
    read: impl AsyncFn(PageRequest) -> Page<T>,
) where
    T: PartialEq + std::fmt::Debug + Clone,
{
    let total = whole.len() as u64;
    let pages = total.div_ceil(per_page).max(1);
    let mut joined = Vec::new();
    for n in 1..=pages {
        let page = read(PageRequest::new(n, per_page)).await;
        assert_eq!(
            (page.total, page.page, page.per_page, page.pages()),
            (total, n, per_page, pages),
            "{label}: page {n}"
        );
        assert!(
            page.items.len() as u64 <= per_page,
            "{label}: page {n} holds too many"
        );
        joined.extend(page.items);
    }
    assert_eq!(
        joined, whole,
        "{label}: the pages, joined, are the whole list"
    );

    let first = read(PageRequest::new(0, per_page)).await;
    assert_eq!(first.page, 1, "{label}: page 0 reads as page 1");
    let last = read(PageRequest::new(pages + 5, per_page)).await;
    let far = read(PageRequest::new(u64::MAX, per_page)).await;
    assert_eq!(
        (last.page, far.page),
        (pages, pages),
        "{label}: past the end"
    );
    assert_eq!(last.items, far.items);
    let tail = usize::try_from((pages - 1) * per_page).unwrap_or(usize::MAX);
    assert_eq!(
        last.items,
        whole[tail.min(whole.len())..],
        "{label}: the last page"
    );
}

#[tokio::test]
async fn lists_read_a_page_at_a_time_in_the_same_order() {
    each_backend("pages", async |db: &Db| {
        let s = &db.store;
        let a = user(s, "ada").await;
        let b = user(s, "bob").await;
        // Bob's rows are never counted in Ada's pages.
        ok!(s.add_story(b, &story("bob's"), 5).await);
        ok!(s.save_fit(b, 5, "{}".to_owned()).await);
        ok!(s
            .create_plan(b, "amazon", "pm", "l6", "2026-09-01", 5)
            .await);

        // Stories: ties on updated_at keep the order of adding, as the whole list does.
        for i in 0..7 {
            ok!(s
                .add_story(a, &story(&format!("story {i}")), 100 + i % 3)
                .await);
        }
        let batch: Vec<Story> = (0..4).map(|i| story(&format!("imported {i}"))).collect();
        ok!(s.import_stories(a, &batch, 101).await);
        let stories = ok!(s.stories(a).await);
        assert_eq!(stories.len(), 11);
        pages_cut("stories", &stories, 3, async |r| {
            ok!(s.stories_page(a, r).await)
        })
        .await;
        pages_cut("stories", &stories, 11, async |r| {
            ok!(s.stories_page(a, r).await)
        })
        .await;
        pages_cut("stories", &stories, 50, async |r| {
            ok!(s.stories_page(a, r).await)
        })
        .await;

        // Fit results, and one read by id, only by its owner.
        for i in 0..5 {
            ok!(s.save_fit(a, 200 + i % 2, format!("{{\"n\":{i}}}")).await);
        }
        let fits = ok!(s.fit_results(a).await);
        pages_cut("fit results", &fits, 2, async |r| {
            ok!(s.fit_results_page(a, r).await)
        })
        .await;
        assert_eq!(
            ok!(s.fit_result(a, fits[3].id).await).as_ref(),
            Some(&fits[3])
        );
        assert_eq!(ok!(s.fit_result(b, fits[3].id).await), None);

        // Plans.
        for i in 0..5 {
            ok!(s
                .create_plan(a, "amazon", "pm", "l6", "2026-09-01", 300 + i % 2)
                .await);
        }
        let plans = ok!(s.plans(a).await);
        pages_cut("plans", &plans, 2, async |r| ok!(s.plans_page(a, r).await)).await;

        // Mocks, all of them or by whether they are finished.
        let mut finished = Vec::new();
        for i in 0..6 {
            let mock = ok!(s
                .create_mock(
                    a,
                    &NewMock {
                        company: format!("co{i}"),
                        role: "pm".to_owned(),
                        level: "l6".to_owned(),
                        seed: i,
                        plan_json: "{}".to_owned(),
                    },
                    400 + i % 2,
                )
                .await);
            if i % 3 != 0 {
                finished.push(ok!(s.finish_mock(a, mock.id, "{}", 500).await).id);
            }
        }
        let mocks = ok!(s.mocks(a).await);
        let done: Vec<_> = mocks
            .iter()
            .filter(|m| finished.contains(&m.id))
            .cloned()
            .collect();
        let open: Vec<_> = mocks
            .iter()
            .filter(|m| !finished.contains(&m.id))
            .cloned()
            .collect();
        assert_eq!((done.len(), open.len()), (4, 2));
        let mocks_of = async |f, r| ok!(s.mocks_page(a, f, r).await);
        pages_cut("mocks", &mocks, 4, async |r| {
            mocks_of(MockFilter::All, r).await
        })
        .await;
        pages_cut("finished", &done, 3, async |r| {
            mocks_of(MockFilter::Finished, r).await
        })
        .await;
        pages_cut("open", &open, 1, async |r| {
            mocks_of(MockFilter::InProgress, r).await
        })
        .await;
        assert_eq!(
            ok!(s
                .mocks_page(b, MockFilter::All, PageRequest::first(5))
                .await)
            .total,
            0
        );

        // Attempts: newest first, the reverse of the whole history, which runs oldest first.
        for i in 0..7 {
            let attempt = NewAttempt {
                source: if i % 2 == 0 { "practice" } else { "mock" }.to_owned(),
                mock_id: (i % 2 == 1).then_some(mocks[0].id),
                question_id: None,
                round_kind: "behavioral".to_owned(),
                role: None,
                company: None,
                score: 50 + i,
                rating: "hire".to_owned(),
                answer: format!("answer {i}"),
                summary_json: "{}".to_owned(),
            };
            ok!(s.record_attempt(a, &attempt, 600 + i / 2).await);
        }
        let mut history = ok!(s.attempts(a).await);
        history.reverse();
        pages_cut("attempts", &history, 3, async |r| {
            ok!(s.attempts_page(a, r).await)
        })
        .await;
        assert_eq!(
            ok!(s.latest_practice_answers(a, 3).await),
            ["answer 6", "answer 4", "answer 2"]
        );

        // A user with nothing has one empty page.
        let c = user(s, "cy").await;
        let empty = ok!(s.stories_page(c, PageRequest::new(3, 10)).await);
        assert_eq!((empty.total, empty.page, empty.items.len()), (0, 1, 0));
        assert!(ok!(s.latest_practice_answers(c, 3).await).is_empty());
    })
    .await;
}
