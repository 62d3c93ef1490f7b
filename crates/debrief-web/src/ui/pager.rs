//! The pager of every paged list (the question bank, the story bank, mock loops, plans, fit
//! results, the progress history): where the page sits in the list, and plain links to the
//! pages around it, so paging works with JavaScript off. `macros.html` renders it (`pager`,
//! and `pager_note` for a page asked for that is not there).
//!
//! The list's page itself is the application layer's (`debrief_practice::Page`, read from the
//! store a page at a time); the pager only needs its numbers and how to link to a page.

use debrief_practice::Page;

use crate::params::PageParam;

/// A paged list's pager.
#[derive(Debug, Clone)]
pub(crate) struct Pager {
    /// The page shown, from 1.
    pub page: u64,
    /// How many pages the list fills (at least 1).
    pub pages: u64,
    /// How many items the whole list holds.
    pub total: u64,
    /// The positions in the list of the first and last items shown, from 1 (both 0 when the
    /// page is empty).
    pub first: u64,
    pub last: u64,
    /// Links to the first, previous, next and last pages, where they differ from this one and
    /// its neighbours.
    pub first_href: Option<String>,
    pub prev: Option<String>,
    pub next: Option<String>,
    pub last_href: Option<String>,
    /// The pager's accessible name, "Pages of your stories".
    pub label: String,
    /// Why the page shown is not the one asked for ("abc", or a page past the end); empty
    /// when it is.
    pub note: String,
}

impl Pager {
    /// The pager of `page`, which `asked` asked for; `href` links to a page of the same list
    /// with the request's other parameters kept.
    pub(crate) fn new<T>(
        page: &Page<T>,
        asked: PageParam,
        label: impl Into<String>,
        href: impl Fn(u64) -> String,
    ) -> Pager {
        Pager::of(
            page.total,
            page.page,
            page.per_page,
            page.items.len(),
            asked,
            label,
            href,
        )
    }

    /// The pager of page `page` of `per_page` in a list of `total`, showing `shown` items.
    pub(crate) fn of(
        total: u64,
        page: u64,
        per_page: u64,
        shown: usize,
        asked: PageParam,
        label: impl Into<String>,
        href: impl Fn(u64) -> String,
    ) -> Pager {
        let pages = total.div_ceil(per_page.max(1)).max(1);
        let page = page.clamp(1, pages);
        let shown = u64::try_from(shown).unwrap_or(u64::MAX);
        let first = if shown == 0 {
            0
        } else {
            (page - 1) * per_page + 1
        };
        let note = match asked {
            PageParam::Invalid => {
                "That is not a page number (pages count from 1), so this is the first page."
                    .to_owned()
            }
            // The number is not echoed: it can be any length.
            PageParam::Number(n) if n > pages && pages == 1 => {
                "The list fits on one page; this is it.".to_owned()
            }
            PageParam::Number(n) if n > pages => {
                format!("The list has {pages} pages; this is the last.")
            }
            _ => String::new(),
        };
        Pager {
            page,
            pages,
            total,
            first,
            last: (first + shown).saturating_sub(1),
            first_href: (page > 2).then(|| href(1)),
            prev: (page > 1).then(|| href(page - 1)),
            next: (page < pages).then(|| href(page + 1)),
            last_href: (page + 1 < pages).then(|| href(pages)),
            label: label.into(),
            note,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(n: u64) -> String {
        format!("/list?page={n}")
    }

    #[test]
    fn links_go_to_the_pages_around() {
        let p = Pager::of(120, 2, 50, 50, PageParam::Number(2), "Pages", link);
        assert_eq!((p.pages, p.first, p.last), (3, 51, 100));
        assert_eq!(p.prev.as_deref(), Some("/list?page=1"));
        assert_eq!(p.next.as_deref(), Some("/list?page=3"));
        assert_eq!(
            (p.first_href, p.last_href),
            (None, None),
            "neighbours already link"
        );
        assert!(p.note.is_empty());

        let far = Pager::of(1_000, 10, 50, 50, PageParam::Absent, "Pages", link);
        assert_eq!(far.first_href.as_deref(), Some("/list?page=1"));
        assert_eq!(far.last_href.as_deref(), Some("/list?page=20"));
    }

    #[test]
    fn a_page_not_there_says_so() {
        let last = Pager::of(120, 3, 50, 20, PageParam::Number(u64::MAX), "Pages", link);
        assert_eq!((last.page, last.first, last.last), (3, 101, 120));
        assert_eq!(last.next, None);
        assert_eq!(last.note, "The list has 3 pages; this is the last.");
        let bad = Pager::of(120, 1, 50, 50, PageParam::Invalid, "Pages", link);
        assert!(bad.note.contains("not a page number"), "{}", bad.note);
        let empty = Pager::of(0, 1, 50, 0, PageParam::Number(2), "Pages", link);
        assert_eq!((empty.pages, empty.first, empty.last), (1, 0, 0));
        assert_eq!(empty.note, "The list fits on one page; this is it.");
        assert_eq!((empty.prev, empty.next), (None, None));
    }
}
