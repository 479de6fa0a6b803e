//! Pairing the sections of two documents and ordering the result for reading.

use super::words::{Signature, same};
use super::{DiffOptions, DiffSide};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// A section present on both sides, in the same relative order.
    Pair { old: usize, new: usize },
    /// An old section that is gone from here (removed, or moved to `moved_to`).
    Removed { old: usize, moved_to: Option<usize> },
    /// A new section that appears here (added, or moved from `moved_from`).
    Added { new: usize, moved_from: Option<usize> },
}

/// Sections this similar (by their words) are taken to be the same section, edited.
const SIMILAR: f64 = 0.5;
/// A section out of order that shares less of its text than this with its namesake is not the
/// same section moved (unrelated sections of one policy share their common phrases, below this).
const MOVED: f64 = 0.25;
/// Up to this many pairs of unpaired sections are all compared; above it, each section only
/// with the `NEAR` on either side of its own place.
const ALL_PAIRS: usize = 40_000;
const NEAR: usize = 100;

fn normalized_heading(h: &str) -> String {
    h.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// Pairs sections: by identity, then by a heading unique on both sides, then by similar text.
fn matches(old: &DiffSide, new: &DiffSide, options: DiffOptions) -> Vec<Option<usize>> {
    let mut old_to_new: Vec<Option<usize>> = vec![None; old.sections.len()];
    let mut new_taken = vec![false; new.sections.len()];

    let mut by_key = std::collections::HashMap::new();
    for (j, s) in new.sections.iter().enumerate() {
        if let Some(k) = &s.key {
            by_key.insert(k.as_str(), j);
        }
    }
    for (i, s) in old.sections.iter().enumerate() {
        if let Some(&j) = s.key.as_deref().and_then(|k| by_key.get(k)) {
            old_to_new[i] = Some(j);
            new_taken[j] = true;
        }
    }

    let mut count = std::collections::HashMap::<String, (u32, u32)>::new();
    for s in &old.sections {
        count.entry(normalized_heading(&s.heading)).or_default().0 += 1;
    }
    for s in &new.sections {
        count.entry(normalized_heading(&s.heading)).or_default().1 += 1;
    }
    let new_by_heading: std::collections::HashMap<String, usize> =
        new.sections.iter().enumerate().map(|(j, s)| (normalized_heading(&s.heading), j)).collect();
    for (i, slot) in old_to_new.iter_mut().enumerate() {
        if slot.is_some() {
            continue;
        }
        let h = normalized_heading(&old.sections[i].heading);
        if h.is_empty() || count.get(&h) != Some(&(1, 1)) {
            continue;
        }
        if let Some(&j) = new_by_heading.get(&h)
            && !new_taken[j]
            && same(&new.sections[j].heading, &old.sections[i].heading, options)
        {
            *slot = Some(j);
            new_taken[j] = true;
        }
    }

    let free_old: Vec<usize> = (0..old.sections.len()).filter(|&i| old_to_new[i].is_none()).collect();
    let free_new: Vec<usize> = (0..new.sections.len()).filter(|&j| !new_taken[j]).collect();
    if !free_old.is_empty() && !free_new.is_empty() {
        let sig_old: Vec<Signature> = free_old.iter().map(|&i| Signature::of(&old.sections[i].text, options)).collect();
        let sig_new: Vec<Signature> = free_new.iter().map(|&j| Signature::of(&new.sections[j].text, options)).collect();
        let mut candidates: Vec<(f64, usize, usize)> = Vec::new();
        // Every old section against every new one, unless that is too many pairs (hundreds
        // of sections renamed or rewritten): then each against those near its own place.
        let all = free_old.len() * free_new.len() <= ALL_PAIRS;
        for (a, &i) in free_old.iter().enumerate() {
            let at = a * free_new.len() / free_old.len();
            let near = if all { 0..free_new.len() } else { at.saturating_sub(NEAR)..(at + NEAR + 1).min(free_new.len()) };
            for (b, j) in near.map(|b| (b, free_new[b])) {
                if sig_old[a].at_most(&sig_new[b]) < SIMILAR {
                    continue;
                }
                let sim = sig_old[a].similarity(&sig_new[b]);
                if sim >= SIMILAR {
                    candidates.push((sim, i, j));
                }
            }
        }
        candidates.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
        for (_, i, j) in candidates {
            if old_to_new[i].is_none() && !new_taken[j] {
                old_to_new[i] = Some(j);
                new_taken[j] = true;
            }
        }
    }
    old_to_new
}

/// The longest run of pairs whose new positions increase with the old ones (patience-style
/// LIS, O(n log n)); those are in order, every other pair moved.
fn in_order(pairs: &[(usize, usize)]) -> Vec<bool> {
    let mut tails: Vec<usize> = Vec::new(); // index into pairs of the smallest tail per length
    let mut prev: Vec<Option<usize>> = vec![None; pairs.len()];
    for (k, &(_, j)) in pairs.iter().enumerate() {
        let pos = tails.partition_point(|&t| pairs[t].1 < j);
        prev[k] = pos.checked_sub(1).map(|p| tails[p]);
        if pos == tails.len() {
            tails.push(k);
        } else {
            tails[pos] = k;
        }
    }
    let mut keep = vec![false; pairs.len()];
    let mut at = tails.last().copied();
    while let Some(k) = at {
        keep[k] = true;
        at = prev[k];
    }
    keep
}

pub fn align(old: &DiffSide, new: &DiffSide, options: DiffOptions) -> Vec<Step> {
    let mut old_to_new = matches(old, new, options);
    let pairs: Vec<(usize, usize)> = old_to_new.iter().enumerate().filter_map(|(i, j)| j.map(|j| (i, j))).collect();
    let keep = in_order(&pairs);
    // A heading that recurs elsewhere over unrelated text is not a moved section: its text is
    // compared where it stands, as removed there and added here, so the words the two texts
    // share stay unmarked. The same section (by identity) stays moved however it changed.
    let moved_as_such = |(i, j): (usize, usize)| {
        let (a, b) = (&old.sections[i], &new.sections[j]);
        (a.key.is_some() && a.key == b.key) || Signature::of(&a.text, options).similarity(&Signature::of(&b.text, options)) >= MOVED
    };
    let (pairs, keep): (Vec<(usize, usize)>, Vec<bool>) = pairs.into_iter().zip(keep).filter(|&(p, kept)| kept || moved_as_such(p)).unzip();
    old_to_new.fill(None);
    for &(i, j) in &pairs {
        old_to_new[i] = Some(j);
    }
    let anchors: Vec<(usize, usize)> = pairs.iter().zip(&keep).filter(|(_, k)| **k).map(|(p, _)| *p).collect();
    let mut new_to_old: Vec<Option<usize>> = vec![None; new.sections.len()];
    for &(i, j) in &pairs {
        new_to_old[j] = Some(i);
    }
    let anchored_old: std::collections::HashSet<usize> = anchors.iter().map(|a| a.0).collect();

    let mut steps = Vec::with_capacity(old.sections.len() + new.sections.len());
    let (mut i, mut j) = (0, 0);
    let ends = anchors.iter().copied().chain(std::iter::once((old.sections.len(), new.sections.len())));
    for (ai, aj) in ends {
        while i < ai {
            if !anchored_old.contains(&i) {
                steps.push(Step::Removed { old: i, moved_to: old_to_new[i] });
            }
            i += 1;
        }
        while j < aj {
            steps.push(Step::Added { new: j, moved_from: new_to_old[j] });
            j += 1;
        }
        if ai < old.sections.len() {
            steps.push(Step::Pair { old: ai, new: aj });
            i = ai + 1;
            j = aj + 1;
        }
    }
    steps
}
