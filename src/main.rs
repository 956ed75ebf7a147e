//! The `quota` binary: parse, run, print, exit. The one place that writes
//! to stdout and stderr, and the one that picks the language messages are
//! shown in.

use std::io::{ErrorKind, IsTerminal, Write};
use std::process::ExitCode;

use indicatif::{ProgressBar, ProgressStyle};
use quota::cmd::{self, Progress, Ui, Usage, UsageError};
use quota::lang::{Text, error_line};

fn main() -> ExitCode {
    let argv: Vec<_> = std::env::args_os().collect();
    let inv = match cmd::parse(&argv) {
        Ok(inv) => inv,
        Err(Usage::Show(text)) => {
            let _ = std::io::stdout().write_all(text.as_bytes());
            return ExitCode::SUCCESS;
        }
        Err(Usage::Error(msg)) => {
            let lang = cmd::early_lang(&argv);
            let _ = writeln!(std::io::stderr(), "quota: {}", harmless(msg.get(lang)));
            return ExitCode::from(2);
        }
    };
    let lang = inv.lang();
    let say = |t: &Text| {
        let _ = writeln!(std::io::stderr(), "quota: {}", harmless(t.get(lang)));
    };
    let bar = ProgressBar::hidden();
    let progress = |p: Progress| show_progress(&bar, p);
    let ui = Ui {
        notify: &say,
        progress: &progress,
    };
    match cmd::run(inv, &ui) {
        Ok(out) => {
            let mut stderr = std::io::stderr().lock();
            for note in &out.notes {
                let _ = writeln!(stderr, "{}", harmless(note.get(lang)));
            }
            match std::io::stdout().lock().write_all(out.stdout.as_bytes()) {
                Err(e) if e.kind() != ErrorKind::BrokenPipe => {
                    let msg = quota::t!(
                        "cannot write the output ({e}); check the disk or where it is sent.",
                        "không ghi được kết quả ({e}); hãy kiểm tra ổ đĩa hoặc nơi nhận."
                    );
                    let _ = writeln!(stderr, "quota: {}", msg.get(lang));
                    ExitCode::FAILURE
                }
                _ => match &out.failed {
                    Some(why) => {
                        let _ = writeln!(stderr, "quota: {}", harmless(why.get(lang)));
                        ExitCode::FAILURE
                    }
                    None => ExitCode::SUCCESS,
                },
            }
        }
        Err(e) => {
            let usage = e.downcast_ref::<UsageError>().is_some();
            let line = harmless(&error_line(&e, lang));
            let _ = writeln!(std::io::stderr(), "quota: {line}");
            ExitCode::from(if usage { 2 } else { 1 })
        }
    }
}

/// A message for the terminal: a file name or an argument quoted in it
/// may hold control characters, shown escaped; its own lines stay lines.
fn harmless(message: &str) -> String {
    message
        .split('\n')
        .map(quota::text::escaped)
        .collect::<Vec<_>>()
        .join("\n")
}

/// A bar on stderr while a long job runs, when stderr is a terminal.
fn show_progress(bar: &ProgressBar, p: Progress) {
    match p {
        Progress::Start(len) if std::io::stderr().is_terminal() => {
            bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
            bar.set_length(len);
            if let Ok(style) =
                ProgressStyle::with_template("{spinner} {bytes}/{total_bytes} {wide_bar} {eta}")
            {
                bar.set_style(style);
            }
        }
        Progress::Start(_) => {}
        Progress::At(n) => bar.set_position(n),
        Progress::Done => bar.finish_and_clear(),
    }
}
