use clap::Parser;

fn main() {
    std::process::exit(mentorfolio::cli::run(mentorfolio::cli::Cli::parse()));
}
