//! Deciding changes (counsel's review). Two states of a document are compared section by
//! section into a `Plan`: each difference is a numbered change (a run of changed words, or a
//! whole section added, removed or moved), and `Plan::merge` gives the document that a decision
//! on each change makes: accept takes the new side, reject the old. Accepting every change gives
//! the new side exactly, rejecting every change the old side exactly.
//!
//! A plan is stored with its review (`store::reviews`); `word.rs` makes one from a Word file
//! counsel sent back with tracked changes and comments.

pub mod word;

use crate::diff::{self, DiffOptions, DiffSide, OpKind, SectionStatus};
use crate::domain::{Document, Section};
use crate::library::Library;
use crate::render::fill_spans;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    Accept,
    Reject,
}

/// A piece of a section's text: the same on both sides, or one change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Piece {
    Same(String),
    Change { id: u32, old: String, new: String },
}

/// A section as the plan holds it: where it comes from on each side and its text in pieces.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanSection {
    pub old: Option<Section>,
    pub new: Option<Section>,
    /// Its place among the old side's sections (title first), to put back a rejected move.
    pub old_index: Option<u32>,
    /// The text, `## heading` line first.
    pub pieces: Vec<Piece>,
    /// The old side's text as compared (the pieces' old text).
    pub old_text: String,
    /// Where the old text shows a filled-in value, with its placeholder: `(start, end, "{{name}}")`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub holes: Vec<(usize, usize, String)>,
    /// The change that adds (no old side) or removes (no new side) the whole section.
    pub whole: Option<u32>,
    /// The change that moved the section to where it stands here.
    pub moved: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    /// The title line (`# title`) in pieces.
    pub title: Vec<Piece>,
    /// In the new side's order; removed sections where they stood.
    pub sections: Vec<PlanSection>,
    pub old: Document,
    pub new: Document,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    Insert,
    Delete,
    Replace,
    Move,
}

/// One change to decide, as a list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Change {
    pub id: u32,
    pub kind: ChangeKind,
    /// The heading of the section it is in (the new side's when it has one).
    pub section: String,
    /// Whether the change is a whole section added, removed or moved.
    pub whole_section: bool,
    pub old: String,
    pub new: String,
}

impl Plan {
    /// Compares `old` with `new` as written (placeholders unfilled, nothing ignored).
    pub fn new(old: &Document, new: &Document) -> Plan {
        Plan::build(old, old, &[], new)
    }

    /// Compares a draft as published (its facts filled in) with a published text that was
    /// edited, such as a Word file counsel sent back. Merged sections get their placeholders
    /// back wherever a filled-in value was left as it was.
    pub fn against_published(draft: &Document, published: &Document, lib: &Library) -> Plan {
        let mut shown = draft.clone();
        let mut holes = Vec::new();
        for s in &mut shown.sections {
            let (body, spans) = fill_spans(&s.body, &draft.profile, lib);
            let head = format!("## {}\n\n", s.heading.trim()).len();
            let kept = body.trim_end().len();
            holes.push(spans.into_iter().filter(|(r, _)| r.end <= kept).map(|(r, p)| (r.start + head, r.end + head, p)).collect());
            s.body = body;
        }
        let mut plan = Plan::build(draft, &shown, &holes, published);
        // A published text has no facts of its own: the draft's stay.
        plan.new.profile = draft.profile.clone();
        // A published section that pairs with a draft section is that section: it keeps its id
        // and where it came from (edited, where its text differs).
        for s in &mut plan.sections {
            if let (Some(old), Some(new)) = (&s.old, &mut s.new) {
                let edited = section_text(new) != s.old_text;
                let origin = old.origin.clone().map(|o| crate::domain::SectionOrigin { edited: o.edited || edited, ..o });
                if let Some(n) = plan.new.sections.iter_mut().find(|n| n.id == new.id) {
                    (n.id, n.origin) = (old.id, origin.clone());
                }
                (new.id, new.origin) = (old.id, origin);
            }
        }
        plan
    }

