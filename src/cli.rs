//! The command line: clap derive types only. The doc comments are the help
//! text. Nothing here does work; `cmd` converts these into model types.

use std::path::PathBuf;

use clap::{ArgAction, Args, Parser, Subcommand, ValueEnum};

pub(crate) const ENVIRONMENT: &str = "\
Environment:
  QUOTA_STORE   the store when --store is not given (else quota.toml)
  QUOTA_TODAY   today's date (YYYY-MM-DD), for reproducible runs
  QUOTA_LOCK_TIMEOUT  seconds a writer waits for another (default 10)
  USER          who made a change, for the history
  LC_ALL, LANG  a locale starting with 'vi' selects Vietnamese
  NO_COLOR      no colour with --color auto
  COLUMNS       the width tables are fitted to

Exit status: 0 success; 1 error (bad data, unknown organisation, unreadable
store, errors found by check); 2 bad usage.";

pub mod examples;
pub mod vi;

/// The heading of the options every command takes.
const GLOBAL: &str = "Global options";

/// Arguments whose values may be personal details, by subcommand: the
/// history records the command line with their values hidden. A test
/// checks that every one names a real argument.
pub const PRIVATE_ARGS: [(&str, &str); 18] = [
    ("candidate advance", "exception"),
    ("candidate add", "name"),
    ("candidate add", "sex"),
    ("candidate add", "born"),
    ("candidate add", "ethnicity"),
    ("candidate add", "religion"),
    ("candidate add", "occupation"),
    ("candidate add", "exception"),
    ("candidate drop", "reason"),
    ("strike", "reason"),
    ("admit", "name"),
    ("admit", "sex"),
    ("admit", "born"),
    ("admit", "ethnicity"),
    ("admit", "religion"),
    ("admit", "occupation"),
    ("admit", "note"),
    ("void", "reason"),
];

/// Track party-member recruitment quotas: organisations, quotas,
/// admissions and progress reports.
#[derive(Debug, Parser)]
#[command(name = "quota", version, after_help = ENVIRONMENT)]
pub struct Cli {
    /// The store file (.toml, or .json); given again, more stores that
    /// report and breakdown read together
    #[arg(long, global = true, value_name = "PATH", help_heading = GLOBAL, action = ArgAction::Append)]
    pub store: Vec<PathBuf>,

    /// Language of tables and messages
    #[arg(long, global = true, value_enum, help_heading = GLOBAL)]
    pub lang: Option<LangArg>,

    /// When to colour tables
    #[arg(long, global = true, value_enum, default_value_t = ColorArg::Auto, help_heading = GLOBAL)]
    pub color: ColorArg,

