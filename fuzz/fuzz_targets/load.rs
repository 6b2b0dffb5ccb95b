//! Fuzzes the loader with any bytes as a goal, meeting, activity, plan or config file:
//! it must never panic, and every error it reports must name the file and a line.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mentorfolio::journal::front::Kind;
use mentorfolio::journal::load::diagnose_bytes;

const KINDS: [(Kind, &str); 5] = [
    (Kind::Goal, "goals/g.md"),
    (Kind::Meeting, "meetings/2026-02-02.md"),
    (Kind::Activity, "activities/a.md"),
    (Kind::Plan, "plan.md"),
    (Kind::Config, "mentorfolio.yaml"),
];

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else { return };
    let (kind, rel) = KINDS[usize::from(selector) % KINDS.len()];
    let today = chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
    for d in diagnose_bytes(kind, rel, bytes, today) {
        assert_eq!(d.file, rel);
        assert!(!d.is_error() || d.line.is_some(), "error without a line: {d:?}");
    }
});