    /// `old` compared as `shown` (the same sections, perhaps filled in, with `holes`).
    fn build(old: &Document, shown: &Document, holes: &[Vec<(usize, usize, String)>], new: &Document) -> Plan {
        let c = diff::compare_by_section(&DiffSide::from_source(shown), &DiffSide::from_source(new), DiffOptions::default());
        let mut next = 0u32;
        let mut take = || {
            next += 1;
            next - 1
        };
        let mut title = Vec::new();
        let mut sections = Vec::new();
        // A document's index for a comparison index (0 is the title).
        let index = |i: Option<u32>| i.and_then(|i| (i as usize).checked_sub(1));
        for sc in &c.sections {
            let ops: Vec<&diff::DiffOp> = sc.rows.iter().flat_map(|r| &r.ops).collect();
            if sc.old_index == Some(0) && sc.new_index == Some(0) {
                title = pieces(&ops, &mut take);
                continue;
            }
            let (oi, ni) = (index(sc.old_index), index(sc.new_index));
            let old_s = oi.and_then(|i| old.sections.get(i)).cloned();
            let new_s = ni.and_then(|i| new.sections.get(i)).cloned();
            let old_text = oi.and_then(|i| shown.sections.get(i)).map(section_text).unwrap_or_default();
            let holes = oi.and_then(|i| holes.get(i)).cloned().unwrap_or_default();
            let (pieces, whole, moved) = match sc.status {
                SectionStatus::Added => (vec![Piece::Same(new_s.as_ref().map(section_text).unwrap_or_default())], Some(take()), None),
                SectionStatus::Removed => (vec![Piece::Same(old_text.clone())], Some(take()), None),
                SectionStatus::Moved => {
                    let moved = take();
                    (pieces(&ops, &mut take), None, Some(moved))
                }
                SectionStatus::Changed | SectionStatus::Unchanged => (pieces(&ops, &mut take), None, None),
            };
            sections.push(PlanSection { old: old_s, new: new_s, old_index: sc.old_index, pieces, old_text, holes, whole, moved });
        }
        Plan { title, sections, old: old.clone(), new: new.clone() }
    }

    /// Gives the new side's sections that have no id in the workspace (not above 0) the ids
    /// `first`, `first + 1`, …; returns each one's old placeholder with its new id.
    pub fn number_new_sections(&mut self, first: i64) -> HashMap<i64, i64> {
        let mut ids = HashMap::new();
        for s in &mut self.new.sections {
            if s.id <= 0 {
                let id = first + ids.len() as i64;
                ids.insert(s.id, id);
                s.id = id;
            }
        }
        for s in self.sections.iter_mut().filter_map(|s| s.new.as_mut()) {
            if let Some(&id) = ids.get(&s.id) {
                s.id = id;
            }
        }
        ids
    }

    /// Every change in reading order.
    pub fn changes(&self) -> Vec<Change> {
        let mut out = Vec::new();
        let title = self.new.title.clone();
        piece_changes(&self.title, &title, &mut out);
        for s in &self.sections {
            let heading = s.new.as_ref().or(s.old.as_ref()).map(|x| x.heading.clone()).unwrap_or_default();
            let whole = |id: u32, kind: ChangeKind, old: String, new: String| Change { id, kind, section: heading.clone(), whole_section: true, old, new };
            let text = join(&s.pieces, |_| Decision::Accept);
            match (s.whole, s.moved) {
                (Some(id), _) if s.new.is_some() => out.push(whole(id, ChangeKind::Insert, String::new(), text)),
                (Some(id), _) => out.push(whole(id, ChangeKind::Delete, text, String::new())),
                (None, Some(id)) => {
                    out.push(whole(id, ChangeKind::Move, String::new(), String::new()));
                    piece_changes(&s.pieces, &heading, &mut out);
                }
                (None, None) => piece_changes(&s.pieces, &heading, &mut out),
            }
        }
        out
    }

