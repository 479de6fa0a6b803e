//! `make bench`: `clausewright-cli diff --format json` as a whole process against
//! `git diff --no-index --word-diff=porcelain` on generated policy-like documents, and the
//! redline size: the words our diff marks changed divided by the words the generator changed;
//! then the words marked against git's on the same pairs, generated and (when present) real
//! policy histories (`support::corpus_dir`).

mod support;

use clausewright_core::diff::{DiffOptions, compare};
use clausewright_core::import::sections_from_text;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const WORDS: &[&str] = &[
    "we", "collect", "personal", "information", "when", "you", "use", "the", "service", "and", "share", "it", "with",
    "providers", "who", "process", "data", "on", "our", "behalf", "under", "contract", "your", "rights", "include",
    "access", "correction", "deletion", "portability", "objection", "retain", "account", "details", "for", "as",
    "long", "needed", "to", "provide", "security", "logs", "days", "after", "closure", "cookies", "analytics",
    "marketing", "consent", "withdraw", "any", "time", "transfer", "outside", "europe", "standard", "clauses",
];

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 11) as usize
    }
    fn word(&mut self) -> &'static str {
        WORDS[self.next() % WORDS.len()]
    }
}

/// A policy: sections of a heading and 2-5 paragraphs of 20-60 words.
type Doc = Vec<(String, Vec<Vec<&'static str>>)>;

fn generate(words: usize, seed: u64) -> Doc {
    let mut rng = Rng(seed);
    let mut doc = Vec::new();
    let mut n = 0;
    let mut s = 0;
    while n < words {
        s += 1;
        let heading = format!("{s}. {} {}", capitalize(rng.word()), rng.word());
        let paras = (0..2 + rng.next() % 4)
            .map(|_| {
                let len = 20 + rng.next() % 41;
                n += len;
                (0..len).map(|_| rng.word()).collect()
            })
            .collect();
        doc.push((heading, paras));
    }
    doc
}

fn capitalize(w: &str) -> String {
    let mut c = w.chars();
    c.next().map(|f| f.to_uppercase().collect::<String>() + c.as_str()).unwrap_or_default()
}

fn render(doc: &Doc) -> String {
    let mut out = String::from("# Privacy Policy\n\n");
    for (h, paras) in doc {
        out.push_str(&format!("## {h}\n\n"));
        for p in paras {
            out.push_str(&p.join(" "));
            out.push_str(".\n\n");
        }
    }
    out
}

/// Replaces `share` of the words in the given sections; returns the words changed (a
/// replaced word is one deleted and one inserted).
fn edit_words(doc: &mut Doc, sections: &[usize], share: f64, rng: &mut Rng) -> usize {
    let mut changed = 0;
    for &s in sections {
        for p in &mut doc[s].1 {
            for w in p.iter_mut() {
                if (rng.next() % 10_000) as f64 / 10_000.0 < share {
                    let new = rng.word();
                    if new != *w {
                        *w = new;
                        changed += 2;
                    }
                }
            }
        }
    }
    changed
}

fn move_sections(doc: &mut Doc, share: f64, rng: &mut Rng) -> Vec<usize> {
    let n = ((doc.len() as f64) * share).ceil() as usize;
    let mut moved = Vec::new();
    for _ in 0..n {
        let from = rng.next() % doc.len();
        let s = doc.remove(from);
        let to = rng.next() % (doc.len() + 1);
        doc.insert(to, s);
        moved.push(to);
    }
    moved
}

fn word_count(doc: &Doc) -> usize {
    doc.iter().map(|(_, ps)| ps.iter().map(Vec::len).sum::<usize>()).sum()
}

fn median_ms(mut run: impl FnMut()) -> f64 {
    let mut times: Vec<Duration> = (0..7)
        .map(|_| {
            let t = Instant::now();
            run();
            t.elapsed()
        })
        .collect();
    times.sort();
    times[times.len() / 2].as_secs_f64() * 1000.0
}

fn main() {
    // `cargo bench` passes its own flags; a filter argument is ignored here.
    // CLAUSEWRIGHT_BENCH_WORDS_ONLY=1 counts words marked and skips the whole-process timings (the
    // first time column is then the comparison alone, in this process), so the counts can be
    // checked quickly in any profile (`cargo bench --profile dev ...`).
    let timed = std::env::var_os("CLAUSEWRIGHT_BENCH_WORDS_ONLY").is_none();
    let dir = std::env::temp_dir().join(format!("clausewright-diff-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let cli = env!("CARGO_BIN_EXE_clausewright-cli");
    let git_ok = Command::new("git").arg("--version").stdout(Stdio::null()).status().is_ok_and(|s| s.success());
    println!("\n| words | pattern | clausewright ms | git ms | time ratio | redline size | words marked | git's | ratio |");
    println!("|---:|---|---:|---:|---:|---:|---:|---:|---:|");
    for words in [5_000usize, 100_000] {
        for pattern in ["sparse word edits", "dense rewrite (30%)", "moved sections", "moved and edited", "entirely different"] {
            let mut rng = Rng(0x2545_F491_4F6C_DD1D ^ words as u64);
            let old = generate(words, 7 + words as u64);
            let mut new = old.clone();
            let all: Vec<usize> = (0..new.len()).collect();
            let actual = match pattern {
                "sparse word edits" => edit_words(&mut new, &all, 0.01, &mut rng),
                "dense rewrite (30%)" => edit_words(&mut new, &all, 0.30, &mut rng),
                "moved sections" => {
                    move_sections(&mut new, 0.1, &mut rng);
                    0
                }
                "moved and edited" => {
                    let moved = move_sections(&mut new, 0.1, &mut rng);
                    edit_words(&mut new, &moved, 0.05, &mut rng)
                }
                _ => {
                    new = generate(words, 99 + words as u64);
                    word_count(&old) + word_count(&new)
                }
            };
            let (a, b) = (dir.join("old.md"), dir.join("new.md"));
            std::fs::write(&a, render(&old)).expect("write");
            std::fs::write(&b, render(&new)).expect("write");

            let ours = if !timed { f64::NAN } else { median_ms(|| {
                let st = Command::new(cli).args(["diff", "--format", "json"]).arg(&a).arg(&b).stdout(Stdio::null()).status().expect("cli");
                assert!(st.success());
            }) };
            let git = if git_ok && timed {
                median_ms(|| {
                    let _ = Command::new("git")
                        .args(["diff", "--no-index", "--word-diff=porcelain"])
                        .arg(&a)
                        .arg(&b)
                        .stdout(Stdio::null())
                        .status();
                })
            } else {
                f64::NAN
            };
            // Generating the documents is the bench's own work: only reading and comparing are timed.
            let (old_text, new_text) = (render(&old), render(&new));
            let t = Instant::now();
            let c = compare(&sections_from_text(&old_text), &sections_from_text(&new_text), DiffOptions::default());
            let ours = if timed { ours } else { t.elapsed().as_secs_f64() * 1000.0 };
            let marked = (c.stats.words_added + c.stats.words_removed) as f64;
            let size = marked / actual.max(1) as f64;
            let (ours_marked, git_marked) = (support::ours(&c), support::git(&a, &b));
            let git_marked = git_marked.map_or("-".into(), |g| g.to_string());
            let ratio = git_marked.parse::<f64>().map_or("-".into(), |g| format!("{:.2}", ours_marked as f64 / g.max(1.0)));
            println!(
                "| {words} | {pattern} | {ours:.1} | {git:.1} | {:.2} | {size:.2} | {ours_marked} | {git_marked} | {ratio} |",
                ours / git
            );
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    if git_ok {
        corpus();
    }
}

/// Every consecutive pair of each service's versions: the words we mark against git's.
fn corpus() {
    let Some(root) = support::corpus_dir() else {
        println!("\nNo policy histories found (set CLAUSEWRIGHT_CORPUS or put them in ../shared/corpus): real-pair table skipped.");
        return;
    };
    let pairs_too = std::env::var_os("CLAUSEWRIGHT_CORPUS_PAIRS").is_some();
    let mut services: Vec<_> = std::fs::read_dir(&root).expect("corpus").flatten().map(|e| e.path()).filter(|p| p.is_dir()).collect();
    services.sort();
    println!("\n| service | pairs | words marked | git's | ratio | worst pair (ours / git's) | slowest ms |");
    println!("|---|---:|---:|---:|---:|---|---:|");
    for service in services {
        let mut files: Vec<_> =
            std::fs::read_dir(&service).expect("service").flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "md")).collect();
        files.sort();
        let (mut ours_total, mut git_total, mut slowest) = (0u32, 0u32, 0f64);
        let mut worst: Option<(i64, String)> = None;
        for pair in files.windows(2) {
            let read = |p: &std::path::Path| std::fs::read_to_string(p).expect("read");
            let (a, b) = (sections_from_text(&read(&pair[0])), sections_from_text(&read(&pair[1])));
            let t = Instant::now();
            let c = compare(&a, &b, DiffOptions::default());
            slowest = slowest.max(t.elapsed().as_secs_f64() * 1000.0);
            let (ours, git) = (support::ours(&c), support::git(&pair[0], &pair[1]).unwrap_or(0));
            let name = |p: &std::path::Path| p.file_stem().unwrap_or_default().to_string_lossy().into_owned();
            let label = format!("{} → {}: {ours} / {git}", name(&pair[0]), name(&pair[1]));
            if pairs_too {
                eprintln!("{}: {label}", name(&service));
            }
            let excess = ours as i64 - git as i64;
            if worst.as_ref().is_none_or(|(w, _)| excess > *w) {
                worst = Some((excess, label));
            }
            (ours_total, git_total) = (ours_total + ours, git_total + git);
        }
        let name = service.file_name().unwrap_or_default().to_string_lossy().into_owned();
        println!(
            "| {name} | {} | {ours_total} | {git_total} | {:.2} | {} | {slowest:.1} |",
            files.len().saturating_sub(1),
            ours_total as f64 / git_total.max(1) as f64,
            worst.map_or(String::new(), |w| w.1)
        );
    }
}
