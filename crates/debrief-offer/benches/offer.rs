//! How long working an offer out takes: the year-by-year table of a two-grant offer under a
//! share-price scenario (every vest revalued), and leaving at a month. Run with `cargo bench -p
//! debrief-offer`.

use debrief_offer::{BasisPoints, Bonus, Cents, Clawback, Grant, Offer, Paid, Schedule, SignOn};

fn main() {
    divan::main();
}

fn offer() -> Offer {
    let schedule = |p: &[f64], v: &[u32]| Schedule::new(p, v).expect("valid schedule");
    Offer {
        name: "bench".into(),
        base: Cents::from_dollars(170_000),
        raise: BasisPoints(300),
        signon: SignOn {
            by_year: vec![Cents::from_dollars(55_000), Cents::from_dollars(45_000)],
            paid: Paid::Monthly,
            clawback: Clawback::Prorated,
        },
        bonus: Bonus::PercentOfBase(BasisPoints(1_500)),
        grants: vec![
            Grant {
                amount: Cents::from_dollars(240_000),
                schedule_id: "google".into(),
                schedule: schedule(&[33.0, 33.0, 22.0, 12.0], &[12, 12, 12, 12]),
                start_month: 0,
            },
            Grant {
                amount: Cents::from_dollars(60_000),
                schedule_id: "refresher".into(),
                schedule: schedule(&[25.0, 25.0, 25.0, 25.0], &[12, 12, 12, 12]),
                start_month: 12,
            },
        ],
    }
}

#[divan::bench]
fn work_out_flat(bencher: divan::Bencher<'_, '_>) {
    let o = offer();
    bencher.bench_local(|| divan::black_box(&o).work_out(BasisPoints(0)));
}

#[divan::bench]
fn work_out_with_a_falling_share_price(bencher: divan::Bencher<'_, '_>) {
    let o = offer();
    bencher.bench_local(|| divan::black_box(&o).work_out(BasisPoints(-3_000)));
}

#[divan::bench]
fn leave_at_month_18(bencher: divan::Bencher<'_, '_>) {
    let o = offer();
    bencher.bench_local(|| divan::black_box(&o).leave_at(18, BasisPoints(0)));
}