    /// The document these decisions make; `decide` answers for every change id.
    pub fn merge(&self, decide: impl Fn(u32) -> Decision) -> Document {
        let title_line = join(&self.title, &decide);
        let title = title_line.strip_prefix("# ").unwrap_or(&title_line).trim().to_owned();
        let mut placed: Vec<(Option<u32>, Section)> = Vec::new();
        let mut late: Vec<(u32, Section)> = Vec::new();
        for s in &self.sections {
            if let Some(id) = s.whole {
                let keep = (decide(id) == Decision::Accept) == s.new.is_some();
                if !keep {
                    continue;
                }
            }
            let section = merged_section(s, &decide);
            match (s.moved, s.old_index) {
                (Some(id), Some(i)) if decide(id) == Decision::Reject => late.push((i, section)),
                _ => placed.push((s.old_index, section)),
            }
        }
        // A section whose move is rejected goes back after the section that preceded it.
        late.sort_by_key(|(i, _)| *i);
        for (i, section) in late {
            let after = placed.iter().enumerate().filter(|(_, (o, _))| o.is_some_and(|o| o < i)).max_by_key(|(_, (o, _))| *o).map_or(0, |(k, _)| k + 1);
            placed.insert(after, (Some(i), section));
        }
        Document { title, sections: placed.into_iter().map(|(_, s)| s).collect(), ..self.new.clone() }
    }
}

/// A section's text as compared: the heading line, a blank line, the body.
fn section_text(s: &Section) -> String {
    format!("## {}\n\n{}\n\n", s.heading.trim(), s.body.trim_end())
}

/// The ops of one section as pieces, each maximal run of changed ops one change.
fn pieces(ops: &[&diff::DiffOp], take: &mut impl FnMut() -> u32) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::new();
    for op in ops {
        match (op.op, out.last_mut()) {
            (OpKind::Equal, Some(Piece::Same(t))) => t.push_str(&op.text),
            (OpKind::Equal, _) => out.push(Piece::Same(op.text.clone())),
            (kind, Some(Piece::Change { old, new, .. })) => (if kind == OpKind::Delete { old } else { new }).push_str(&op.text),
            (kind, _) => {
                let (old, new) = if kind == OpKind::Delete { (op.text.clone(), String::new()) } else { (String::new(), op.text.clone()) };
                out.push(Piece::Change { id: take(), old, new });
            }
        }
    }
    out
}

fn piece_changes(pieces: &[Piece], heading: &str, out: &mut Vec<Change>) {
    for p in pieces {
        if let Piece::Change { id, old, new } = p {
            let kind = match (old.is_empty(), new.is_empty()) {
                (true, _) => ChangeKind::Insert,
                (_, true) => ChangeKind::Delete,
                _ => ChangeKind::Replace,
            };
            out.push(Change { id: *id, kind, section: heading.to_owned(), whole_section: false, old: old.clone(), new: new.clone() });
        }
    }
}

fn join(pieces: &[Piece], decide: impl Fn(u32) -> Decision) -> String {
    pieces
        .iter()
        .map(|p| match p {
            Piece::Same(t) => t.as_str(),
            Piece::Change { id, old, new } => match decide(*id) {
                Decision::Accept => new.as_str(),
                Decision::Reject => old.as_str(),
            },
        })
        .collect()
}

/// The section that decisions make of `s`: a side's own section when the text is that side's
/// (so accepting or rejecting everything gives it back exactly), else one built from the text,
/// keeping the section's id, its placeholders where their values were left as they were, and
/// marking a library clause edited.
fn merged_section(s: &PlanSection, decide: impl Fn(u32) -> Decision) -> Section {
    let text = join(&s.pieces, &decide);
    if let Some(old) = s.old.as_ref().filter(|_| text == s.old_text) {
        return old.clone();
    }
    let text = if s.holes.is_empty() { text } else { unfilled(s, &decide) };
    if let Some(new) = s.new.as_ref().filter(|n| section_text(n) == text) {
        return new.clone();
    }
    let line = text.strip_prefix("## ").unwrap_or(&text);
    let (heading, body) = line.split_once('\n').unwrap_or((line, ""));
    let from = s.new.as_ref().filter(|n| n.id > 0).or(s.old.as_ref()).or(s.new.as_ref());
    Section {
        id: from.map_or(0, |f| f.id),
        heading: heading.trim().to_owned(),
        body: body.trim_start_matches('\n').trim_end().to_owned(),
        origin: s.new.as_ref().and_then(|n| n.origin.clone()).or_else(|| s.old.as_ref().and_then(|o| o.origin.clone())).map(|o| crate::domain::SectionOrigin { edited: true, ..o }),
    }
}

