//! The code's shape, where a user of the library would notice it: the commands work
//! without the command line, so nothing but `main.rs` and `cli.rs` may use `cli`.

use std::path::Path;

#[test]
fn only_the_entry_points_use_the_command_line_module() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut offenders = Vec::new();
    for entry in walkdir::WalkDir::new(&src) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(&src).unwrap();
        if entry.path().extension().is_none_or(|e| e != "rs")
            || rel == Path::new("main.rs")
            || rel == Path::new("cli.rs")
        {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).unwrap();
        for (i, line) in text.lines().enumerate() {
            if line.contains("crate::cli") || line.contains("mentorfolio::cli") {
                offenders.push(format!("src/{}:{}: {}", rel.display(), i + 1, line.trim()));
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "the library imports the command line:\n{}",
        offenders.join("\n")
    );
}