    /// Print no notes on stderr, such as "Wrote FILE." or a period not
    /// over yet (errors and warnings are still printed)
    #[arg(long, short, global = true, help_heading = GLOBAL)]
    pub quiet: bool,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create an empty store (never overwrites one)
    Init,
    /// Add an organisation
    Add(AddArgs),
    /// Change an organisation's name, parent, level or members
    Edit(EditArgs),
    /// Merge an organisation into another: its quotas (added to the same
    /// period's), records and organisations go there; it stays as another
    /// name of that one
    Merge(MergeArgs),
    /// Place a subordinate committee's store under an organisation of this
    /// one, replacing what an earlier sync of the same store brought
    Sync(SyncArgs),
    /// Remove an organisation that has no children and no admission records
    Remove {
        /// Organisation id or exact name
        org: String,
    },
    /// Set the quota of an organisation for a year or a term
    Assign(AssignArgs),
    /// Record admissions: a count, or one person with details
    Admit(AdmitArgs),
    /// List admission records with their ids
    Admissions(AdmissionsArgs),
    /// Record attendance of an awareness class on the Party (what the
    /// `trained` plan counts)
    Train(TrainArgs),
    /// The people on the way to admission: add, advance, drop, list, admit
    #[command(subcommand)]
    Candidate(CandidateCommand),
    /// Will the quota be met: what is left of it and the candidates at each
    /// stage, per organisation; flags those whose candidates cannot cover it
    Pipeline(PipelineArgs),
    /// What is overdue or falls due soon: admission decisions (60 working
    /// days after the vote), ceremonies (30 after the decision), votes on
    /// the official membership (after 12 months of probation)
    Due(DueArgs),
    /// Who comes to the end of probation, due for the vote on the official
    /// membership
    Probation(DueArgs),
    /// Record the admission ceremony of an admission record
    Ceremony(FollowArgs),
    /// Record that a member on probation was voted an official member
    Confirm(FollowArgs),
    /// Strike a member on probation off, with the reason (the admission
    /// still counted for its year)
    Strike(StrikeArgs),
    /// The public holidays that deadlines in working days skip
    #[command(subcommand)]
    Holiday(HolidayCommand),
    /// Cancel a mistaken admission record (it stays in the store, marked void)
    Void {
        /// The record's id, as `admit` printed it
        id: u64,
        /// Why the record is cancelled
        #[arg(long)]
        reason: String,
    },
    /// Erase the personal details of admission records from the store, its
    /// backup and its history (the records stay and still count; cannot be
    /// undone)
    Erase {
        /// The records' ids, as `admit` printed them
        #[arg(required = true, value_name = "ADMISSION-ID")]
        ids: Vec<String>,
    },
    /// List organisations
    Orgs(OrgsArgs),
    /// Progress against quotas, rolled up the organisation tree
    Report(ReportArgs),
    /// New members by category (women, ethnic minority, religious, youth
    /// union, aged 18-30, occupation), rolled up the organisation tree
    Breakdown(BreakdownArgs),
    /// Look for what would trouble a report: quotas handed down beyond the
    /// parent's, admissions without a quota, records on a merged
    /// organisation or dated after today, broken links; exit status 1 when
    /// it finds errors, 0 with warnings only
    Check(CheckArgs),
    /// Read organisations, quotas, admissions, class attendance or candidates
    /// from a CSV file (all or nothing)
    Import(ImportArgs),
    /// Write organisations, quotas, admissions, class attendance or
    /// candidates as CSV for Excel
    Export(ExportArgs),
    /// The history of changes: when, who, what
    Log(LogArgs),
    /// Revert the last change (again to revert the one before)
    Undo,
    /// Print the completion script of a shell
    Completions { shell: clap_complete::Shell },
    /// Print the manual page (roff): `quota man | man -l -`
    Man,
    /// The store's organisation ids, one a line, for completion scripts
    #[command(name = "__orgs", hide = true)]
    OrgIds,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The CSV file (UTF-8, with or without BOM; ',' or ';' separated)
    pub file: PathBuf,
    /// What the file holds (default: told by its header line; a file of
    /// class attendance needs --kind training, or it is read as admissions;
    /// candidates go in after the admissions they became)
    #[arg(long, value_enum)]
    pub kind: Option<KindArg>,
    /// Import admissions, class attendance or candidates even when the store
    /// already has the same ones
    #[arg(long)]
    pub allow_duplicates: bool,
    /// The file's encoding (default: UTF-8, or Windows-1258 when the file
    /// is not valid UTF-8, as Excel saves "CSV" on Vietnamese Windows)
    #[arg(long, value_enum)]
    pub encoding: Option<EncodingArg>,
    /// Put this before every organisation id in the file (the id and
    /// parent columns of organisations, the org column of the other
    /// kinds), e.g. cu-pui- for a commune's export brought into the
    /// province's store
    #[arg(long, value_name = "P")]
    pub prefix: Option<String>,
    /// Put the file's top organisations (those with no parent) under this
    /// organisation of the store
    #[arg(long, value_name = "ORG")]
    pub under: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum EncodingArg {
    #[value(name = "utf-8", alias = "utf8")]
    Utf8,
    #[value(name = "windows-1258", alias = "cp1258")]
    Windows1258,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// What to write
    #[arg(long, value_enum)]
    pub kind: KindArg,
    /// Include personal details of admitted members and candidates
    /// (--output then writes a file only you can read)
    #[arg(long)]
    pub with_details: bool,
    /// Write to this file instead of stdout
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum KindArg {
    Orgs,
    Quotas,
    Admissions,
    // Awareness-class attendance, as `train` records it; the plural too,
    // as the other kinds are plural.
    #[value(alias = "trainings")]
    Training,
    // People on the way to admission, a date column per stage.
    #[value(alias = "candidate")]
    Candidates,
}

#[derive(Debug, Args)]
pub struct LogArgs {
    /// Show only the last N changes
    #[arg(long, value_name = "N")]
    pub last: Option<usize>,
    /// Output format
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
    /// Drop the changes recorded before this date from the history instead
    /// of listing it (undo cannot go back past them afterwards)
    #[arg(long, value_name = "DATE", conflicts_with_all = ["last", "format"])]
    pub prune: Option<String>,
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// New organisation id: lower-case ASCII letters, digits and '-'
    pub id: String,
    /// Full name, e.g. "Đảng bộ xã Cư Pui" (default: the id)
    #[arg(long)]
    pub name: Option<String>,
    /// The organisation above it (id or exact name)
    #[arg(long)]
    pub parent: Option<String>,
    /// Free-text level, e.g. province, commune, grassroots, cell
    #[arg(long)]
    pub level: Option<String>,
    /// Current number of members
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
    pub members: Option<String>,
    /// Also set an admissions quota (needs --year or --term)
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
    pub quota: Option<String>,
    #[command(flatten)]
    pub period: PeriodArgs,
}

#[derive(Debug, Args)]
pub struct SyncArgs {
    /// The subordinate committee's store (.toml or .json)
    pub file: PathBuf,
    /// The organisation of this store its top organisation goes under
    #[arg(long, value_name = "ORG")]
    pub under: String,
    /// Also bring names and notes (the categories a breakdown counts come
    /// in any case)
    #[arg(long)]
    pub with_details: bool,
}

#[derive(Debug, Args)]
pub struct MergeArgs {
    /// The organisation that goes (id or exact name)
    pub org: String,
    /// The one it goes into
    #[arg(long, value_name = "ORG")]
    pub into: String,
    /// The day of the merge (default today)
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
}

#[derive(Debug, Args)]
pub struct EditArgs {
    /// Organisation id or exact name
    pub org: String,
    /// New full name
    #[arg(long)]
    pub name: Option<String>,
    /// New parent (id or exact name)
    #[arg(long, conflicts_with = "no_parent")]
    pub parent: Option<String>,
    /// Make it a top-level organisation
    #[arg(long)]
    pub no_parent: bool,
    /// New level, e.g. commune
    #[arg(long)]
    pub level: Option<String>,
    /// Current number of members
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
    pub members: Option<String>,
}

#[derive(Debug, Args)]
pub struct PeriodArgs {
    /// A calendar year, e.g. 2023
    #[arg(long, conflicts_with = "term", value_name = "YEAR")]
    pub year: Option<String>,
    /// A term of office, first and last year, e.g. 2020-2025
    #[arg(long, value_name = "A-B")]
    pub term: Option<String>,
}

#[derive(Debug, Args)]
pub struct AssignArgs {
    /// Organisation id or exact name
    pub org: String,
    /// The number to reach
    #[arg(allow_negative_numbers = true)]
    pub target: String,
    #[command(flatten)]
    pub period: PeriodArgs,
    /// What the quota counts
    #[arg(long, value_enum, default_value_t = MetricArg::Admissions)]
    pub metric: MetricArg,
}

#[derive(Debug, Subcommand)]
pub enum CandidateCommand {
    /// Add a person to an organisation's pipeline; prints the candidate's id
    Add(CandidateAddArgs),
    /// Move a candidate on to a later stage
    Advance(CandidateAdvanceArgs),
    /// Take a candidate out of the pipeline, with the reason
    Drop(CandidateDropArgs),
    /// List candidates (names only with --with-details)
    List(CandidateListArgs),
    /// Admit a candidate the cell has voted for: records the admission from
    /// the candidate's details and prints its id
    Admit(CandidateAdmitArgs),
}

/// The stages of the pipeline, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum StageArg {
    /// On the cell's list of promising people
    Source,
    /// Has the awareness-class certificate
    Trained,
    /// Has applied, with the background declared
    Applied,
    /// The background is being verified
    Verifying,
    /// The cell has voted to admit
    Voted,
}

#[derive(Debug, Args)]
pub struct CandidateAddArgs {
    /// Organisation id or exact name
    pub org: String,
    #[command(flatten)]
    pub person: PersonFlags,
    /// The stage reached [default: source]
    #[arg(long, value_enum)]
    pub stage: Option<StageArg>,
    /// The date it was reached (default today)
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// Why the age rule (18 to 60 at the vote) is set aside
    #[arg(long, value_name = "TEXT")]
    pub exception: Option<String>,
}

/// A person's details, for `admit` and `candidate add`.
#[derive(Debug, Args)]
pub struct PersonFlags {
    /// Full name (personal data)
    #[arg(long)]
    pub name: Option<String>,
    /// Sex: female or male (nữ or nam) (personal data)
    #[arg(long)]
    pub sex: Option<String>,
    /// Date of birth (personal data)
    #[arg(long, value_name = "DATE")]
    pub born: Option<String>,
    /// Ethnicity (sensitive personal data)
    #[arg(long)]
    pub ethnicity: Option<String>,
    /// Religion (sensitive personal data)
    #[arg(long)]
    pub religion: Option<String>,
    /// A member of the Hồ Chí Minh Communist Youth Union
    #[arg(long)]
    pub youth_union: bool,
    /// Occupation, e.g. worker, farmer, student
    #[arg(long)]
    pub occupation: Option<String>,
}

#[derive(Debug, Args)]
pub struct CandidateAdvanceArgs {
    /// The candidate's id, as `candidate add` printed it
    pub id: u64,
    /// The stage reached
    #[arg(value_enum)]
    pub stage: StageArg,
    /// The date it was reached (default today)
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// Why the age rule (18 to 60 at the vote) is set aside
    #[arg(long, value_name = "TEXT")]
    pub exception: Option<String>,
}

#[derive(Debug, Args)]
pub struct CandidateDropArgs {
    /// The candidate's id
    pub id: u64,
    /// Why the candidate leaves the pipeline
    #[arg(long)]
    pub reason: String,
    /// When (default today)
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
}

#[derive(Debug, Args)]
pub struct CandidateListArgs {
    /// This organisation and those below it
    #[arg(long)]
    pub org: Option<String>,
    /// Only candidates at this stage
    #[arg(long, value_enum)]
    pub stage: Option<StageArg>,
    /// Also those dropped or admitted
    #[arg(long)]
    pub all: bool,
    /// Show names and other personal details
    #[arg(long)]
    pub with_details: bool,
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
}

#[derive(Debug, Args)]
pub struct CandidateAdmitArgs {
    /// The candidate's id
    pub id: u64,
    /// Date of the admission decision (default today)
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// The decision number, e.g. 123-QĐ/ĐU
    #[arg(long, value_name = "NO")]
    pub decision: Option<String>,
    /// The day of the admission ceremony, if it has taken place
    #[arg(long, value_name = "DATE")]
    pub ceremony: Option<String>,
}

#[derive(Debug, Args)]
pub struct PipelineArgs {
    /// The year whose quota the pipeline is to cover (default: this year)
    #[arg(long, value_name = "YEAR")]
    pub year: Option<String>,
    /// Count admissions and candidates up to this date (default: today,
    /// or the end of a past year)
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
    /// This organisation and those below it
    #[arg(long)]
    pub org: Option<String>,
    /// Show this many levels below the top (0: the top only)
    #[arg(long, value_name = "N")]
    pub depth: Option<usize>,
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
}

#[derive(Debug, Args)]
pub struct DueArgs {
    /// Also what falls due within this many days [default: 30]
    #[arg(long, value_name = "DAYS", default_value_t = 30)]
    pub within: u64,
    /// Also what was due more than a year ago and never recorded
    #[arg(long)]
    pub all: bool,
    /// This organisation and those below it
    #[arg(long)]
    pub org: Option<String>,
    /// Show names
    #[arg(long)]
    pub with_details: bool,
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
}

#[derive(Debug, Args)]
pub struct FollowArgs {
    /// The admission record's id
    pub id: u64,
    /// The day it took place (default today)
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
}

#[derive(Debug, Args)]
pub struct StrikeArgs {
    /// The admission record's id
    pub id: u64,
    /// Why the name is struck off
    #[arg(long)]
    pub reason: String,
    /// The day of the decision (default today)
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum HolidayCommand {
    /// Add a holiday
    Add {
        /// The day (2026-09-02 or 02/09/2026)
        date: String,
        /// Its name, e.g. "Quốc khánh"
        #[arg(long)]
        name: Option<String>,
    },
    /// Remove a holiday
    Remove {
        /// The day
        date: String,
    },
    /// List the holidays
    List,
}

#[derive(Debug, Args)]
pub struct TrainArgs {
    /// Organisation id or exact name
    pub org: String,
    /// How many people attended the class
    #[arg(allow_negative_numbers = true)]
    pub count: String,
    /// The day the class ended (2023-10-10 or 10/10/2023; default today)
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// A note, e.g. the class's name
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
}

#[derive(Debug, Args)]
pub struct AdmitArgs {
    /// Organisation id or exact name
    pub org: String,
    /// How many people were admitted [default: 1]
    #[arg(allow_negative_numbers = true)]
    pub count: Option<String>,
    /// Date of the admission decision (2023-10-10 or 10/10/2023; default today)
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    #[command(flatten)]
    pub person: PersonFlags,
    /// Decision number, e.g. 123-QĐ/HU
    #[arg(long)]
    pub decision: Option<String>,
    /// A free-text note (shown only with details)
    #[arg(long)]
    pub note: Option<String>,
    /// The day of the admission ceremony, if it has taken place
    #[arg(long, value_name = "DATE")]
    pub ceremony: Option<String>,
}

#[derive(Debug, Args)]
pub struct AdmissionsArgs {
    /// Only this organisation and those below it
    #[arg(long)]
    pub org: Option<String>,
    /// Only records dated in this year
    #[arg(long, value_name = "YEAR")]
    pub year: Option<String>,
    /// Include personal details (names, birth dates, ethnicity, religion…)
    #[arg(long)]
    pub with_details: bool,
    /// Output format
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
}

#[derive(Debug, Args)]
pub struct OrgsArgs {
    /// Show the hierarchy by indentation
    #[arg(long)]
    pub tree: bool,
    /// Output format
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    #[command(flatten)]
    pub period: PeriodArgs,
    /// Count admissions up to this date, or to the end of this month
    /// (2026-06 or 06/2026) (default: today, or the end of a past period)
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
    /// The monthly report: the year so far, up to the end of this month
    /// (2026-06 or 06/2026)
    #[arg(long, value_name = "MONTH", conflicts_with_all = ["year", "term", "as_of", "quarter"])]
    pub month: Option<String>,
    /// The year so far, up to the end of this quarter (2026-Q2)
    #[arg(long, value_name = "QUARTER", conflicts_with_all = ["year", "term", "as_of"])]
    pub quarter: Option<String>,
    /// Report on this organisation and those below it
    #[arg(long)]
    pub org: Option<String>,
    /// Show this many levels below the top (0: the top only)
    #[arg(long, value_name = "N")]
    pub depth: Option<usize>,
    /// Order of the rows
    #[arg(long, value_enum, default_value_t = SortArg::Tree)]
    pub sort: SortArg,
    /// Date the quota is due, for the pace (default: the end of the period)
    #[arg(long, value_name = "DATE")]
    pub deadline: Option<String>,
    /// Decimals in percentages
    #[arg(long, default_value_t = 1, value_name = "N")]
    pub precision: u8,
    /// Add last year beside this one: its quota, its admissions as of the
    /// same day, and the change in quota
    #[arg(long)]
    pub compare: bool,
    /// Add where the rate so far leads by the period's end, and the
    /// admissions needed a month to meet the quota by the deadline
    #[arg(long)]
    pub forecast: bool,
    /// Keep only the first N organisations after ranking (with --sort),
    /// below the top one
    #[arg(long, value_name = "N")]
    pub top: Option<usize>,
    /// Show only the organisations of this level, e.g. cell or commune
    #[arg(long, value_name = "LEVEL")]
    pub level: Option<String>,
    /// Show only the organisations of this status; in tree order their
    /// parents stay, marked as context
    #[arg(long, value_enum)]
    pub status: Option<StatusArg>,
    /// Add the admissions of each month or quarter, one column each
    #[arg(long, value_enum, value_name = "SPAN")]
    pub by: Option<ByArg>,
    /// What to count: admissions against the quota, or awareness-class
    /// attendance (`quota train`) against the `trained` plan
    #[arg(long, value_enum, default_value_t = MetricArg::Admissions)]
    pub metric: MetricArg,
    /// Output format (default: told by the --output file's extension, else
    /// a table): JSON and CSV are the same in every language; xlsx needs
    /// --output
    #[arg(long, value_enum)]
    pub format: Option<OutputFormat>,
    /// Write to this file instead of stdout
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct BreakdownArgs {
    #[command(flatten)]
    pub period: PeriodArgs,
    /// Count admissions up to this date, or to the end of this month
    /// (2026-06 or 06/2026) (default: today, or the end of a past period)
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
    /// The year so far, up to the end of this month (2026-06 or 06/2026)
    #[arg(long, value_name = "MONTH", conflicts_with_all = ["year", "term", "as_of", "quarter"])]
    pub month: Option<String>,
    /// The year so far, up to the end of this quarter (2026-Q2)
    #[arg(long, value_name = "QUARTER", conflicts_with_all = ["year", "term", "as_of"])]
    pub quarter: Option<String>,
    /// This organisation and those below it
    #[arg(long)]
    pub org: Option<String>,
    /// Show this many levels below the top (0: the top only)
    #[arg(long, value_name = "N")]
    pub depth: Option<usize>,
    /// Output format (default: told by the --output file's extension, else
    /// a table): JSON and CSV are the same in every language; xlsx needs
    /// --output
    #[arg(long, value_enum)]
    pub format: Option<OutputFormat>,
    /// Write to this file instead of stdout
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    En,
    Vi,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum MetricArg {
    Admissions,
    Trained,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SortArg {
    Tree,
    Percent,
    Remaining,
    Name,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    #[default]
    Table,
    Json,
    Csv,
    Markdown,
    /// An Excel workbook (needs --output FILE.xlsx)
    Xlsx,
    /// A page for a browser or for printing
    Html,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum StatusArg {
    Behind,
    OnTrack,
    Met,
    NoQuota,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ByArg {
    Month,
    Quarter,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Table,
    Json,
    Csv,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
    }
}
