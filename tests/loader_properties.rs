//! Property tests of the loader: whatever bytes a journal file holds, loading never panics
//! and every error it reports names the file and a line. (The longer coverage-guided run
//! lives in `fuzz/`; this short one runs with every `cargo test`.)

use chrono::NaiveDate;
use mentorfolio::journal::front::Kind;
use mentorfolio::journal::load::diagnose_bytes;
use proptest::prelude::*;

const KINDS: [(Kind, &str); 5] = [
    (Kind::Goal, "goals/g.md"),
    (Kind::Meeting, "meetings/2026-02-02.md"),
    (Kind::Activity, "activities/a.md"),
    (Kind::Plan, "plan.md"),
    (Kind::Config, "mentorfolio.yaml"),
];

/// Pieces of real journal files, so random texts get past the first line often.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("---\n".to_string()),
        Just("title: A goal\n".to_string()),
        Just("status: active\n".to_string()),
        Just("date: 2026-02-30 10:00\n".to_string()),
        Just("benchmarks:\n  - { title: B, due: 2026-05-01, done: 2026-04-01 }\n".to_string()),
        Just("actions:\n  - { task: T, owner: mentee, due: 2026-03-01 }\n".to_string()),
        Just("feedback:\n  received:\n    - suggestion: S\n      decision: adopted\n".to_string()),
        Just(
            "cancellation: { notice_given: 2026-01-01, rescheduled_to: 2026-01-09 }\n".to_string()
        ),
        Just("cadence:\n  - { from: 2026-01-05, every: weekly }\n".to_string()),
        Just("mentee: { name: Ada }\nmentor: Grace\n".to_string()),
        Just("private: true\n".to_string()),
        Just("private_notes: &a [x, *a]\n".to_string()),
        Just("```private\nsecret\n".to_string()),
        Just("```\n".to_string()),
        Just("\t- tab\n".to_string()),
        Just("key: [unclosed\n".to_string()),
        Just("\u{feff}".to_string()),
        Just("\r\n".to_string()),
        "[ -~\n]{0,40}",
        "\\PC{0,20}",
    ]
}

fn text() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        4 => prop::collection::vec(fragment(), 0..12).prop_map(|v| v.concat().into_bytes()),
        1 => prop::collection::vec(any::<u8>(), 0..200),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn loading_any_bytes_never_panics_and_errors_are_located(kind in 0usize..5, bytes in text()) {
        let (kind, rel) = KINDS[kind];
        let today = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        for d in diagnose_bytes(kind, rel, &bytes, today) {
            prop_assert_eq!(&d.file, rel);
            if d.is_error() {
                prop_assert!(d.line.is_some(), "error without a line: {:?}", d);
            }
        }
    }
}
