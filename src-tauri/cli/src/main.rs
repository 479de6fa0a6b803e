//! `clausewright-cli [--db PATH] <command>`: exit 0 on success, 1 on a user error (one line on
//! stderr), 2 on bad usage (clap's own exit code).

use clap::{ArgMatches, Args, FromArgMatches, Parser, Subcommand};
use clausewright_core::{check, diff};
use clausewright_core::domain::{Clause, Proposal, ProposalStatus, Value, VariableKind};
use clausewright_core::review::Decision;
use clausewright_core::sides::DiffInput;
use clausewright_core::store::{self, ClauseFilter};
use clausewright_core::{Error, Store};
use clausewright_core::{export, files, import};
use std::io::IsTerminal;
use serde::Serialize;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "clausewright-cli", version, about = "Draft, compare and export privacy policies from the terminal")]
struct Cli {
    #[command(flatten)]
    global: Global,
    #[command(subcommand)]
    command: Command,
}

/// What every command takes.
#[derive(Args)]
struct Global {
    /// The workspace file [default: $CLAUSEWRIGHT_DB, else the platform data directory]
    #[arg(long, global = true, value_name = "PATH")]
    db: Option<PathBuf>,
}

/// A command whose arguments clap builds only when it is the command given. Building every
/// command's arguments on each run was most of `--version`'s work and about 0.25 M instructions
/// of each `diff` (issue #15; docs/benchmarks.md, eighth round); help and errors are the same,
/// as each is built before use.
struct Deferred<T>(T);

impl<T: FromArgMatches> FromArgMatches for Deferred<T> {
    fn from_arg_matches(m: &ArgMatches) -> Result<Self, clap::Error> {
        T::from_arg_matches(m).map(Deferred)
    }
    fn update_from_arg_matches(&mut self, m: &ArgMatches) -> Result<(), clap::Error> {
        self.0.update_from_arg_matches(m)
    }
}

impl<T: Args> Args for Deferred<T> {
    fn group_id() -> Option<clap::Id> {
        T::group_id()
    }
    fn augment_args(cmd: clap::Command) -> clap::Command {
        cmd.defer(T::augment_args)
    }
    fn augment_args_for_update(cmd: clap::Command) -> clap::Command {
        cmd.defer(T::augment_args_for_update)
    }
}

impl<T: Subcommand> Subcommand for Deferred<T> {
    fn augment_subcommands(cmd: clap::Command) -> clap::Command {
        cmd.defer(T::augment_subcommands)
    }
    fn augment_subcommands_for_update(cmd: clap::Command) -> clap::Command {
        cmd.defer(T::augment_subcommands_for_update)
    }
    fn has_subcommand(name: &str) -> bool {
        T::has_subcommand(name)
    }
}

#[derive(Subcommand)]
enum Command {
    /// The clause library
    #[command(subcommand)]
    Library(Deferred<LibraryCommand>),
    /// Documents in the workspace
    #[command(subcommand)]
    Doc(Deferred<DocCommand>),
    /// Named, immutable versions of a document
    #[command(subcommand)]
    Version(Deferred<VersionCommand>),
    /// Copies of the whole workspace, beside it in backups/
    #[command(subcommand)]
    Backup(Deferred<BackupCommand>),
    /// Counsel's review: proposals from a Word file or from versions, accepted or rejected
    #[command(subcommand)]
    Review(Deferred<ReviewCommand>),
    /// Comments on a document's text
    #[command(subcommand)]
    Comment(Deferred<CommentCommand>),
    /// Bring in an existing policy (.md, .txt, .html, .docx or .pdf) as a new document, or as a new
    /// version of one
    Import(Deferred<ImportArgs>),
    /// Check a policy for required disclosures, contradictions and lint (an aid, not legal
    /// advice). Exit 0 when nothing required is missing and nothing is an error, 3 otherwise.
    Check(Deferred<CheckArgs>),
    /// Compare two texts word by word; A and B are files, DOC@VERSION or DOC@draft
    Diff(Deferred<DiffArgs>),
    /// Write a document's draft (DOC or DOC@draft) or a version (DOC@N) to a file
    Export(Deferred<ExportArgs>),
    /// Write the comparison of A and B (as in `diff`) to a file
    ExportRedline(Deferred<ExportRedlineArgs>),
}

