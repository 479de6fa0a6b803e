//! `clausewright-cli [--db PATH] <command>`: exit 0 on success, 1 on a user error (one line on
//! stderr), 2 on bad usage (clap's own exit code).

use clap::{Parser, Subcommand};
use clausewright_core::domain::Clause;
use clausewright_core::store::{self, ClauseFilter};
use clausewright_core::{Error, Store};
use serde::Serialize;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "clausewright-cli", version, about = "Draft, compare and export privacy policies from the terminal")]
struct Cli {
    /// The workspace file [default: $CLAUSEWRIGHT_DB, else the platform data directory]
    #[arg(long, global = true, value_name = "PATH")]
    db: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// The clause library
    #[command(subcommand)]
    Library(LibraryCommand),
    /// Documents in the workspace
    #[command(subcommand)]
    Doc(DocCommand),
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
    /// Show a document's sections
    Show {
        id: i64,
        #[arg(long)]
        json: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("clausewright-cli: {e}");
            ExitCode::from(1)
        }
    }
}

fn open(db: Option<PathBuf>) -> Result<Store, Error> {
    Store::open(&store::resolve_path(db)?)
}

fn run(cli: Cli) -> Result<(), Error> {
    match cli.command {
        Command::Library(LibraryCommand::List { topic, jurisdiction, json }) => {
            let store = open(cli.db)?;
            let clauses = store.clauses(&ClauseFilter { topic, jurisdiction })?;
            if json {
                print_json(&clauses.iter().map(ClauseListing::from).collect::<Vec<_>>())
            } else {
                for c in &clauses {
                    println!("{:<44} {:<20} r{:<3} {}", c.id, c.topic, c.revision, c.title);
                }
            }
        }
        Command::Library(LibraryCommand::Search { query, topic, jurisdiction, limit, json }) => {
            let store = open(cli.db)?;
            let hits = store.search_clauses(&query, &ClauseFilter { topic, jurisdiction }, limit)?;
            if json {
                let out: Vec<_> = hits
                    .iter()
                    .map(|h| SearchListing { clause: ClauseListing::from(&h.clause), snippet: snippet_text(&h.snippet, "[", "]") })
                    .collect();
                print_json(&out)
            } else {
                for h in &hits {
                    println!("{:<44} {}", h.clause.id, h.clause.title);
                    println!("    {}", snippet_text(&h.snippet, "\u{1b}[1m", "\u{1b}[0m").replace('\n', " "));
                }
            }
        }
        Command::Library(LibraryCommand::Show { id, revision, json }) => {
            let store = open(cli.db)?;
            let clause = store.clause(&id, revision)?;
            if json {
                print_json(&clause)
            } else {
                print!("{}", clausewright_core::library::clause_file(&clause));
            }
        }
        Command::Library(LibraryCommand::Export { dir, user_only }) => {
            let store = open(cli.db)?;
            let n = store.export_library(&dir, user_only)?;
            println!("exported {n} clauses to {}", dir.display());
        }
        Command::Library(LibraryCommand::Import { dir }) => {
            let mut store = open(cli.db)?;
            let r = store.import_library(&dir)?;
            println!("imported {}: {} added, {} updated, {} unchanged", dir.display(), r.added.len(), r.updated.len(), r.unchanged);
        }
        Command::Doc(DocCommand::List { json }) => {
            let store = open(cli.db)?;
            let docs = store.documents()?;
            if json {
                print_json(&docs)
            } else {
                for d in &docs {
                    println!("{:>4}  {:<40} {:>3} sections  updated {}", d.id, d.title, d.section_count, d.updated_at);
                }
            }
        }
        Command::Doc(DocCommand::Show { id, json }) => {
            let store = open(cli.db)?;
            let doc = store.document(id)?;
            if json {
                print_json(&doc)
            } else {
                println!("{} (document {}, revision {})", doc.title, doc.id, doc.revision);
                for (i, s) in doc.sections.iter().enumerate() {
                    let origin = match &s.origin {
                        Some(o) => format!("  [from {} r{}{}]", o.clause_id, o.clause_revision, if o.edited { ", edited" } else { "" }),
                        None => String::new(),
                    };
                    println!("{:>3}. {}{origin}", i + 1, s.heading);
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

fn print_json<T: Serialize + ?Sized>(value: &T) {
    // Serializing our own plain types cannot fail.
    println!("{}", serde_json::to_string_pretty(value).unwrap_or_default());
}
