//! The command line: arguments in, a library call, an exit status out.

use std::io::IsTerminal;
use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};
use codespan_reporting::term::termcolor::ColorChoice;

use crate::console::{Globals, USAGE};

#[derive(Parser, Debug)]
#[command(
    name = "mentorfolio",
    version,
    about = "A mentoring journal in plain Markdown in, a progress site out"
)]
pub struct Cli {
    /// The journal's folder.
    #[arg(long, global = true, default_value = ".")]
    pub root: PathBuf,
    /// The date to judge "past due" and "in the future" against (YYYY-MM-DD).
    #[arg(long, global = true, env = "MENTORFOLIO_TODAY", value_parser = parse_today)]
    pub today: Option<NaiveDate>,
    /// Print only diagnostics and errors.
    #[arg(long, short, global = true)]
    pub quiet: bool,
    /// When to colour the output.
    #[arg(long, global = true, value_enum, default_value_t = Color::Auto)]
    pub color: Color,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum Color {
    Auto,
    Always,
    Never,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Load and validate the journal; print every problem found.
    Check {
        /// Treat warnings as errors.
        #[arg(long)]
        strict: bool,
        /// How to print diagnostics: text for people, json for tools.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Check the journal, then render the whole site into the output folder.
    Build {
        /// The URL the site is published at; overrides `base_url` in mentorfolio.yaml.
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
        /// Where to write the site [default: public/ inside the journal].
        #[arg(long, value_name = "DIR")]
        output_dir: Option<PathBuf>,
        /// Treat warnings as errors.
        #[arg(long)]
        strict: bool,
        /// Replace the output folder even when it holds files mentorfolio did not write.
        #[arg(long)]
        force: bool,
        /// Fail at once, instead of waiting, when another build is writing the same output.
        #[arg(long)]
        no_wait: bool,
    },
    /// Build the site as `build` does, then push only the built files as one new commit on a
    /// branch of a git remote; nothing of the journal is pushed.
    Publish {
        /// A remote of the journal's git repository, or a URL or path of any git repository.
        #[arg(long, value_name = "URL|NAME", default_value = "origin")]
        remote: String,
        /// The branch to commit the site to; created as an orphan branch when missing.
        #[arg(long, default_value = "gh-pages")]
        branch: String,
        /// The commit message [default: the date, the mentorfolio version, the journal's commit].
        #[arg(long, short)]
        message: Option<String>,
        /// The URL the site is published at; overrides `base_url` in mentorfolio.yaml.
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
        /// Treat warnings as errors.
        #[arg(long)]
        strict: bool,
    },
    /// Build the site into memory, serve it, and rebuild and reload open pages on every change.
    Serve {
        /// The port to listen on.
        #[arg(long, short, default_value_t = 1111)]
        port: u16,
        /// The address to listen on; anything but loopback exposes the site to the network.
        #[arg(long, default_value = "127.0.0.1")]
        interface: std::net::IpAddr,
        /// Open the site in the default browser.
        #[arg(long)]
        open: bool,
        /// Preview the site locked, as `protect: true` publishes it (passphrase from
        /// MENTORFOLIO_PASSPHRASE or a prompt).
        #[arg(long)]
        protected: bool,
    },
    /// Start a new journal with a worked example and a GitHub Pages workflow.
    Init {
        /// The folder to create the journal in (default: --root).
        dir: Option<PathBuf>,
        /// The mentee's name, as the site shows it.
        #[arg(long, default_value = "Your Name")]
        mentee: String,
        /// The mentor's name, as the site shows it.
        #[arg(long, default_value = "Your Mentor")]
        mentor: String,
        /// The mentee's e-mail address, where the site's Reply links write to.
        #[arg(long)]
        email: Option<String>,
        /// Write into a folder that is not empty.
        #[arg(long)]
        force: bool,
    },
    /// Add a goal, meeting or activity from a template; never overwrites a file.
    New {
        #[command(subcommand)]
        what: NewCommand,
    },
    /// Print the proposed agenda of the next meeting as Markdown.
    Agenda,
    /// Print the follow-up summary of a meeting (the latest held one by default) as Markdown.
    Summary {
        /// The meeting's slug (file stem) or date.
        meeting: Option<String>,
    },
}

#[derive(Subcommand, Debug)]
pub enum NewCommand {
    /// goals/SLUG.md
    Goal {
        /// The goal's title; the file name is made from it.
        #[arg(required = true, num_args = 1..)]
        title: Vec<String>,
    },
    /// meetings/DATE.md (or DATE-SLUG.md with --title), its agenda prepared from the journal.
    Meeting {
        /// The meeting's date, YYYY-MM-DD (default: today).
        #[arg(value_parser = parse_today)]
        date: Option<NaiveDate>,
        /// A few words for the file name, e.g. "cfp review".
        #[arg(long)]
        title: Option<String>,
    },
    /// activities/DATE-SLUG.md
    Activity {
        /// The activity's title; the file name is made from it.
        #[arg(required = true, num_args = 1..)]
        title: Vec<String>,
        /// When it took place, YYYY-MM-DD (default: today).
        #[arg(long, value_parser = parse_today)]
        date: Option<NaiveDate>,
        /// training, course, workshop, conference, reading, project or other.
        #[arg(long, default_value = "other", value_parser = ["training", "course", "workshop", "conference", "reading", "project", "other"])]
        kind: String,
    },
}

fn parse_today(s: &str) -> Result<NaiveDate, String> {
    crate::journal::convert::parse_date(s)
}

/// The shared options, as the arguments give them.
fn globals(cli: &Cli) -> Globals {
    let color = match cli.color {
        Color::Always => ColorChoice::Always,
        Color::Never => ColorChoice::Never,
        Color::Auto
            if std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none() =>
        {
            ColorChoice::Auto
        }
        Color::Auto => ColorChoice::Never,
    };
    Globals {
        root: cli.root.clone(),
        today: cli
            .today
            .unwrap_or_else(|| chrono::Local::now().date_naive()),
        quiet: cli.quiet,
        color,
    }
}

/// Runs the command line and returns the exit status.
pub fn run(cli: Cli) -> i32 {
    let g = globals(&cli);
    // Every command but `init` works on an existing journal.
    if !matches!(cli.command, Command::Init { .. }) && !g.root.is_dir() {
        eprintln!(
            "error: the journal folder `{}` does not exist",
            g.root.display()
        );
        return USAGE;
    }
    match cli.command {
        Command::Check { strict, format } => crate::check::run(&g, strict, format == Format::Json),
        Command::Init {
            dir,
            mentee,
            mentor,
            email,
            force,
        } => {
            let people = crate::workflow::init::People {
                mentee,
                mentor,
                email,
            };
            let dir = dir.as_ref().unwrap_or(&g.root);
            crate::workflow::init::run(dir, &people, g.today, force, g.quiet)
        }
        Command::New { what } => {
            use crate::workflow::new::{self, NewFile};
            let what = match what {
                NewCommand::Goal { title } => NewFile::Goal {
                    title: title.join(" "),
                },
                NewCommand::Meeting { date, title } => NewFile::Meeting { date, title },
                NewCommand::Activity { title, date, kind } => NewFile::Activity {
                    title: title.join(" "),
                    date,
                    kind,
                },
            };
            new::run(&g, what)
        }
        Command::Agenda => crate::workflow::agenda::run(&g),
        Command::Summary { meeting } => crate::workflow::summary::run(&g, meeting.as_deref()),
        Command::Build {
            base_url,
            output_dir,
            strict,
            force,
            no_wait,
        } => crate::build::run(
            &g,
            &crate::build::Options {
                base_url,
                output_dir,
                strict,
                force,
                no_wait,
            },
        ),
        Command::Publish {
            remote,
            branch,
            message,
            base_url,
            strict,
        } => crate::publish::run(
            &g,
            &crate::publish::Options {
                remote: Some(remote),
                branch,
                message,
                base_url,
                strict,
            },
        ),
        Command::Serve {
            port,
            interface,
            open,
            protected,
        } => {
            let opts = crate::serve::Options {
                port,
                interface,
                open,
                protected,
            };
            crate::serve::run(&g, &opts)
        }
    }
}
