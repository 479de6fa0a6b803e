//! Escaping for the few XML parts written by hand (a Word file's core properties).

/// The HTML escapes serve XML too; characters XML 1.0 cannot hold at all are dropped.
pub fn escape(s: &str) -> String {
    let allowed: String = s.chars().filter(|c| !c.is_control() || matches!(c, '\t' | '\n' | '\r')).collect();
    crate::render::escape_html(&allowed)
}
