//! Crash safety: a child process writes through the `Store` and reports each committed write
//! on stdout; the parent kills it with SIGKILL at random moments, then checks that the
//! workspace passes `integrity_check` and holds every write the child reported.
//!
//! The child is this test binary run again with `crash_child` as the filter and the job in
//! `CRASH_CHILD`. `CRASH_SEED` and `CRASH_CYCLES` override the random seed and the cycle count.

use clausewright_core::Store;
use std::collections::{HashMap, HashSet};
use std::io::{BufRead, BufReader, Read};
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

const CHILD_ENV: &str = "CRASH_CHILD";

/// SplitMix64: small, seeded, good enough to pick operations and delays.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// The child: random writes until killed, one `committed …` line after each commit.
#[test]
fn crash_child() {
    let Ok(job) = std::env::var(CHILD_ENV) else { return };
    let mut parts = job.splitn(3, '|');
    let (Some(cycle), Some(seed), Some(path)) = (parts.next(), parts.next(), parts.next()) else { panic!("bad job {job}") };
    let cycle: u64 = cycle.parse().expect("cycle");
    let mut rng = Rng(seed.parse().expect("seed"));
    let mut store = Store::open(Path::new(path)).expect("open the workspace");
    if store.author().expect("author").is_none() {
        store.set_author("Crash test").expect("set author");
    }
    // On a line of its own: libtest has printed "test crash_child ... " without a newline.
    println!("\nready");
    for i in 0..10_000u64 {
        let docs: Vec<i64> =
            store.documents().expect("list").into_iter().filter(|d| d.title.starts_with("crash")).map(|d| d.id).collect();
        if docs.is_empty() || rng.below(10) == 0 {
            let doc = store.create_document(&format!("crash {cycle}.{i}"), None).expect("create");
            println!("committed doc {}", doc.id);
            continue;
        }
        let doc = store.document(docs[rng.below(docs.len() as u64) as usize]).expect("read");
        match rng.below(10) {
            0..=2 => {
                let after = store.add_blank_section(doc.id, doc.revision, "Section", None).expect("add");
                let id = after.sections.iter().map(|s| s.id).max().expect("a section");
                println!("committed section {} {id}", doc.id);
            }
            3 => {
                let v = store.save_version(doc.id, "checkpoint", "").expect("version");
                println!("committed version {} {}", doc.id, v.number);
            }
            _ if doc.sections.is_empty() => {}
            _ => {
                let s = &doc.sections[rng.below(doc.sections.len() as u64) as usize];
                store.update_section(doc.id, doc.revision, s.id, "Section", &format!("{cycle}:{i}")).expect("edit");
                println!("committed edit {} {} {cycle} {i}", doc.id, s.id);
            }
        }
    }
}

/// What the children reported as committed.
#[derive(Default)]
struct Model {
    docs: HashSet<i64>,
    /// section id → (document, the newest edit reported as (cycle, write))
    sections: HashMap<i64, (i64, Option<(u64, u64)>)>,
    versions: HashSet<(i64, i64)>,
}

impl Model {
    fn apply(&mut self, line: &str) {
        let Some(rest) = line.strip_prefix("committed ") else { return };
        let f: Vec<&str> = rest.split(' ').collect();
        let n = |i: usize| -> i64 { f[i].parse().unwrap_or_else(|_| panic!("bad line {line}")) };
        match f[0] {
            "doc" => {
                self.docs.insert(n(1));
            }
            "section" => {
                self.sections.entry(n(2)).or_insert((n(1), None));
            }
            "edit" => {
                let edit = Some((n(3) as u64, n(4) as u64));
                let e = self.sections.entry(n(2)).or_insert((n(1), None));
                e.1 = e.1.max(edit);
            }
            "version" => {
                self.versions.insert((n(1), n(2)));
            }
            _ => panic!("bad line {line}"),
        }
    }

