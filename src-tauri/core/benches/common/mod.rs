//! What the benchmarks share: a long document made from the starter policy.

use clausewright_core::Store;
use clausewright_core::domain::{Document, Section};

/// The starter document's sections repeated until the text reaches `words` words.
pub fn long_document(store: &Store, words: usize) -> Document {
    let starter = store.document(store.documents().expect("docs")[0].id).expect("starter");
    let mut sections = Vec::new();
    let (mut count, mut id) = (0, 1);
    while count < words {
        for s in &starter.sections {
            count += s.body.split_whitespace().count();
            sections.push(Section { id, ..s.clone() });
            id += 1;
            if count >= words {
                break;
            }
        }
    }
    Document { sections, ..starter }
}
