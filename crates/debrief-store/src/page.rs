//! Pages of a list that grows with a user's data: which page to read ([`PageRequest`]) and the
//! page read, with the size of the whole list ([`Page`]).
//!
//! Every `*_page` method of the [`Store`] counts the list, clamps the page asked for to the
//! pages there are ([`PageRequest::clamp`]) and reads only that page with `LIMIT` and `OFFSET`,
//! in the same order as the method that reads the whole list.

use serde::Serialize;

use crate::{Pool, Store, StoreError, with_pool};

/// Which page of a list to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageRequest {
    /// The page, from 1. 0 reads as 1, and a page past the end as the last page, so any number
    /// a link or a person sends gives a page.
    pub page: u64,
    /// Items per page; 0 reads as 1.
    pub per_page: u64,
}

impl PageRequest {
    /// Page `page` of `per_page` items.
    pub fn new(page: u64, per_page: u64) -> PageRequest {
        PageRequest { page, per_page }
    }

    /// The first `per_page` items: the newest one alone, with a `per_page` of 1.
    pub fn first(per_page: u64) -> PageRequest {
        PageRequest::new(1, per_page)
    }

    /// Items per page, at least 1.
    pub fn size(self) -> u64 {
        self.per_page.max(1)
    }

    /// The page to show of a list of `total` items: the one asked for, within 1 and the last
    /// page (an empty list has one page, empty).
    pub fn clamp(self, total: u64) -> u64 {
        let pages = total.div_ceil(self.size()).max(1);
        self.page.clamp(1, pages)
    }

    /// The index of the page's first item in a list of `total` items.
    pub fn offset(self, total: u64) -> u64 {
        // At most `total`, since the page is clamped: no overflow.
        (self.clamp(total) - 1) * self.size()
    }
}

/// One page of a list, and where it sits in the whole.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Page<T> {
    /// The page's items, in the list's order.
    pub items: Vec<T>,
    /// How many items the whole list holds.
    pub total: u64,
    /// Which page this is, from 1 (the page asked for, clamped to the pages there are).
    pub page: u64,
    /// Items per page.
    pub per_page: u64,
}

impl<T> Page<T> {
    /// The page of `items` that `request` asked of a list of `total`.
    pub fn new(items: Vec<T>, total: u64, request: PageRequest) -> Page<T> {
        Page {
            items,
            total,
            page: request.clamp(total),
            per_page: request.size(),
        }
    }

    /// How many pages the list fills (1 for an empty list).
    pub fn pages(&self) -> u64 {
        self.total.div_ceil(self.per_page.max(1)).max(1)
    }

    /// The position in the whole list of the page's first item, from 1.
    pub fn first_position(&self) -> u64 {
        (self.page - 1) * self.per_page + 1
    }

    /// The same place in the list holding `items` instead (this page's items turned into
    /// something else, one by one).
    pub fn with_items<U>(&self, items: Vec<U>) -> Page<U> {
        Page {
            items,
            total: self.total,
            page: self.page,
            per_page: self.per_page,
        }
    }

    /// The same page with each item turned into another.
    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Page<U> {
        Page {
            items: self.items.into_iter().map(f).collect(),
            total: self.total,
            page: self.page,
            per_page: self.per_page,
        }
    }
}

/// `LIMIT` and `OFFSET` of `request` in a list of `total`, as SQL binds them.
fn limit_offset(request: PageRequest, total: u64) -> (i64, i64) {
    let as_sql = |n: u64| i64::try_from(n).unwrap_or(i64::MAX);
    (as_sql(request.size()), as_sql(request.offset(total)))
}

impl Store {
    /// Runs `sql`, a `SELECT COUNT(*)` whose only parameter is the user's id.
    pub(crate) async fn count(&self, sql: &'static str, user_id: i64) -> Result<u64, StoreError> {
        let (n,): (i64,) = with_pool!(self, pool => sqlx::query_as(sql)
            .bind(user_id)
            .fetch_one(pool)
            .await)
        .map_err(|e| self.error(e))?;
        Ok(u64::try_from(n).unwrap_or(0))
    }

    /// One page of a user's rows: `count` is a `SELECT COUNT(*)` and `select` the rows, both
    /// with the user's id as `$1`; `select` takes `LIMIT $2 OFFSET $3`. Returns the page's rows
    /// and how many there are in all.
    pub(crate) async fn page_rows<R>(
        &self,
        count: &'static str,
        select: &'static str,
        user_id: i64,
        request: PageRequest,
    ) -> Result<(Vec<R>, u64), StoreError>
    where
        R: Send
            + Unpin
            + for<'r> sqlx::FromRow<'r, sqlx::sqlite::SqliteRow>
            + for<'r> sqlx::FromRow<'r, sqlx::postgres::PgRow>,
    {
        let total = self.count(count, user_id).await?;
        let (limit, offset) = limit_offset(request, total);
        let rows: Vec<R> = with_pool!(self, pool => sqlx::query_as(select)
            .bind(user_id)
            .bind(limit)
            .bind(offset)
            .fetch_all(pool)
            .await)
        .map_err(|e| self.error(e))?;
        Ok((rows, total))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_clamp_to_the_list() {
        let r = |page| PageRequest::new(page, 50);
        assert_eq!(r(0).clamp(120), 1);
        assert_eq!(r(1).clamp(120), 1);
        assert_eq!(r(3).clamp(120), 3);
        assert_eq!(r(4).clamp(120), 3, "past the end is the last page");
        assert_eq!(r(u64::MAX).clamp(120), 3);
        assert_eq!(r(u64::MAX).offset(120), 100);
        assert_eq!(r(7).clamp(0), 1, "an empty list has one page");
        assert_eq!(r(7).offset(0), 0);
        assert_eq!(PageRequest::new(2, 0).size(), 1);
        assert_eq!(limit_offset(r(2), 120), (50, 50));
    }

    #[test]
    fn a_page_knows_where_it_sits() {
        let page = Page::new(vec!['a', 'b'], 52, PageRequest::new(9, 25));
        assert_eq!((page.page, page.pages(), page.first_position()), (3, 3, 51));
        let empty: Page<char> = Page::new(Vec::new(), 0, PageRequest::new(2, 25));
        assert_eq!(
            (empty.page, empty.pages(), empty.first_position()),
            (1, 1, 1)
        );
        assert_eq!(page.map(|c| c.to_ascii_uppercase()).items, ['A', 'B']);
    }
}