/// The merged text with each filled-in value that no accepted change touched given back as
/// its placeholder.
fn unfilled(s: &PlanSection, decide: impl Fn(u32) -> Decision) -> String {
    // Runs of old text kept as they were (start in the old text, text), and accepted new text.
    let mut runs: Vec<(Option<usize>, String)> = Vec::new();
    let mut touched: Vec<(usize, usize)> = Vec::new();
    let mut at = 0;
    for p in &s.pieces {
        let (kept, len) = match p {
            Piece::Same(t) => (Ok(t.as_str()), t.len()),
            Piece::Change { id, old, new } => match decide(*id) {
                Decision::Reject => (Ok(old.as_str()), old.len()),
                Decision::Accept => {
                    touched.push((at, at + old.len()));
                    (Err(new.as_str()), old.len())
                }
            },
        };
        match (kept, runs.last_mut()) {
            (Ok(t), Some((Some(_), run))) => run.push_str(t),
            (Ok(t), _) => runs.push((Some(at), t.to_owned())),
            (Err(t), _) => runs.push((None, t.to_owned())),
        }
        at += len;
    }
    // An accepted change touches a value when it overlaps it or inserts inside it.
    let untouched = |a: usize, b: usize| touched.iter().all(|&(x, y)| !(x < b && a < y));
    let mut out = String::new();
    for (start, text) in runs {
        let Some(start) = start else {
            out.push_str(&text);
            continue;
        };
        let mut last = 0;
        for (a, b, placeholder) in &s.holes {
            if *a >= start + last && *b <= start + text.len() && untouched(*a, *b) {
                out.push_str(&text[last..a - start]);
                out.push_str(placeholder);
                last = b - start;
            }
        }
        out.push_str(&text[last..]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(title: &str, sections: &[(i64, &str, &str)]) -> Document {
        Document {
            id: 1,
            title: title.into(),
            revision: 1,
            profile: Default::default(),
            sections: sections.iter().map(|&(id, h, b)| Section { id, heading: h.into(), body: b.into(), origin: None }).collect(),
            created_at: String::new(),
            updated_at: String::new(),
        }
    }

    #[test]
    fn a_word_change_is_one_change_and_either_decision_gives_its_side() {
        let old = doc("P", &[(1, "Data", "We keep your email for a year.")]);
        let new = doc("P", &[(1, "Data", "We keep your email for two years.")]);
        let plan = Plan::new(&old, &new);
        let changes = plan.changes();
        assert_eq!(changes.len(), 1, "{changes:?}");
        assert_eq!(changes[0].kind, ChangeKind::Replace);
        assert_eq!(changes[0].section, "Data");
        assert_eq!(plan.merge(|_| Decision::Accept), new);
        assert_eq!(plan.merge(|_| Decision::Reject), old);
    }

    #[test]
    fn a_rejected_move_puts_the_section_back_where_it_was() {
        let old = doc("P", &[(1, "A", "one"), (2, "B", "two"), (3, "C", "three")]);
        let new = doc("P", &[(3, "C", "three"), (1, "A", "one"), (2, "B", "two")]);
        let plan = Plan::new(&old, &new);
        let kinds: Vec<ChangeKind> = plan.changes().iter().map(|c| c.kind).collect();
        assert_eq!(kinds, vec![ChangeKind::Move]);
        assert_eq!(plan.merge(|_| Decision::Reject), old);
        assert_eq!(plan.merge(|_| Decision::Accept), new);
    }

    #[test]
    fn a_mixed_decision_keeps_the_section_ids_and_marks_nothing_lost() {
        let old = doc("P", &[(1, "A", "alpha beta gamma"), (2, "B", "gone")]);
        let new = doc("P v2", &[(1, "A", "alpha BETA gamma delta"), (5, "N", "new one")]);
        let plan = Plan::new(&old, &new);
        let changes = plan.changes();
        let accept: Vec<u32> = changes.iter().filter(|c| c.section == "N" || c.new.contains("delta")).map(|c| c.id).collect();
        let merged = plan.merge(|id| if accept.contains(&id) { Decision::Accept } else { Decision::Reject });
        assert_eq!(merged.title, "P");
        let got: Vec<(i64, &str)> = merged.sections.iter().map(|s| (s.id, s.body.as_str())).collect();
        assert_eq!(got, vec![(1, "alpha beta gamma delta"), (2, "gone"), (5, "new one")]);
    }
}
