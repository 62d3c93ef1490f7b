//! Any text as a comparison file, and as the amounts and percentages a candidate types: reading
//! never panics, and every offer that reads adds up (each year's total is its parts, the
//! four-year average is the years' mean, and each grant vests exactly once).
#![no_main]

use std::sync::OnceLock;

use debrief_offer::{BasisPoints, Cents};
use debrief_pack::Catalog;
use debrief_practice::offers::compare_offer_file;
use libfuzzer_sys::fuzz_target;

fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| debrief_content::load(None).expect("built-in content is valid"))
}

fuzz_target!(|text: &str| {
    if let Ok(c) = Cents::parse(text) {
        assert!(c.0 >= 0);
        assert_eq!(Cents::parse(&c.to_string()), Ok(c), "{c} reads back");
    }
    let _ = BasisPoints::parse_percent(text, -9_500..=20_000, "fuzz");
    if let Ok(reports) = compare_offer_file(catalog(), text) {
        for r in reports {
            for w in [Some(&r.flat), r.scenario.as_ref()].into_iter().flatten() {
                let mut sum = Cents::ZERO;
                for y in &w.years {
                    assert_eq!(y.total, y.base + y.signon + y.stock + y.bonus);
                    sum += y.total;
                }
                assert_eq!(w.four_year_average, sum.share(1, w.years.len() as i64));
            }
            let vested: Cents = r.flat.years.iter().map(|y| y.stock).sum::<Cents>() + r.flat.stock_after;
            let granted: Cents = r.offer.grants.iter().map(|g| g.amount).sum();
            assert_eq!(vested, granted);
        }
    }
});
