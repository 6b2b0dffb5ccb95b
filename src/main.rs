use clap::Parser;

/// mimalloc: loading and rendering allocate many small strings on every thread, where
/// the system allocator is a tenth or more of a build's time.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(mentorfolio::cli::run(mentorfolio::cli::Cli::parse()));
}