#[derive(Args)]
struct ImportArgs {
    file: PathBuf,
    #[arg(long)]
    title: Option<String>,
    /// Add it as a new version of this document instead (to compare with earlier ones)
    #[arg(long, value_name = "DOC")]
    into: Option<i64>,
    /// Show what would be imported; opens no workspace and writes nothing
    #[arg(long)]
    dry_run: bool,
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
struct CheckArgs {
    /// A document id in the workspace, or a file (.md, .txt, .html, .docx, .pdf) read as import
    /// reads it, with no workspace opened
    #[arg(value_name = "DOC|FILE")]
    what: String,
    /// Check these jurisdictions instead of the ones the facts imply: eu, uk, us-ca, us,
    /// us-children, …
    #[arg(long, value_delimiter = ',', value_name = "LIST")]
    jurisdiction: Option<Vec<String>>,
    /// The date to judge the effective date against, YYYY-MM-DD [default: today, UTC]
    #[arg(long, value_name = "DATE")]
    today: Option<String>,
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
struct ExportArgs {
    #[arg(value_name = "DOC[@VERSION]")]
    what: String,
    /// md, html, txt, docx or pdf
    #[arg(long)]
    format: String,
    /// The file to write (replaced atomically)
    #[arg(short, long, value_name = "FILE")]
    output: PathBuf,
}

#[derive(Args)]
struct ExportRedlineArgs {
    a: String,
    b: String,
    /// docx (tracked changes), html (side by side), html-inline or pdf
    #[arg(long)]
    format: String,
    #[arg(short, long, value_name = "FILE")]
    output: PathBuf,
    /// Changes in spacing alone are not marked (as in `diff`)
    #[arg(long)]
    ignore_whitespace: bool,
    /// Changes in letter case alone are not marked (as in `diff`)
    #[arg(long)]
    ignore_case: bool,
}

#[derive(Subcommand)]
enum VersionCommand {
    /// Freeze the document as it is now; prints the version's number
    Save {
        doc: i64,
        #[arg(long)]
        label: String,
        #[arg(long, default_value = "")]
        note: String,
        /// Your name, kept in the workspace for later versions
        #[arg(long)]
        author: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// List a document's versions, newest first
    List {
        doc: i64,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum ReviewCommand {
    /// Add a Word file's tracked changes and comments as proposals on DOC's draft (the draft
    /// changes only as proposals are accepted); prints the review's proposals
    Import {
        file: PathBuf,
        #[arg(long, value_name = "DOC")]
        into: i64,
        #[arg(long)]
        json: bool,
    },
    /// Review what changed since version FROM (to version --to, which then becomes the draft;
    /// default: the draft): each change a proposal, shown in the draft until rejected
    Versions {
        doc: i64,
        from: u32,
        #[arg(long)]
        to: Option<u32>,
        #[arg(long)]
        json: bool,
    },
    /// List a document's proposals: id, status, kind, author, date, section, old and new text
    List {
        doc: i64,
        /// Only the proposals still open
        #[arg(long)]
        open: bool,
        #[arg(long)]
        json: bool,
    },
    /// Accept proposals (their text goes into the draft)
    Accept {
        doc: i64,
        #[arg(required_unless_present = "all", conflicts_with = "all")]
        ids: Vec<i64>,
        /// Every open proposal
        #[arg(long)]
        all: bool,
    },
    /// Reject proposals (the draft keeps, or goes back to, the text before them)
    Reject {
        doc: i64,
        #[arg(required_unless_present = "all", conflicts_with = "all")]
        ids: Vec<i64>,
        /// Every open proposal
        #[arg(long)]
        all: bool,
    },
}

#[derive(Subcommand)]
enum CommentCommand {
    /// Comment on the text QUOTE in section number SECTION (as `doc show` numbers them) of the
    /// draft, or of version N
    Add {
        doc: i64,
        section: usize,
        #[arg(long, value_name = "N")]
        version: Option<u32>,
        #[arg(long)]
        quote: String,
        #[arg(long)]
        text: String,
        /// Your name, kept in the workspace
        #[arg(long)]
        author: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// A document's comments, threads together
    List {
        doc: i64,
        #[arg(long)]
        json: bool,
    },
    /// Reply to comment ID
    Reply {
        id: i64,
        #[arg(long)]
        text: String,
        #[arg(long)]
        author: Option<String>,
    },
    /// Resolve the thread of comment ID
    Resolve { id: i64 },
    /// Open the thread of comment ID again
    Reopen { id: i64 },
}

#[derive(Subcommand)]
enum BackupCommand {
    /// List the backups, newest first
    List {
        #[arg(long)]
        json: bool,
    },
    /// Back up the workspace now; prints the backup's id
    Create,
    /// Bring the workspace back to backup ID (the current state is backed up first)
    Restore { id: String },
}

#[derive(Args)]
struct DiffArgs {
    a: String,
    b: String,
    #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
    format: DiffFormat,
    #[arg(long)]
    ignore_whitespace: bool,
    #[arg(long)]
    ignore_case: bool,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum DiffFormat {
    Text,
    Json,
    Html,
}

#[derive(Subcommand)]
enum LibraryCommand {
    /// List clauses, in topic order
    List {
        #[arg(long)]
        topic: Option<String>,
        /// global, eu, uk, us-ca or us
        #[arg(long)]
        jurisdiction: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Search clauses by words (prefixes match: "retent" finds retention), best first
    Search {
        query: String,
        #[arg(long)]
        topic: Option<String>,
        #[arg(long)]
        jurisdiction: Option<String>,
        #[arg(long, default_value_t = 20)]
        limit: u32,
        #[arg(long)]
        json: bool,
    },
    /// Show one clause, at its current or a given revision
    Show {
        id: String,
        #[arg(long)]
        revision: Option<u32>,
        #[arg(long)]
        json: bool,
    },
    /// Write the library as a folder of Markdown files (clauses/<topic>/<name>.md)
    Export {
        dir: PathBuf,
        /// Only the clauses you wrote or duplicated, not the built-in ones
        #[arg(long)]
        user_only: bool,
    },
    /// Import a folder written by `library export`; all of it or, on any error, nothing
    Import { dir: PathBuf },
}

#[derive(Subcommand)]
enum DocCommand {
    /// List documents
    List {
        #[arg(long)]
        json: bool,
    },
    /// Create a document, blank or from a template (ai-saas, mobile-app, eu-site, starter)
    New {
        #[arg(long)]
        title: String,
        #[arg(long)]
        template: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Set a profile value (a list as "a, b, c"; a table as a JSON array of objects; "" clears)
    Set { doc: i64, key: String, value: String },
    /// Add a library clause as a section (at position N, counting from 1; default: the end)
    Add {
        doc: i64,
        clause_id: String,
        #[arg(long, value_name = "N")]
        at: Option<usize>,
    },
    /// Move section number SECTION (as `doc show` numbers them) to position N
    Move {
        doc: i64,
        section: usize,
        #[arg(long, value_name = "N")]
        to: usize,
    },
    /// Remove section number SECTION
    Remove { doc: i64, section: usize },
    /// Print the document as it will be published
    Render {
        doc: i64,
        #[arg(long, value_enum, default_value_t = Format::Md)]
        format: Format,
    },
    /// Show a document's sections
    Show {
        id: i64,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    Md,
    Html,
    Txt,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        // A reader that stopped reading (`| head`) got what it wanted: quiet success, as git.
        Ok(()) | Err(Stop::Closed) => ExitCode::SUCCESS,
        Err(Stop::Unclean) => ExitCode::from(3),
        Err(Stop::Failed(e)) => {
            eprintln!("clausewright-cli: {e}");
            ExitCode::from(1)
        }
    }
}

/// Why a command stopped.
enum Stop {
    Failed(Error),
    /// Standard output was closed by its reader.
    Closed,
    /// `check` found something missing or an error (exit 3, for CI).
    Unclean,
}

impl From<Error> for Stop {
    fn from(e: Error) -> Stop {
        Stop::Failed(e)
    }
}

/// All output goes through here. Rust ignores SIGPIPE, so a write to a closed pipe is an error
/// (on which `print!` panics); it becomes a quiet stop. Restoring SIGPIPE's default instead
/// would need unsafe code (forbidden in this workspace) and end the process by a signal, an
/// exit status scripts read as failure.
fn write_out(args: std::fmt::Arguments) -> Result<(), Stop> {
    use std::io::Write;
    match std::io::stdout().lock().write_fmt(args) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Err(Stop::Closed),
        Err(source) => Err(Stop::Failed(Error::Io { context: "cannot write to standard output".into(), source })),
    }
}

macro_rules! out {
    ($($arg:tt)*) => { write_out(format_args!($($arg)*))? };
}

macro_rules! outln {
    ($($arg:tt)*) => { write_out(format_args!("{}\n", format_args!($($arg)*)))? };
}

fn open(db: Option<PathBuf>) -> Result<Store, Error> {
    let store = Store::open(&store::resolve_path(db)?)?;
    if let Some(problem) = store.info().backup_problem {
        eprintln!("clausewright-cli: warning: the daily backup was not taken: {problem}");
    }
    Ok(store)
}

/// The workspace when a side is a document; comparing two files opens or creates none.
fn open_for(db: Option<PathBuf>, a: &DiffInput, b: &DiffInput) -> Result<Option<Store>, Error> {
    if a.needs_workspace() || b.needs_workspace() { open(db).map(Some) } else { Ok(None) }
}

fn run(cli: Cli) -> Result<(), Stop> {
    match cli.command {
        Command::Library(Deferred(LibraryCommand::List { topic, jurisdiction, json })) => {
            let store = open(cli.global.db)?;
            let clauses = store.clauses(&ClauseFilter { topic, jurisdiction })?;
            if json {
                print_json(&clauses.iter().map(ClauseListing::from).collect::<Vec<_>>())?
            } else {
                for c in &clauses {
                    outln!("{:<44} {:<20} r{:<3} {}", c.id, c.topic, c.revision, c.title);
                }
            }
        }
        Command::Library(Deferred(LibraryCommand::Search { query, topic, jurisdiction, limit, json })) => {
            let store = open(cli.global.db)?;
            let hits = store.search_clauses(&query, &ClauseFilter { topic, jurisdiction }, limit)?;
            if json {
                let out: Vec<_> = hits
                    .iter()
                    .map(|h| SearchListing { clause: ClauseListing::from(&h.clause), snippet: snippet_text(&h.snippet, "[", "]") })
                    .collect();
                print_json(&out)?
            } else {
                for h in &hits {
                    outln!("{:<44} {}", h.clause.id, h.clause.title);
                    outln!("    {}", snippet_text(&h.snippet, "\u{1b}[1m", "\u{1b}[0m").replace('\n', " "));
                }
            }
        }
        Command::Library(Deferred(LibraryCommand::Show { id, revision, json })) => {
            let store = open(cli.global.db)?;
            let clause = store.clause(&id, revision)?;
            if json {
                print_json(&clause)?
            } else {
                out!("{}", clausewright_core::library::clause_file(&clause));
            }
        }
        Command::Library(Deferred(LibraryCommand::Export { dir, user_only })) => {
            let store = open(cli.global.db)?;
            let n = store.export_library(&dir, user_only)?;
            outln!("exported {n} clauses to {}", dir.display());
        }
        Command::Library(Deferred(LibraryCommand::Import { dir })) => {
            let mut store = open(cli.global.db)?;
            let r = store.import_library(&dir)?;
            outln!("imported {}: {} added, {} updated, {} unchanged", dir.display(), r.added.len(), r.updated.len(), r.unchanged);
        }
        Command::Doc(Deferred(DocCommand::List { json })) => {
            let store = open(cli.global.db)?;
            let docs = store.documents()?;
            if json {
                print_json(&docs)?
            } else {
                for d in &docs {
                    outln!("{:>4}  {:<40} {:>3} sections  updated {}", d.id, d.title, d.section_count, d.updated_at);
                }
            }
        }
        Command::Doc(Deferred(DocCommand::New { title, template, json })) => {
            let mut store = open(cli.global.db)?;
            let doc = store.create_document(&title, template.as_deref())?;
            if json {
                print_json(&doc)?
            } else {
                outln!("{}", doc.id);
            }
        }
        Command::Doc(Deferred(DocCommand::Set { doc, key, value })) => {
            let mut store = open(cli.global.db)?;
            let current = store.document(doc)?;
            let kind = store.library().variable(&key).map(|v| v.kind);
            let value = parse_value(kind, &value)?;
            store.set_profile_value(doc, current.revision, &key, value)?;
        }
        Command::Doc(Deferred(DocCommand::Add { doc, clause_id, at })) => {
            let mut store = open(cli.global.db)?;
            let current = store.document(doc)?;
            let at = at.map(|n| n.saturating_sub(1));
            store.add_section(doc, current.revision, &clause_id, at)?;
        }
        Command::Doc(Deferred(DocCommand::Move { doc, section, to })) => {
            let mut store = open(cli.global.db)?;
            let current = store.document(doc)?;
            let id = section_id(&current, section)?;
            store.move_section(doc, current.revision, id, to.saturating_sub(1))?;
        }
        Command::Doc(Deferred(DocCommand::Remove { doc, section })) => {
            let mut store = open(cli.global.db)?;
            let current = store.document(doc)?;
            let id = section_id(&current, section)?;
            store.remove_section(doc, current.revision, id)?;
        }
        Command::Doc(Deferred(DocCommand::Render { doc, format })) => {
            let store = open(cli.global.db)?;
            let d = store.document(doc)?;
            let lib = store.library();
            out!(
                "{}",
                match format {
                    Format::Md => export::document_markdown(&d, lib),
                    Format::Html => export::document_html_page(&d, lib),
                    Format::Txt => export::document_text(&d, lib),
                }
            );
        }
        Command::Version(Deferred(VersionCommand::Save { doc, label, note, author, json })) => {
            let mut store = open(cli.global.db)?;
            if let Some(name) = author {
                store.set_author(&name)?;
            }
            let v = store.save_version(doc, &label, &note)?;
            if json {
                print_json(&v)?
            } else {
                outln!("{}", v.number);
            }
        }
        Command::Version(Deferred(VersionCommand::List { doc, json })) => {
            let store = open(cli.global.db)?;
            let versions = store.versions(doc)?;
            if json {
                print_json(&versions)?
            } else {
                for v in &versions {
                    outln!("{:>3}  {}  {:<28} {:<16} {}", v.number, &v.created_at[..10.min(v.created_at.len())], v.label, v.author, v.summary);
                }
            }
        }
        Command::Review(Deferred(ReviewCommand::Import { file, into, json })) => {
            let mut store = open(cli.global.db)?;
            let r = store.review_word_file(into, &file)?;
            if json {
                print_json(&r.proposals)?
            } else {
                print_proposals(&r.proposals)?;
            }
            for u in &r.unplaced {
                eprintln!("clausewright-cli: note: not placed on any text: {u}");
            }
        }
        Command::Review(Deferred(ReviewCommand::Versions { doc, from, to, json })) => {
            let mut store = open(cli.global.db)?;
            let current = store.document(doc)?;
            let r = store.review_versions(doc, current.revision, from, to)?;
            if json { print_json(&r.proposals)? } else { print_proposals(&r.proposals)? }
        }
        Command::Review(Deferred(ReviewCommand::List { doc, open: only_open, json })) => {
            let store = open(cli.global.db)?;
            let mut ps = store.proposals(doc)?;
            if only_open {
                ps.retain(|p| p.status == ProposalStatus::Open);
            }
            if json { print_json(&ps)? } else { print_proposals(&ps)? }
        }
        // `--all` is an empty list of ids: every open proposal.
        Command::Review(Deferred(ReviewCommand::Accept { doc, ids, .. })) => decide(cli.global.db, doc, &ids, Decision::Accept)?,
        Command::Review(Deferred(ReviewCommand::Reject { doc, ids, .. })) => decide(cli.global.db, doc, &ids, Decision::Reject)?,
        Command::Comment(Deferred(CommentCommand::Add { doc, section, version, quote, text, author, json })) => {
            let mut store = open(cli.global.db)?;
            if let Some(name) = author {
                store.set_author(&name)?;
            }
            let commented = store.document_at(doc, version)?.document;
            let section_id = section_id(&commented, section)?;
            let c = store.add_comment(&store::NewComment { document_id: doc, version, section_id, quote, text, ..Default::default() })?;
            if json { print_json(&c)? } else { outln!("{}", c.id) }
        }
        Command::Comment(Deferred(CommentCommand::List { doc, json })) => {
            let store = open(cli.global.db)?;
            let comments = store.comments(doc)?;
            if json {
                print_json(&comments)?
            } else {
                for c in comments.iter().filter(|c| c.parent_id.is_none()) {
                    let state = if c.resolved { "resolved" } else { "open" };
                    let place = if c.anchored { String::new() } else { " (text changed)".into() };
                    let on = c.version.map_or(String::new(), |n| format!("v{n} "));
                    outln!("{:>4}  {state:<8} {on}{}  {} on “{}”{place}: “{}”", c.id, c.heading, c.author, c.quote, c.text);
                    for r in comments.iter().filter(|r| r.parent_id == Some(c.id)) {
                        outln!("{:>4}    ↳ {}: “{}”", r.id, r.author, r.text);
                    }
                }
            }
        }
        Command::Comment(Deferred(CommentCommand::Reply { id, text, author })) => {
            let mut store = open(cli.global.db)?;
            if let Some(name) = author {
                store.set_author(&name)?;
            }
            outln!("{}", store.reply_to_comment(id, &text)?.id);
        }
        Command::Comment(Deferred(CommentCommand::Resolve { id })) => {
            open(cli.global.db)?.set_comment_resolved(id, true)?;
        }
        Command::Comment(Deferred(CommentCommand::Reopen { id })) => {
            open(cli.global.db)?.set_comment_resolved(id, false)?;
        }
        Command::Backup(Deferred(BackupCommand::List { json })) => {
            let store = open(cli.global.db)?;
            let backups = store.backups()?;
            if json {
                print_json(&backups)?;
            } else {
                let count = |n: Option<u32>| n.map_or_else(|| "?".to_owned(), |n| n.to_string());
                for b in &backups {
                    outln!(
                        "{:<36} {:<16} {:>9} bytes {:>4} documents {:>4} versions{}",
                        b.id,
                        b.reason.as_str(),
                        b.size_bytes,
                        count(b.documents),
                        count(b.versions),
                        b.problem.as_deref().map(|p| format!("  ({p})")).unwrap_or_default()
                    );
                }
            }
        }
        Command::Backup(Deferred(BackupCommand::Create)) => {
            let made = open(cli.global.db)?.create_backup()?;
            outln!("{}", made.id);
        }
        Command::Backup(Deferred(BackupCommand::Restore { id })) => {
            let saved = open(cli.global.db)?.restore_backup(&id)?;
            outln!("restored {id}; the state before is backup {}", saved.id);
        }
        Command::Import(Deferred(ImportArgs { file, title, into, dry_run, json })) => {
            if dry_run {
                // Topic suggestions need the library, not a workspace: an in-memory one serves.
                let library = Store::open_in_memory()?;
                let mut preview = import::preview_file(&file, Some(&library))?;
                if let Some(t) = title {
                    preview.title = t;
                }
                if json {
                    print_json(&preview)?
                } else {
                    outln!("{} ({} sections)", preview.title, preview.sections.len());
                    for (i, s) in preview.sections.iter().enumerate() {
                        let topic = s.topic.as_deref().map(|t| format!("  [{t} {:.0}%]", s.confidence * 100.0)).unwrap_or_default();
                        outln!("{:>3}. {}{topic}", i + 1, s.heading);
                    }
                    for (k, v) in &preview.facts {
                        outln!("fact: {k} = {v}");
                    }
                    for w in &preview.warnings {
                        eprintln!("warning: {w}");
                    }
                    for n in &preview.notes {
                        outln!("note: {n}");
                    }
                }
                return Ok(());
            }
            let mut store = open(cli.global.db)?;
            let mut preview = import::preview_file(&file, Some(&store))?;
            for n in &preview.notes {
                eprintln!("note: {n}");
            }
            for w in &preview.warnings {
                eprintln!("warning: {w}");
            }
            if let Some(t) = title {
                preview.title = t;
            }
            let made = store.import(&preview, into, &Default::default(), &files::display_name(&file))?;
            match (json, made.version) {
                (true, _) => print_json(&made)?,
                (false, Some(v)) => outln!("{v}"),
                (false, None) => outln!("{}", made.document_id),
            }
        }
        Command::Check(Deferred(CheckArgs { what, jurisdiction, today, json })) => {
            let today = match today {
                Some(d) => d,
                None => clausewright_core::now().get(..10).unwrap_or_default().to_owned(),
            };
            let jurisdictions = match jurisdiction {
                Some(list) => Some(check::resolve_jurisdictions(&list, &clausewright_core::library::Library::builtin()?)?),
                None => None,
            };
            let options = check::CheckOptions { jurisdictions, today: Some(today) };
            let report = match what.parse::<i64>() {
                Ok(id) if !std::path::Path::new(&what).exists() => open(cli.global.db)?.check_document(id, &options)?,
                _ => check::check_file(std::path::Path::new(&what), &options)?,
            };
            if json {
                print_json(&check_json(&report))?
            } else {
                let name = if std::path::Path::new(&what).exists() { what.clone() } else { format!("document {what}") };
                print_check(&name, &report)?
            }
            if !report.is_clean() {
                return Err(Stop::Unclean);
            }
        }
        Command::Diff(Deferred(DiffArgs { a, b, format, ignore_whitespace, ignore_case })) => {
            let (a_in, b_in) = (DiffInput::parse(&a), DiffInput::parse(&b));
            let store = open_for(cli.global.db, &a_in, &b_in)?;
            let (old, new) = (a_in.read(store.as_ref())?, b_in.read(store.as_ref())?);
            let c = diff::compare(&old.sections, &new.sections, diff::DiffOptions { ignore_whitespace, ignore_case });
            match format {
                DiffFormat::Text => out!("{}", diff::text_redline(&c, std::io::stdout().is_terminal())),
                DiffFormat::Json => outln!("{}", diff::json(&c)),
                DiffFormat::Html => out!("{}", export::side_by_side_redline(&c, &a, &b)),
            }
        }
        Command::Export(Deferred(ExportArgs { what, format, output })) => {
            let format = export::Format::parse(&format)?;
            let (doc, version) = DiffInput::parse_document(&what)?;
            let store = open(cli.global.db)?;
            let made = store.export_document(doc, version, format)?;
            files::write_atomic(&output, &made.bytes)?;
            outln!("{}", output.display());
        }
        Command::ExportRedline(Deferred(ExportRedlineArgs { a, b, format, output, ignore_whitespace, ignore_case })) => {
            let format = export::RedlineFormat::parse(&format)?;
            let (a_in, b_in) = (DiffInput::parse(&a), DiffInput::parse(&b));
            let store = open_for(cli.global.db, &a_in, &b_in)?;
            let options = diff::DiffOptions { ignore_whitespace, ignore_case };
            let made = export::export_redline(store.as_ref(), &a_in, &b_in, format, options)?;
            files::write_atomic(&output, &made.bytes)?;
            outln!("{}", output.display());
        }
        Command::Doc(Deferred(DocCommand::Show { id, json })) => {
            let store = open(cli.global.db)?;
            let doc = store.document(id)?;
            if json {
                print_json(&doc)?
            } else {
                outln!("{} (document {}, revision {})", doc.title, doc.id, doc.revision);
                for (i, s) in doc.sections.iter().enumerate() {
                    let origin = match &s.origin {
                        Some(o) => format!("  [from {} r{}{}]", o.clause_id, o.clause_revision, if o.edited { ", edited" } else { "" }),
                        None => String::new(),
                    };
                    outln!("{:>3}. {}{origin}", i + 1, s.heading);
                }
            }
        }
    }
    Ok(())
}

/// What `library list --json` prints for each clause.
#[derive(Serialize)]
struct ClauseListing<'a> {
    id: &'a str,
    topic: &'a str,
    title: &'a str,
    jurisdictions: &'a [String],
    satisfies: &'a [String],
    variant_group: Option<&'a str>,
    revision: u32,
    source: &'static str,
}

impl<'a> From<&'a Clause> for ClauseListing<'a> {
    fn from(c: &'a Clause) -> Self {
        ClauseListing {
            id: &c.id,
            topic: &c.topic,
            title: &c.title,
            jurisdictions: &c.jurisdictions,
            satisfies: &c.satisfies,
            variant_group: c.variant_group.as_deref(),
            revision: c.revision,
            source: c.source.as_str(),
        }
    }
}

/// The id of section number `n` (1-based, as `doc show` prints them).
fn decide(db: Option<PathBuf>, doc: i64, ids: &[i64], decision: Decision) -> Result<(), Stop> {
    let mut store = open(db)?;
    let current = store.document(doc)?;
    let before = store.proposals(doc)?;
    store.decide(doc, current.revision, ids, Some(decision))?;
    let after = store.proposals(doc)?;
    let n = after.iter().zip(&before).filter(|(a, b)| a.status != b.status).count();
    let open = after.iter().filter(|p| p.status == ProposalStatus::Open).count();
    let verb = if decision == Decision::Accept { "accepted" } else { "rejected" };
    outln!("{n} {verb}; {open} open");
    Ok(())
}

/// One line a proposal: id, status, kind, author, date, section, then the text taken out and put in.
fn print_proposals(ps: &[Proposal]) -> Result<(), Stop> {
    let short = |s: &str| {
        let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
        if s.chars().count() > 60 { format!("{}…", s.chars().take(59).collect::<String>()) } else { s }
    };
    for p in ps {
        let kind = serde_json::to_value(p.kind).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default();
        let status = serde_json::to_value(p.status).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default();
        let author = if p.author.is_empty() { "(untracked)" } else { &p.author };
        let date = &p.date[..10.min(p.date.len())];
        let mut text = String::new();
        if !p.old_text.trim().is_empty() {
            text.push_str(&format!(" −“{}”", short(&p.old_text)));
        }
        if !p.new_text.trim().is_empty() {
            text.push_str(&format!(" +“{}”", short(&p.new_text)));
        }
        outln!("{:>4}  {status:<8} {kind:<7} {author:<16} {date:<10} {}:{text}", p.id, p.section);
    }
    Ok(())
}

fn section_id(doc: &clausewright_core::domain::Document, n: usize) -> Result<i64, Error> {
    n.checked_sub(1).and_then(|i| doc.sections.get(i)).map(|s| s.id).ok_or_else(|| {
        Error::NotFound(format!("document {} has sections 1 to {}; there is no section {n}", doc.id, doc.sections.len()))
    })
}

/// A profile value from the command line, shaped by the variable's type.
fn parse_value(kind: Option<VariableKind>, raw: &str) -> Result<Option<Value>, Error> {
    if raw.trim().is_empty() {
        return Ok(None);
    }
    Ok(Some(match kind {
        Some(VariableKind::Table) => Value::Table(
            serde_json::from_str(raw).map_err(|e| Error::Invalid(format!("a table value must be a JSON array of objects: {e}")))?,
        ),
        Some(VariableKind::List) if raw.trim_start().starts_with('[') => Value::List(
            serde_json::from_str(raw).map_err(|e| Error::Invalid(format!("a list value must be a JSON array of strings: {e}")))?,
        ),
        Some(VariableKind::List) => Value::List(raw.split(',').map(|s| s.trim().to_owned()).collect()),
        _ => Value::Text(raw.to_owned()),
    }))
}

#[derive(Serialize)]
struct SearchListing<'a> {
    #[serde(flatten)]
    clause: ClauseListing<'a>,
    /// The best-matching passage, matched words in [brackets].
    snippet: String,
}

fn snippet_text(parts: &[clausewright_core::domain::Highlight], open: &str, close: &str) -> String {
    parts.iter().map(|p| if p.hit { format!("{open}{}{close}", p.text) } else { p.text.clone() }).collect()
}

fn print_json<T: Serialize + ?Sized>(value: &T) -> Result<(), Stop> {
    // Serializing our own plain types cannot fail.
    outln!("{}", serde_json::to_string_pretty(value).unwrap_or_default());
    Ok(())
}

/// `check --json`: the shape CI scripts rely on.
fn check_json(r: &check::Report) -> serde_json::Value {
    let place = |e: &check::Evidence| serde_json::json!({"section": e.section, "quote": e.quote});
    serde_json::json!({
        "jurisdictions": r.jurisdictions.iter().map(|j| j.id.as_str()).collect::<Vec<_>>(),
        "requirements": r.requirements.iter().map(|q| serde_json::json!({
            "id": q.id,
            "status": q.status.as_str(),
            "evidence": q.evidence.iter().map(place).collect::<Vec<_>>(),
            "fix": q.fix,
        })).collect::<Vec<_>>(),
        "findings": r.findings.iter().map(|f| serde_json::json!({
            "severity": f.severity.as_str(),
            "rule": f.rule,
            "section": f.at.as_ref().map(|e| e.section.as_str()),
            "quote": f.at.as_ref().map(|e| e.quote.as_str()),
            "message": f.message,
        })).collect::<Vec<_>>(),
    })
}

fn short(s: &str, n: usize) -> String {
    let s = s.replace('\n', " ");
    if s.chars().count() <= n { s } else { format!("{}…", s.chars().take(n).collect::<String>()) }
}

/// `check` for a person: grouped by jurisdiction, missing items first.
fn print_check(what: &str, r: &check::Report) -> Result<(), Stop> {
    outln!("Policy check of {what}");
    outln!("{}", r.disclaimer);
    outln!("");
    outln!("Checked:");
    for j in &r.jurisdictions {
        outln!("  {:<12} {}", j.id, j.reason);
    }
    for j in &r.jurisdictions {
        let rows: Vec<&check::RequirementResult> = r.requirements.iter().filter(|q| q.jurisdiction == j.id).collect();
        if rows.is_empty() {
            continue;
        }
        let count = |s: check::Status| rows.iter().filter(|q| q.status == s).count();
        outln!("");
        outln!(
            "{}: {} present, {} missing, {} not applicable",
            j.id,
            count(check::Status::Present),
            count(check::Status::Missing),
            count(check::Status::NotApplicable)
        );
        for status in [check::Status::Missing, check::Status::Present, check::Status::NotApplicable] {
            for q in rows.iter().filter(|q| q.status == status) {
                let mark = match status {
                    check::Status::Missing => "MISSING",
                    check::Status::Present => "ok",
                    check::Status::NotApplicable => "n/a",
                };
                outln!("  {mark:<7} {:<34} {}", q.id, q.summary);
                match status {
                    check::Status::Present => {
                        if let Some(e) = q.evidence.first() {
                            outln!("          “{}” ({})", short(&e.quote, 100), e.section);
                        }
                    }
                    check::Status::Missing if !q.fix.is_empty() => outln!("          add: {}", q.fix.join(", ")),
                    _ => {
                        if let Some(n) = &q.note {
                            outln!("          {n}");
                        }
                    }
                }
            }
        }
    }
    outln!("");
    if r.findings.is_empty() {
        outln!("No contradictions or lint.");
    } else {
        outln!("Findings:");
        for f in &r.findings {
            let at = f.at.as_ref().map(|e| format!(" [{}]", e.section)).unwrap_or_default();
            outln!("  {:<7} {}{at}: {}", f.severity.as_str(), f.rule, f.message);
            if let Some(e) = &f.at {
                outln!("          “{}”", short(&e.quote, 100));
            }
            outln!("          fix: {}", f.fix);
        }
    }
    let missing = r.missing().count();
    let errors = r.errors().count();
    outln!("");
    outln!("{missing} missing, {errors} error(s), {} other finding(s).", r.findings.len() - errors);
    Ok(())
}
