//! The `quota` binary: parse, run, print, exit.

use std::io::{ErrorKind, Write};
use std::process::ExitCode;

use clap::Parser;
use quota::cli::Cli;
use quota::cmd::{self, UsageError};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let notify = |msg: &str| {
        let _ = writeln!(std::io::stderr(), "quota: {msg}");
    };
    match cmd::run(cli, &notify) {
        Ok(out) => {
            let mut stderr = std::io::stderr().lock();
            for note in &out.notes {
                let _ = writeln!(stderr, "{note}");
            }
            match std::io::stdout().lock().write_all(out.stdout.as_bytes()) {
                Err(e) if e.kind() != ErrorKind::BrokenPipe => {
                    let _ = writeln!(
                        stderr,
                        "quota: cannot write the output ({e}); check the disk or where it is sent."
                    );
                    ExitCode::FAILURE
                }
                _ => ExitCode::SUCCESS,
            }
        }
        Err(e) => {
            let usage = e.downcast_ref::<UsageError>().is_some();
            let _ = writeln!(std::io::stderr(), "quota: {e:#}");
            ExitCode::from(if usage { 2 } else { 1 })
        }
    }
}
