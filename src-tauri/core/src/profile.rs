//! Checking profile values against the variable schema, so a bad value is refused with the
//! field's name and the reason, before anything is saved.

use crate::domain::{Value, VariableDef, VariableKind};
use crate::error::{Error, Result};

fn invalid(def: &VariableDef, why: impl std::fmt::Display) -> Error {
    Error::Invalid(format!("{} ({}): {why}", def.label, def.name))
}

fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else { return false };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !s.chars().any(|c| c.is_whitespace() || c == '<' || c == '>' || c == ',')
        && !domain.contains('@')
}

/// A yes/no fact as it is stored ("yes" or "no"); `true`/`false` are read as yes and no.
pub fn flag(s: &str) -> Option<&'static str> {
    match s.trim().to_ascii_lowercase().as_str() {
        "yes" | "true" => Some("yes"),
        "no" | "false" => Some("no"),
        _ => None,
    }
}

/// Returns the value cleaned up (trimmed; empty list items and table rows dropped), or why it
/// cannot be accepted for this variable.
pub fn check_value(def: &VariableDef, value: Value) -> Result<Value> {
    match (def.kind, value) {
        (VariableKind::List, Value::List(items)) => {
            Ok(Value::List(items.into_iter().map(|s| s.trim().to_owned()).filter(|s| !s.is_empty()).collect()))
        }
        (VariableKind::List, Value::Text(s)) => {
            Ok(Value::List(s.lines().map(|l| l.trim().to_owned()).filter(|l| !l.is_empty()).collect()))
        }
        (VariableKind::Table, Value::Table(rows)) => {
            let mut out = Vec::new();
            for (i, row) in rows.into_iter().enumerate() {
                if let Some(unknown) = row.keys().find(|k| !def.columns.iter().any(|c| &c.name == *k)) {
                    return Err(invalid(def, format!("row {} has an unknown column `{unknown}`", i + 1)));
                }
                let row: std::collections::BTreeMap<String, String> =
                    row.into_iter().map(|(k, v)| (k, v.trim().to_owned())).collect();
                if row.values().any(|v| !v.is_empty()) {
                    out.push(row);
                }
            }
            Ok(Value::Table(out))
        }
        (VariableKind::Table, _) => Err(invalid(def, "expected a table of rows")),
        (VariableKind::List, Value::Table(_)) => Err(invalid(def, "expected a list")),
        (_, Value::Text(s)) => {
            let s = s.trim().to_owned();
            if s.is_empty() {
                return Ok(Value::Text(s));
            }
            let ok = match def.kind {
                VariableKind::Email => is_email(&s).then_some(()).ok_or("is not an email address"),
                VariableKind::Url => (s.starts_with("https://") && s.len() > "https://".len() && !s.contains(char::is_whitespace))
                    .then_some(())
                    .ok_or("must be a web address starting with https://"),
                VariableKind::Number => s.parse::<f64>().is_ok_and(|n| n.is_finite()).then_some(()).ok_or("is not a number"),
                VariableKind::Date => {
                    let fmt = time::macros::format_description!("[year]-[month]-[day]");
                    time::Date::parse(&s, fmt).map(|_| ()).map_err(|_| "must be a date written YYYY-MM-DD")
                }
                VariableKind::Choice => def.choices.contains(&s).then_some(()).ok_or("is not one of the choices"),
                VariableKind::Flag => return flag(&s).map(|f| Value::Text(f.into())).ok_or_else(|| invalid(def, format!("“{s}” must be yes or no"))),
                _ => Ok(()),
            };
            match ok {
                Ok(()) => Ok(Value::Text(s)),
                Err(why) => Err(invalid(def, format!("“{s}” {why}"))),
            }
        }
        (_, _) => Err(invalid(def, "expected a single value")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Column;

    fn def(kind: VariableKind) -> VariableDef {
        VariableDef {
            name: "contact_email".into(),
            label: "Contact email".into(),
            help: String::new(),
            kind,
            choices: vec!["email".into(), "in-app".into()],
            columns: vec![Column { name: "name".into(), label: "Name".into() }],
        }
    }

    #[test]
    fn emails_dates_urls_numbers_and_choices_are_checked() {
        assert!(check_value(&def(VariableKind::Email), Value::Text(" privacy@acme.example ".into())).is_ok());
        let err = check_value(&def(VariableKind::Email), Value::Text("privacy at acme".into())).unwrap_err();
        assert_eq!(err.to_string(), "Contact email (contact_email): “privacy at acme” is not an email address");
        assert!(check_value(&def(VariableKind::Date), Value::Text("2027-03-01".into())).is_ok());
        assert!(check_value(&def(VariableKind::Date), Value::Text("2027-02-30".into())).is_err());
        assert!(check_value(&def(VariableKind::Date), Value::Text("1 March 2027".into())).is_err());
        assert!(check_value(&def(VariableKind::Url), Value::Text("javascript:alert(1)".into())).is_err());
        assert!(check_value(&def(VariableKind::Number), Value::Text("16".into())).is_ok());
        assert!(check_value(&def(VariableKind::Number), Value::Text("sixteen".into())).is_err());
        assert!(check_value(&def(VariableKind::Choice), Value::Text("fax".into())).is_err());
        assert_eq!(check_value(&def(VariableKind::Email), Value::Text("  ".into())).unwrap(), Value::Text(String::new()));
    }

    #[test]
    fn flags_are_yes_or_no() {
        assert_eq!(check_value(&def(VariableKind::Flag), Value::Text(" Yes ".into())).unwrap(), Value::Text("yes".into()));
        assert_eq!(check_value(&def(VariableKind::Flag), Value::Text("false".into())).unwrap(), Value::Text("no".into()));
        let err = check_value(&def(VariableKind::Flag), Value::Text("maybe".into())).unwrap_err();
        assert_eq!(err.to_string(), "Contact email (contact_email): “maybe” must be yes or no");
        assert!(check_value(&def(VariableKind::Choice), Value::Text("in-app".into())).is_ok());
    }

    #[test]
    fn tables_refuse_unknown_columns_and_drop_empty_rows() {
        let row = |k: &str, v: &str| std::collections::BTreeMap::from([(k.to_string(), v.to_string())]);
        let v = check_value(&def(VariableKind::Table), Value::Table(vec![row("name", "Stripe"), row("name", " ")])).unwrap();
        assert_eq!(v, Value::Table(vec![row("name", "Stripe")]));
        assert!(check_value(&def(VariableKind::Table), Value::Table(vec![row("color", "red")])).is_err());
    }
}
