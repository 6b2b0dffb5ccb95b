//! Measures how fast this machine guesses passphrases of a protected site: PBKDF2-HMAC-
//! SHA256 at the site's iteration count, with the same Rust code `build` derives its key
//! with, on one core and on every core. docs/protection.md turns the figure into how long
//! a passphrase should be.
//!
//! Usage: `cargo run --release --example guess_rate [SECONDS]`

use std::time::{Duration, Instant};

use rayon::prelude::*;

/// Guesses per second over at least `budget`, running `threads` derivations at a time.
fn rate(threads: usize, budget: Duration) -> f64 {
    let started = Instant::now();
    let mut guesses = 0usize;
    while started.elapsed() < budget {
        (0..threads).into_par_iter().for_each(|i| {
            let guess = format!("guess number {guesses} {i}");
            std::hint::black_box(mentorfolio::protect::Key::derive(
                &guess,
                "https://example.org/",
            ));
        });
        guesses += threads;
    }
    guesses as f64 / started.elapsed().as_secs_f64()
}

fn main() {
    let seconds: u64 = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(5);
    let budget = Duration::from_secs(seconds);
    let cores = rayon::current_num_threads();
    println!(
        "PBKDF2-HMAC-SHA256, {} iterations",
        mentorfolio::protect::ITERATIONS
    );
    println!("one core: {:.2} guesses per second", rate(1, budget));
    println!(
        "{cores} cores: {:.2} guesses per second",
        rate(cores, budget)
    );
}
