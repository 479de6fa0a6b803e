//! Reviews: a stored `review::Plan` whose changes are proposals, decided one by one. The draft
//! shows one side of each open proposal (the old side for a file counsel sent back, the new side
//! for a comparison of versions); a decision writes the draft as the plan merges it, and only
//! the sections that decision touches: a section edited since the review began is never
//! overwritten (the decision is refused and says so).

use super::Store;
use super::compose::write_state;
use crate::domain::{Document, Proposal, ProposalKind, ProposalStatus, ReviewSummary, Section};
use crate::error::{Error, Result};
use crate::review::word::BroughtComment;
use crate::review::{ChangeKind, Decision, Plan};
use std::path::Path;
use rusqlite::{Row, params};
use std::collections::HashMap;

/// Which side of an open proposal the draft shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shows {
    Old,
    New,
}

pub(crate) struct NewReview {
    pub source: String,
    pub shows: Shows,
    pub plan: Plan,
    /// Who made each change and when, by change id.
    pub credit: HashMap<u32, (String, String)>,
    pub comments: Vec<BroughtComment>,
    pub unplaced: Vec<String>,
    /// The draft to write as the review starts, on the revision given.
    pub draft: Option<(i64, Document)>,
}

const COLUMNS: &str = "p.id, p.review_id, r.source, p.kind, p.whole_section, p.author, p.date, p.section, p.old_text, p.new_text, p.status, p.comment_id";

fn proposal(r: &Row<'_>) -> rusqlite::Result<Proposal> {
    let kind: String = r.get(3)?;
    let status: String = r.get(10)?;
    Ok(Proposal {
        id: r.get(0)?,
        review_id: r.get(1)?,
        source: r.get(2)?,
        kind: match kind.as_str() {
            "insert" => ProposalKind::Insert,
            "delete" => ProposalKind::Delete,
            "move" => ProposalKind::Move,
            "comment" => ProposalKind::Comment,
            _ => ProposalKind::Replace,
        },
        whole_section: r.get(4)?,
        author: r.get(5)?,
        date: r.get(6)?,
        section: r.get(7)?,
        old_text: r.get(8)?,
        new_text: r.get(9)?,
        status: match status.as_str() {
            "accepted" => ProposalStatus::Accepted,
            "rejected" => ProposalStatus::Rejected,
            _ => ProposalStatus::Open,
        },
        comment_id: r.get(11)?,
    })
}

fn kind_name(kind: ChangeKind) -> &'static str {
    match kind {
        ChangeKind::Insert => "insert",
        ChangeKind::Delete => "delete",
        ChangeKind::Replace => "replace",
        ChangeKind::Move => "move",
    }
}

fn status_name(s: ProposalStatus) -> &'static str {
    match s {
        ProposalStatus::Open => "open",
        ProposalStatus::Accepted => "accepted",
        ProposalStatus::Rejected => "rejected",
    }
}

impl Store {
    /// Starts a review of what changed from version `old` to version `new` (the draft when
    /// `None`): each change becomes a proposal, shown in the draft until it is rejected. From one
    /// version to another the draft becomes the newer version (as one revision on `base`).
    pub fn review_versions(&mut self, doc_id: i64, base: i64, old: u32, new: Option<u32>) -> Result<ReviewSummary> {
        let from = self.document_at(doc_id, Some(old))?;
        let to = self.document_at(doc_id, new)?;
        let plan = Plan::new(&from.document, &to.document);
        let author = to.author.clone().unwrap_or_default();
        let credit = plan.changes().iter().map(|c| (c.id, (author.clone(), to.date.clone()))).collect();
        let source = match new {
            Some(n) => format!("v{old} → v{n}"),
            None => format!("v{old} → draft"),
        };
        let draft = new.map(|_| (base, plan.merge(|_| Decision::Accept)));
        self.add_review(doc_id, NewReview { source, shows: Shows::New, plan, credit, comments: Vec::new(), unplaced: Vec::new(), draft })
    }

