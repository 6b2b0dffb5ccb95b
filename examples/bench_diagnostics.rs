//! Times the text diagnostics printer on one large file with many warnings, against the
//! same file with one warning, to show that printing N diagnostics costs about N times
//! printing one whatever the file's size.
//!
//! Usage: `cargo run --release --example bench_diagnostics -- [WARNINGS] [MEGABYTES]`
//! (default 2000 warnings in a 5 MB goal file).

use std::fmt::Write as _;
use std::time::Instant;

use codespan_reporting::term::termcolor::NoColor;
use mentorfolio::diagnostics::{self, Code};

fn main() {
    let mut args = std::env::args().skip(1);
    let warnings: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(2000);
    let megabytes: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(5);
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let root = tmp.path();
    let write = |rel: &str, text: &str| {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write(
        "mentorfolio.yaml",
        "title: T\nmentee: { name: Ada }\nmentor: { name: Grace }\nstart: 2026-01-05\n",
    );
    write("plan.md", "---\nobjective: O\n---\n");
    // Unknown keys (W501), one per line, then a body that makes the file large.
    let mut text = String::from("---\ntitle: Big\n");
    for n in 0..warnings {
        writeln!(text, "unknown_{n}: x").unwrap();
    }
    text.push_str("---\n");
    let line = "A line of notes in a long goal file, repeated to make it large.\n";
    while text.len() < megabytes << 20 {
        text.push_str(line);
    }
    write("goals/big.md", &text);

    let today = chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
    let checked = mentorfolio::check::check(root, today);
    let all: Vec<_> = checked
        .diagnostics
        .into_iter()
        .filter(|d| d.code == Code::W501)
        .collect();
    let time = |diags: &[diagnostics::Diagnostic]| {
        let mut sink = NoColor::new(std::io::sink());
        let started = Instant::now();
        diagnostics::emit(&mut sink, root, diags).unwrap();
        started.elapsed()
    };
    let one = time(&all[..1]);
    let many = time(&all);
    println!(
        "{} warnings in a {:.1} MB file: {:.1} ms; one warning: {:.3} ms ({:.1}x)",
        all.len(),
        text.len() as f64 / (1 << 20) as f64,
        many.as_secs_f64() * 1e3,
        one.as_secs_f64() * 1e3,
        many.as_secs_f64() / one.as_secs_f64().max(1e-9)
    );
}
