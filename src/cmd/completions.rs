//! `quota completions SHELL`, `quota man` and the hidden `quota __orgs`:
//! what a shell and `man` need, generated from the command line's
//! definition in `cli`.
//!
//! Every shell gets clap_complete's static script. Bash's also completes
//! organisation ids: a wrapper around the generated `_quota` asks
//! `quota __orgs` for the ids of the store on the command line (or
//! QUOTA_STORE, or quota.toml) wherever an organisation goes. A plain
//! script calling the binary back was chosen over clap_complete's
//! env-based dynamic completion, which is still behind its
//! `unstable-dynamic` feature and would answer every word through the
//! binary.

use anyhow::Result;
use clap::CommandFactory;
use clap_complete::Shell;

use super::{Ctx, Output};
use crate::cli::Cli;

/// The arguments, positional or after an option, that name an
/// organisation.
const ORG_ARGS: [&str; 4] = ["org", "parent", "into", "under"];

pub fn script(shell: Shell) -> Result<Output> {
    let mut command = without_hidden(Cli::command());
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut command, "quota", &mut out);
    let mut script = String::from_utf8(out)?;
    if shell == Shell::Bash {
        script = with_org_ids(&script, &Cli::command());
    }
    Ok(Output::text(script))
}

/// The manual page, in the user's language.
pub fn man(lang: crate::lang::Lang) -> Result<Output> {
    let command = match lang {
        crate::lang::Lang::En => Cli::command(),
        crate::lang::Lang::Vi => crate::cli::vi::command(),
    };
    let mut out = Vec::new();
    clap_mangen::Man::new(command).render(&mut out)?;
    let page = String::from_utf8(out)?;
    // The title first, where `man` and whatis(1) look for it; the string
    // definitions clap_mangen puts before it are used only below it.
    let (title, rest): (Vec<&str>, Vec<&str>) = page.lines().partition(|l| l.starts_with(".TH "));
    let mut page: String = title
        .iter()
        .chain(&rest)
        .map(|l| format!("{l}\n"))
        .collect();
    if title.is_empty() {
        page = rest.join("\n");
    }
    Ok(Output::text(page))
}

/// The command line as a user sees it: without the hidden commands, which
/// scripts call and people do not.
fn without_hidden(full: clap::Command) -> clap::Command {
    let subcommands: Vec<clap::Command> = full
        .get_subcommands()
        .filter(|s| !s.is_hide_set())
        .cloned()
        .collect();
    clap::Command::new("quota")
        .version(env!("CARGO_PKG_VERSION"))
        .args(full.get_arguments().cloned())
        .subcommands(subcommands)
}

/// The ids of the store's organisations still on the tree, one a line;
/// nothing at all when the store cannot be read, as a completion has no
/// place to say why.
pub fn org_ids(ctx: &Ctx) -> Output {
    let Ok(store) = ctx.load() else {
        return Output::default();
    };
    let ids: String = store
        .orgs
        .iter()
        .filter(|o| o.merged.is_none())
        .map(|o| format!("{}\n", o.id))
        .collect();
    Output::text(ids)
}

/// Bash's generated script, registered through a wrapper that offers
/// organisation ids after `--org` and the like, and as the first word
/// after the commands whose first argument is an organisation.
fn with_org_ids(generated: &str, command: &clap::Command) -> String {
    let mut valued = Vec::new();
    let mut org_options = Vec::new();
    let mut org_commands = Vec::new();
    walk(
        command,
        "",
        &mut valued,
        &mut org_options,
        &mut org_commands,
    );
    valued.sort();
    valued.dedup();
    org_options.sort();
    org_options.dedup();
    let wrapper = BASH_WRAPPER
        .replace("@VALUED@", &valued.join("|"))
        .replace("@ORG_OPTIONS@", &org_options.join("|"))
        .replace("@ORG_COMMANDS@", &org_commands.join("|"));
    let mut script = String::new();
    for line in generated.lines() {
        // The generated registration, of `_quota`, gives way to the
        // wrapper's, with the same options.
        match line.strip_prefix("    complete -F _quota ") {
            Some(rest) if rest.ends_with(" quota") => {
                script.push_str(&format!("    complete -F _quota_with_orgs {rest}\n"));
            }
            _ => {
                script.push_str(line);
                script.push('\n');
            }
        }
    }
    script.push_str(&wrapper);
    script
}

/// Gathers, over every subcommand: the long options that take a value,
/// those whose value is an organisation, and the commands (as typed,
/// `candidate add`) whose first positional argument is one.
fn walk(
    command: &clap::Command,
    path: &str,
    valued: &mut Vec<String>,
    org_options: &mut Vec<String>,
    org_commands: &mut Vec<String>,
) {
    for arg in command.get_arguments() {
        let is_org = ORG_ARGS.contains(&arg.get_id().as_str());
        match arg.get_long() {
            Some(long) if arg.get_action().takes_values() => {
                valued.push(format!("--{long}"));
                if is_org {
                    org_options.push(format!("--{long}"));
                }
            }
            _ => {}
        }
    }
    let first_positional = command.get_positionals().next();
    if !path.is_empty() && first_positional.is_some_and(|a| a.get_id() == "org") {
        org_commands.push(format!("\"{path}\""));
    }
    for sub in command.get_subcommands() {
        let path = if path.is_empty() {
            sub.get_name().to_string()
        } else {
            format!("{path} {}", sub.get_name())
        };
        walk(sub, &path, valued, org_options, org_commands);
    }
}

const BASH_WRAPPER: &str = r#"
# Organisation ids, from the store named on the command line (else
# QUOTA_STORE, else quota.toml), asked of `quota __orgs`.
_quota_org_ids() {
    local i store=()
    for ((i = 1; i < COMP_CWORD; i++)); do
        if [[ ${COMP_WORDS[i]} == --store ]]; then
            # Bash splits `--store=PATH` at the '='.
            if [[ ${COMP_WORDS[i+1]} == = ]]; then
                store=(--store "${COMP_WORDS[i+2]/#\~/$HOME}")
            else
                store=(--store "${COMP_WORDS[i+1]/#\~/$HOME}")
            fi
        fi
    done
    local IFS=$'\n'
    COMPREPLY=($(compgen -W "$(command quota "${store[@]}" __orgs 2>/dev/null)" -- "${COMP_WORDS[COMP_CWORD]}"))
}

_quota_with_orgs() {
    local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}"
    if [[ $prev == = && COMP_CWORD -gt 1 ]]; then
        prev="${COMP_WORDS[COMP_CWORD-2]}"
    fi
    case "$prev" in
        @ORG_OPTIONS@)
            _quota_org_ids
            return 0
            ;;
    esac
    # The words that are not options or their values: the command, then
    # its arguments.
    local i words=() skip=0
    for ((i = 1; i < COMP_CWORD; i++)); do
        if ((skip)); then
            skip=0
            [[ ${COMP_WORDS[i]} == = ]] && skip=1
            continue
        fi
        case "${COMP_WORDS[i]}" in
            @VALUED@) skip=1 ;;
            -*) ;;
            *) words+=("${COMP_WORDS[i]}") ;;
        esac
    done
    if [[ $cur != -* ]]; then
        case "${words[*]}" in
            @ORG_COMMANDS@)
                _quota_org_ids
                return 0
                ;;
        esac
    fi
    _quota "$@"
}
"#;