    /// Adds a Word file's tracked changes and comments as proposals on the draft, which stays
    /// as it is until a proposal is accepted. A file that cannot be read changes nothing.
    pub fn review_word_file(&mut self, doc_id: i64, path: &Path) -> Result<ReviewSummary> {
        let (name, bytes) = crate::import::read_bytes(path)?;
        if !name.to_lowercase().ends_with(".docx") {
            return Err(Error::Invalid(format!("{name}: a review is read from a Word file (.docx) with tracked changes or comments")));
        }
        let word = crate::import::review(&name, &bytes)?;
        let draft = self.document(doc_id)?;
        let mut from = crate::review::word::from_word(&draft, &word, self.library());
        // Our own comments went out in the file: they come back as themselves, and a reply
        // to one in Word joins its thread.
        let ours = self.comments(doc_id)?;
        for c in &mut from.comments {
            c.existing = ours.iter().find(|o| o.author == c.author && o.text.trim() == c.text.trim()).map(|o| o.id);
        }
        self.add_review(doc_id, NewReview { source: name, shows: Shows::Old, plan: from.plan, credit: from.credit, comments: from.comments, unplaced: from.unplaced, draft: None })
    }

    pub(crate) fn add_review(&mut self, doc_id: i64, mut r: NewReview) -> Result<ReviewSummary> {
        let changes = r.plan.changes();
        let review_id = self.write(|tx| {
            if let Some((base, state)) = &r.draft {
                write_state(tx, doc_id, *base, state)?;
            }
            // Sections the review brings get ids now, never used before (AUTOINCREMENT), so a
            // decision finds them again in the draft.
            let used: i64 = tx.query_row(
                "SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'sections'), 0), coalesce((SELECT max(id) FROM sections), 0))",
                [],
                |row| row.get(0),
            )?;
            let ids = r.plan.number_new_sections(used + 1);
            if !ids.is_empty() {
                let last = used + ids.len() as i64;
                if tx.execute("UPDATE sqlite_sequence SET seq = ?1 WHERE name = 'sections'", [last])? == 0 {
                    tx.execute("INSERT INTO sqlite_sequence (name, seq) VALUES ('sections', ?1)", [last])?;
                }
            }
            for c in &mut r.comments {
                c.section_id = c.section_id.map(|id| ids.get(&id).copied().unwrap_or(id));
            }
            let plan = serde_json::to_string(&r.plan).map_err(|e| Error::Invalid(e.to_string()))?;
            let shows = if r.shows == Shows::Old { "old" } else { "new" };
            tx.execute(
                "INSERT INTO reviews (document_id, source, open_shows, plan, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![doc_id, r.source, shows, plan, crate::now()],
            )?;
            let review_id = tx.last_insert_rowid();
            let mut add = tx.prepare(
                "INSERT INTO proposals (review_id, change, comment_id, kind, whole_section, author, date, section, old_text, new_text)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )?;
            for c in &changes {
                let (author, date) = r.credit.get(&c.id).cloned().unwrap_or_default();
                add.execute(params![review_id, c.id, None::<i64>, kind_name(c.kind), c.whole_section, author, date, c.section, c.old, c.new])?;
            }
            let mut ids: Vec<i64> = Vec::new();
            for c in &r.comments {
                if let Some(id) = c.existing {
                    ids.push(id);
                    continue;
                }
                let parent = c.parent.and_then(|k| ids.get(k).copied());
                tx.execute(
                    "INSERT INTO comments (document_id, section_id, heading, quote, start, parent_id, text, author, created_at, resolved_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                    params![doc_id, c.section_id, c.heading, c.quote, c.start, parent, c.text, c.author, c.date, c.resolved.then(crate::now)],
                )?;
                let id = tx.last_insert_rowid();
                ids.push(id);
                add.execute(params![review_id, None::<u32>, id, "comment", false, c.author, c.date, c.heading, c.quote, c.text])?;
            }
            Ok(review_id)
        })?;
        Ok(ReviewSummary {
            id: review_id,
            source: r.source,
            proposals: self.review_proposals(review_id)?,
            unplaced: r.unplaced,
            document: self.document(doc_id)?,
        })
    }

    /// Every proposal of a document's reviews, oldest review first, in reading order.
    pub fn proposals(&self, doc_id: i64) -> Result<Vec<Proposal>> {
        self.query_proposals("r.document_id = ?1", doc_id)
    }

    fn review_proposals(&self, review_id: i64) -> Result<Vec<Proposal>> {
        self.query_proposals("p.review_id = ?1", review_id)
    }

    fn query_proposals(&self, filter: &str, id: i64) -> Result<Vec<Proposal>> {
        let sql = format!("SELECT {COLUMNS} FROM proposals p JOIN reviews r ON r.id = p.review_id WHERE {filter} ORDER BY p.review_id, p.id");
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map([id], proposal)?.collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// Accepts or rejects proposals (`None` opens them again), and writes the draft as the
    /// decisions make it, as one revision on `base`. An empty `ids` decides every open proposal.
    pub fn decide(&mut self, doc_id: i64, base: i64, ids: &[i64], decision: Option<Decision>) -> Result<Document> {
        let all = self.proposals(doc_id)?;
        let chosen: Vec<&Proposal> = if ids.is_empty() {
            all.iter().filter(|p| p.status == ProposalStatus::Open).collect()
        } else {
            ids.iter()
                .map(|id| all.iter().find(|p| p.id == *id).ok_or_else(|| Error::NotFound(format!("no proposal {id} on this document"))))
                .collect::<Result<_>>()?
        };
        let status = match decision {
            None => ProposalStatus::Open,
            Some(Decision::Accept) => ProposalStatus::Accepted,
            Some(Decision::Reject) => ProposalStatus::Rejected,
        };
        let current = self.document(doc_id)?;
        if current.revision != base {
            return Err(Error::Stale(format!("“{}” changed since you last saw it; reload and try again", current.title)));
        }
        let mut state = current.clone();
        // Text the decisions took out of the draft, and what took its place.
        let mut replaced: Vec<(String, String)> = Vec::new();
        let mut reviews: Vec<i64> = chosen.iter().filter(|p| p.comment_id.is_none()).map(|p| p.review_id).collect();
        reviews.sort_unstable();
        reviews.dedup();
        for review_id in reviews {
            let (plan, shows) = self.plan(review_id)?;
            let statuses: HashMap<i64, ProposalStatus> = all.iter().filter(|p| p.review_id == review_id).map(|p| (p.id, p.status)).collect();
            let change_of = self.change_ids(review_id)?;
            let side = |st: &HashMap<i64, ProposalStatus>| {
                let by_change: HashMap<u32, ProposalStatus> = change_of.iter().map(|(pid, c)| (*c, st.get(pid).copied().unwrap_or(ProposalStatus::Open))).collect();
                move |c: u32| match by_change.get(&c).copied().unwrap_or(ProposalStatus::Open) {
                    ProposalStatus::Accepted => Decision::Accept,
                    ProposalStatus::Rejected => Decision::Reject,
                    ProposalStatus::Open if shows == Shows::New => Decision::Accept,
                    ProposalStatus::Open => Decision::Reject,
                }
            };
            let mut after = statuses.clone();
            for p in chosen.iter().filter(|p| p.review_id == review_id) {
                after.insert(p.id, status);
            }
            let (was, now) = (side(&statuses), side(&after));
            for c in plan.changes() {
                match (was(c.id), now(c.id)) {
                    (Decision::Reject, Decision::Accept) => replaced.push((c.old.clone(), c.new.clone())),
                    (Decision::Accept, Decision::Reject) => replaced.push((c.new.clone(), c.old.clone())),
                    _ => {}
                }
            }
            state = rebase(&state, &plan.merge(was), &plan.merge(now))?;
        }
        self.write(|tx| {
            if state != current {
                write_state(tx, doc_id, base, &state)?;
            }
            follow_replaced_words(tx, doc_id, &state, &replaced)?;
            let mut set = tx.prepare("UPDATE proposals SET status = ?2 WHERE id = ?1")?;
            for p in &chosen {
                set.execute(params![p.id, status_name(status)])?;
                if let Some(comment) = p.comment_id {
                    // A comment rejected is resolved; accepted or opened again, it stays open.
                    let resolved = (status == ProposalStatus::Rejected).then(crate::now);
                    tx.execute("UPDATE comments SET resolved_at = ?2 WHERE id = ?1 OR parent_id = ?1", params![comment, resolved])?;
                }
            }
            Ok(())
        })?;
        self.document(doc_id)
    }

    fn plan(&self, review_id: i64) -> Result<(Plan, Shows)> {
        let (json, shows): (String, String) =
            self.conn.query_row("SELECT plan, open_shows FROM reviews WHERE id = ?1", [review_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        let plan = serde_json::from_str(&json).map_err(|e| Error::Invalid(format!("review {review_id} cannot be read: {e}")))?;
        Ok((plan, if shows == "old" { Shows::Old } else { Shows::New }))
    }

    /// Each proposal's change id in its plan.
    fn change_ids(&self, review_id: i64) -> Result<Vec<(i64, u32)>> {
        let mut stmt = self.conn.prepare("SELECT id, change FROM proposals WHERE review_id = ?1 AND change IS NOT NULL")?;
        let rows = stmt.query_map([review_id], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }
}

/// A comment on words a decision replaced follows them: its quote becomes the words that took
/// their place, when those are in its section.
fn follow_replaced_words(tx: &rusqlite::Transaction<'_>, doc_id: i64, state: &Document, replaced: &[(String, String)]) -> Result<()> {
    if replaced.is_empty() {
        return Ok(());
    }
    let mut stmt = tx.prepare("SELECT id, section_id, quote FROM comments WHERE document_id = ?1 AND version IS NULL AND parent_id IS NULL")?;
    let rows = stmt.query_map([doc_id], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, Option<i64>>(1)?, r.get::<_, String>(2)?)))?.collect::<rusqlite::Result<Vec<_>>>()?;
    for (id, section, quote) in rows {
        let Some(body) = state.sections.iter().find(|s| Some(s.id) == section).map(|s| s.body.as_str()) else { continue };
        if quote.trim().is_empty() || body.contains(&quote) {
            continue;
        }
        let moved = replaced.iter().find_map(|(from, to)| {
            let from = from.trim();
            let q = if from.is_empty() || !quote.contains(from) { return None } else { quote.replacen(from, to.trim(), 1) };
            (!q.trim().is_empty() && body.contains(q.trim())).then(|| q.trim().to_owned())
        });
        if let Some(q) = moved {
            tx.execute("UPDATE comments SET quote = ?2 WHERE id = ?1 OR parent_id = ?1", params![id, q])?;
        }
    }
    Ok(())
}

fn same(a: &Section, b: &Section) -> bool {
    a.heading.trim() == b.heading.trim() && a.body.trim_end() == b.body.trim_end()
}

/// Applies the step from `before` to `after` (two merges of one plan) to the draft `current`,
/// section by section: a section the step changes must still read as `before` has it.
pub(crate) fn rebase(current: &Document, before: &Document, after: &Document) -> Result<Document> {
    let edited = |what: &str| Error::Stale(format!("{what} was edited after the review began, so this decision cannot be applied to it; edit it by hand, or decide the others"));
    let mut out = current.clone();
    if before.title != after.title {
        if out.title != before.title {
            return Err(edited("The title"));
        }
        out.title = after.title.clone();
    }
    let find = |doc: &Document, id: i64| doc.sections.iter().position(|s| s.id == id);
    for b in &before.sections {
        if let Some(k) = find(after, b.id).is_none().then(|| find(&out, b.id)).flatten() {
            if !same(&out.sections[k], b) {
                return Err(edited(&format!("The section “{}”", b.heading)));
            }
            out.sections.remove(k);
        }
    }
    for a in &after.sections {
        let Some(b) = find(before, a.id).map(|k| &before.sections[k]) else { continue };
        if b == a {
            continue;
        }
        let k = find(&out, a.id).ok_or_else(|| Error::Stale(format!("The section “{}” was removed from the draft after the review began", b.heading)))?;
        if !same(&out.sections[k], b) {
            return Err(edited(&format!("The section “{}”", b.heading)));
        }
        out.sections[k] = a.clone();
    }
    // Sections the step adds, and sections that now follow another one, go after the section
    // they follow in `after` (or first).
    let before_prev = |id: i64| find(before, id).map(|k| k.checked_sub(1).map(|p| before.sections[p].id));
    for (k, a) in after.sections.iter().enumerate() {
        let prev = k.checked_sub(1).map(|p| after.sections[p].id);
        let placed = find(&out, a.id).is_some();
        if placed && before_prev(a.id) == Some(prev) {
            continue;
        }
        if placed && find(before, a.id).is_none() {
            continue;
        }
        // The nearest section before it in `after` that the draft still has; none: it goes first.
        let anchor = after.sections[..k].iter().rev().find(|s| s.id != a.id && find(&out, s.id).is_some()).map(|s| s.id);
        if placed && anchor.is_none() && k > 0 {
            continue; // what it followed is gone from the draft: it stays where it is
        }
        let section = match find(&out, a.id) {
            Some(at) => out.sections.remove(at),
            None => a.clone(),
        };
        let at = anchor.and_then(|p| find(&out, p)).map_or(0, |p| p + 1);
        out.sections.insert(at, section);
    }
    Ok(out)
}
