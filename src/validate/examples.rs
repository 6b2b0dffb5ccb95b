//! `init`'s worked examples, which stay out of the record until they are made real.

use crate::diagnostics::{Code, Diagnostic};
use crate::journal::Journal;

/// One reminder for each file still marked `example: true`: nothing else is checked in it,
/// so that a journal `init` wrote weeks ago shows no false overdue items or gaps.
pub fn w506_still_an_example(j: &Journal, out: &mut Vec<Diagnostic>) {
    for source in j.examples.sources() {
        out.push(Diagnostic::new(
            Code::W506,
            source.at("example"),
            "still the worked example: edit it or delete it",
            "make it your own and remove `example: true`, or delete the file",
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::testing::*;

    #[test]
    fn w506_once_for_each_example() {
        let mut j = journal();
        assert!(run(w506_still_an_example, &j).is_empty());
        j.examples.meetings = vec![meeting("2026-02-02").into()];
        j.examples.goals = vec![goal("talk")];
        assert_eq!(run(w506_still_an_example, &j).len(), 2);
    }
}
