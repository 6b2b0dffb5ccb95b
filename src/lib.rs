//! mentorfolio: a mentoring journal in plain Markdown in, a static progress site out.
//!
//! The pipeline is a chain of plain functions over plain data:
//! [`journal::load`] → [`validate::validate`] → analyse → render → write or serve.

pub mod allow;
pub mod analyse;
pub mod build;
pub mod check;
pub mod cli;
pub mod console;
pub mod diagnostics;
pub mod english;
pub mod i18n;
pub mod journal;
pub mod leak;
pub mod output;
pub mod protect;
pub mod publish;
pub mod render;
pub mod serve;
pub mod site;
pub mod validate;
pub mod workflow;
