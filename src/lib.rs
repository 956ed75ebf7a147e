//! `quota`: party-member recruitment quotas, admissions and progress reports.
//!
//! The binary in `main.rs` is a shell around this library: it parses the
//! command line, calls [`cmd::run`] and prints what comes back.
#![warn(clippy::print_stdout, clippy::print_stderr)]

#[macro_use]
pub mod lang;

pub mod cli;
pub mod cmd;
pub mod date;
pub mod encoding;
pub mod env;
pub mod exchange;
pub mod fasttoml;

pub mod model;
pub mod notes;
pub mod render;
pub mod report;
pub mod store;
pub mod text;
pub mod tree;