    /// Checks the file against what was reported; `Err` says what is missing.
    fn check(&self, path: &Path) -> Result<(), String> {
        let conn = rusqlite::Connection::open(path).map_err(|e| e.to_string())?;
        let integrity: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).map_err(|e| e.to_string())?;
        if integrity != "ok" {
            return Err(format!("integrity_check: {integrity}"));
        }
        let mut stmt = conn.prepare("SELECT count(*) FROM documents WHERE id = ?1").map_err(|e| e.to_string())?;
        for doc in &self.docs {
            if stmt.query_row([doc], |r| r.get::<_, i64>(0)).map_err(|e| e.to_string())? != 1 {
                return Err(format!("document {doc} is gone"));
            }
        }
        let mut stmt = conn.prepare("SELECT document_id, body FROM sections WHERE id = ?1").map_err(|e| e.to_string())?;
        for (id, (doc, edit)) in &self.sections {
            let (in_doc, body): (i64, String) =
                stmt.query_row([id], |r| Ok((r.get(0)?, r.get(1)?))).map_err(|e| format!("section {id}: {e}"))?;
            let stored = body.split_once(':').and_then(|(c, i)| Some((c.parse::<u64>().ok()?, i.parse::<u64>().ok()?)));
            if in_doc != *doc || stored < *edit {
                return Err(format!("section {id} of document {doc}: reported edit {edit:?}, found {body:?} in document {in_doc}"));
            }
        }
        let mut stmt = conn.prepare("SELECT count(*) FROM versions WHERE document_id = ?1 AND number = ?2").map_err(|e| e.to_string())?;
        for (doc, number) in &self.versions {
            if stmt.query_row([doc, number], |r| r.get::<_, i64>(0)).map_err(|e| e.to_string())? != 1 {
                return Err(format!("version {number} of document {doc} is gone"));
            }
        }
        Ok(())
    }
}

#[test]
fn a_writer_killed_at_random_moments_never_loses_a_committed_write() {
    let seed: u64 = std::env::var("CRASH_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or_else(|| {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos() as u64).unwrap_or(1)
    });
    let cycles: u64 = std::env::var("CRASH_CYCLES").ok().and_then(|s| s.parse().ok()).unwrap_or(60);
    let mut rng = Rng(seed);
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("w.sqlite3");
    drop(Store::open(&path).expect("create the workspace"));

    let started = Instant::now();
    let mut model = Model::default();
    let mut reported = 0usize;
    for cycle in 0..cycles {
        let fail = |what: String| -> ! { panic!("cycle {cycle} of {cycles}, CRASH_SEED={seed}: {what}") };
        let mut child = Command::new(std::env::current_exe().expect("test binary"))
            .args(["crash_child", "--exact", "--nocapture", "--test-threads=1"])
            .env(CHILD_ENV, format!("{cycle}|{}|{}", rng.next(), path.display()))
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start the child");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, rx) = mpsc::channel::<String>();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let mut lines = Vec::new();
        let recv = |lines: &mut Vec<String>| -> bool {
            match rx.recv_timeout(Duration::from_secs(60)) {
                Ok(line) => {
                    lines.push(line);
                    true
                }
                Err(_) => false,
            }
        };
        while !lines.iter().any(|l| l == "ready") {
            if !recv(&mut lines) {
                let _ = child.kill();
                let out = child.wait_with_output().map(|o| String::from_utf8_lossy(&o.stderr).into_owned()).unwrap_or_default();
                fail(format!("the child never got ready: {out}"));
            }
        }
        // Half the time kill after a random delay, half after a random number of reported writes.
        if rng.below(2) == 0 {
            std::thread::sleep(Duration::from_micros(rng.below(30_000)));
        } else {
            let wanted = rng.below(16) as usize;
            while lines.iter().filter(|l| l.starts_with("committed ")).count() < wanted && recv(&mut lines) {}
        }
        child.kill().expect("SIGKILL the child");
        let status = child.wait().expect("reap the child");
        reader.join().expect("reader");
        lines.extend(rx.try_iter());
        if status.signal() != Some(9) {
            let mut err = String::new();
            let _ = child.stderr.take().map(|mut e| e.read_to_string(&mut err));
            fail(format!("the child ended by itself ({status}): {err}"));
        }
        for line in &lines {
            model.apply(line);
        }
        reported += lines.iter().filter(|l| l.starts_with("committed ")).count();
        if let Err(what) = model.check(&path) {
            fail(what);
        }
    }
    assert!(reported > 0, "CRASH_SEED={seed}: no write was ever reported");
    eprintln!(
        "crash test: {cycles} kills, {reported} committed writes checked, {} documents, {} sections, {} versions, {:.1} s (CRASH_SEED={seed})",
        model.docs.len(),
        model.sections.len(),
        model.versions.len(),
        started.elapsed().as_secs_f64()
    );
}
