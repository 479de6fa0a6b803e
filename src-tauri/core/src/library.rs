//! The clause library as files: topics, variables, requirements, clauses and templates.
//!
//! The same parser reads the built-in assets embedded in the binary and a folder the user
//! imports, so both are held to the same rules and report errors as `file:line: problem`.

use crate::domain::{Clause, ClauseSource, Profile, Requirement, Topic, VariableDef, VariableKind};
use crate::error::{Error, Result};
use crate::vars;
use include_dir::{Dir, include_dir};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

static BUILTIN: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/../../assets");

/// A file shipped in assets/ (fonts, export styles), by its path there.
#[cfg_attr(not(feature = "pdf"), allow(dead_code))]
pub(crate) fn asset(path: &str) -> Option<&'static [u8]> {
    BUILTIN.get_file(path).map(|f| f.contents())
}

pub const JURISDICTIONS: [&str; 5] = ["global", "eu", "uk", "us-ca", "us"];

/// What a requirement's `jurisdiction` may be: the law it comes from, which the facts of a
/// document turn on (see the comment at the top of `assets/requirements.toml`).
pub const REQUIREMENT_JURISDICTIONS: [&str; 8] =
    ["general", "eu", "uk", "us-ca", "us-states", "us-children", "us-wa", "eu-ai-act"];

/// A starting point for a new document: which clauses, in which order, with which defaults.
///
/// In the file, `clauses` lists the clauses that stand on their own at the top (a summary, the
/// date), and each `[[part]]` a top-level heading with its clauses beneath it. A document made
/// from it gets one section per part heading (no text, no clause: see `render::outline`) followed
/// by a section per clause, so a policy reads as 1, 2, 2.1, 2.2 …
#[derive(Debug, Clone, PartialEq)]
pub struct Template {
    pub id: String,
    pub title: String,
    pub description: String,
    pub document_title: String,
    /// Every clause, in document order.
    pub clauses: Vec<String>,
    /// The document's sections in order: part headings and clauses.
    pub sections: Vec<TemplateSection>,
    pub profile: Profile,
}

/// One section a template makes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TemplateSection {
    /// A top-level heading whose clauses follow it as numbered subsections.
    Part(String),
    Clause(String),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TemplateFile {
    id: String,
    title: String,
    description: String,
    document_title: String,
    #[serde(default)]
    clauses: Vec<String>,
    #[serde(default)]
    part: Vec<PartFile>,
    #[serde(default)]
    profile: Profile,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PartFile {
    heading: String,
    clauses: Vec<String>,
}

impl From<TemplateFile> for Template {
    fn from(f: TemplateFile) -> Template {
        let mut sections: Vec<TemplateSection> = f.clauses.into_iter().map(TemplateSection::Clause).collect();
        for p in f.part {
            sections.push(TemplateSection::Part(p.heading));
            sections.extend(p.clauses.into_iter().map(TemplateSection::Clause));
        }
        let clauses = sections
            .iter()
            .filter_map(|s| match s {
                TemplateSection::Clause(id) => Some(id.clone()),
                TemplateSection::Part(_) => None,
            })
            .collect();
        Template { id: f.id, title: f.title, description: f.description, document_title: f.document_title, clauses, sections, profile: f.profile }
    }
}

#[derive(Debug, Clone, Default)]
pub struct Library {
    pub topics: Vec<Topic>,
    pub variables: Vec<VariableDef>,
    pub requirements: Vec<Requirement>,
    pub clauses: Vec<Clause>,
    pub templates: Vec<Template>,
}

/// A file handed to the parser: its path relative to the library root, and its bytes.
pub struct SourceFile<'a> {
    pub path: String,
    pub bytes: &'a [u8],
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TopicsFile {
    topic: Vec<Topic>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct VariablesFile {
    variable: Vec<VariableDefFile>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct VariableDefFile {
    name: String,
    label: String,
    help: String,
    #[serde(rename = "type")]
    kind: VariableKind,
    #[serde(default, alias = "options")]
    choices: Vec<String>,
    #[serde(default)]
    columns: Vec<crate::domain::Column>,
    #[serde(default)]
    #[allow(dead_code)] // documentation for the person editing the file
    example: Option<toml::Value>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RequirementsFile {
    requirement: Vec<Requirement>,
}

/// The front matter of a clause file, in the order it is written.
#[derive(Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    id: String,
    topic: String,
    title: String,
    heading: String,
    jurisdictions: Vec<String>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    satisfies: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    variant_group: Option<String>,
    guidance: String,
    revision: u32,
}

/// Where a clause's file lives in a library folder: `clauses/<topic>/<name>.md`.
pub fn clause_path(c: &Clause) -> String {
    let name = c.id.split_once('.').map_or(c.id.as_str(), |(_, n)| n);
    format!("clauses/{}/{name}.md", c.topic)
}

/// A clause as a library file: TOML front matter between `+++` lines, then the Markdown body.
/// The same clause always gives the same bytes.
pub fn clause_file(c: &Clause) -> String {
    let fm = FrontMatter {
        id: c.id.clone(),
        topic: c.topic.clone(),
        title: c.title.clone(),
        heading: c.heading.clone(),
        jurisdictions: c.jurisdictions.clone(),
        tags: c.tags.clone(),
        satisfies: c.satisfies.clone(),
        variant_group: c.variant_group.clone(),
        guidance: c.guidance.clone(),
        revision: c.revision,
    };
    // Serializing plain strings and lists to TOML cannot fail.
    let front = toml::to_string(&fm).unwrap_or_default();
    format!("+++\n{front}+++\n{}\n", c.body)
}

impl Library {
    /// The library shipped inside the binary.
    pub fn builtin() -> Result<Library> {
        let mut files = Vec::new();
        collect(&BUILTIN, &mut files);
        Library::parse(&files, ClauseSource::Builtin)
    }

    /// Parses a whole library. Clause files are `clauses/**/*.md`; templates are
    /// `templates/*.toml`; `topics.toml`, `variables.toml` and `requirements.toml` sit at the root.
    pub fn parse(files: &[SourceFile<'_>], source: ClauseSource) -> Result<Library> {
        let find = |name: &str| files.iter().find(|f| f.path == name);
        let mut lib = Library::default();
        if let Some(f) = find("topics.toml") {
            lib.topics = parse_toml::<TopicsFile>(f, 0)?.topic;
        }
        if let Some(f) = find("variables.toml") {
            lib.variables = parse_variables(f)?;
        }
        if let Some(f) = find("requirements.toml") {
            lib.requirements = parse_requirements(f)?;
        }
        let mut clause_files: Vec<&SourceFile> =
            files.iter().filter(|f| f.path.starts_with("clauses/") && f.path.ends_with(".md")).collect();
        clause_files.sort_by(|a, b| a.path.cmp(&b.path));
        let mut seen = HashSet::new();
        for f in clause_files {
            let clause = lib.parse_clause(f, source)?;
            if !seen.insert(clause.id.clone()) {
                return Err(asset_err(f, 2, format!("duplicate clause id `{}`", clause.id)));
            }
            lib.clauses.push(clause);
        }
        let mut template_files: Vec<&SourceFile> =
            files.iter().filter(|f| f.path.starts_with("templates/") && f.path.ends_with(".toml")).collect();
        template_files.sort_by(|a, b| a.path.cmp(&b.path));
        for f in template_files {
            let template: Template = parse_toml::<TemplateFile>(f, 0)?.into();
            if let Some(missing) = template.clauses.iter().find(|id| !seen.contains(id.as_str())) {
                return Err(asset_err(f, 1, format!("template names unknown clause `{missing}`")));
            }
            let empty_part = template.sections.iter().any(|s| matches!(s, TemplateSection::Part(h) if h.trim().is_empty()));
            if empty_part {
                return Err(asset_err(f, 1, "a part needs a heading".into()));
            }
            lib.templates.push(template);
        }
        Ok(lib)
    }

    pub fn variable(&self, name: &str) -> Option<&VariableDef> {
        self.variables.iter().find(|v| v.name == name)
    }

    pub fn template(&self, id: &str) -> Option<&Template> {
        self.templates.iter().find(|t| t.id == id)
    }

    pub fn clause(&self, id: &str) -> Option<&Clause> {
        self.clauses.iter().find(|c| c.id == id)
    }

    /// Parses one clause file and checks it against this library's topics, requirements and
    /// variables.
    pub fn parse_clause(&self, f: &SourceFile<'_>, source: ClauseSource) -> Result<Clause> {
        let text = utf8(f)?;
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let rest = text
            .strip_prefix("+++\n")
            .or_else(|| text.strip_prefix("+++\r\n"))
            .ok_or_else(|| asset_err(f, 1, "expected TOML front matter opening with `+++`".into()))?;
        let end = find_closing_fence(rest)
            .ok_or_else(|| asset_err(f, 1, "front matter is not closed by a `+++` line".into()))?;
        let front = &rest[..end];
        let body_start = rest[end..].find('\n').map_or(rest.len(), |i| end + i + 1);
        let body = rest[body_start..].replace("\r\n", "\n");
        let body = body.trim_matches('\n').to_owned();
        let fm: FrontMatter = toml::from_str(front).map_err(|e| toml_err(f, front, 1, &e))?;
        let fm_line = |key: &str| {
            front.lines().position(|l| l.trim_start().starts_with(key)).map_or(2, |i| i + 2)
        };
        let clause = Clause {
            id: fm.id,
            source,
            topic: fm.topic,
            title: fm.title,
            heading: fm.heading,
            jurisdictions: fm.jurisdictions,
            tags: fm.tags,
            satisfies: fm.satisfies,
            variant_group: fm.variant_group,
            guidance: fm.guidance.trim().to_owned(),
            body,
            revision: fm.revision,
        };
        let body_line0 = text[..text.len() - rest.len() + body_start].lines().count();
        self.check_clause(&clause).map_err(|p| {
            let line = match p.body_line {
                Some(n) => body_line0 + n,
                None => fm_line(p.field),
            };
            asset_err(f, line, p.message)
        })?;
        Ok(clause)
    }

    /// Checks a clause against this library: id shape, topic, jurisdictions, requirement ids
    /// and declared variables. Problems name the field (and the body line, 1-based).
    pub fn check_clause(&self, c: &Clause) -> Result<(), ClauseProblem> {
        let problem = |field: &'static str, message: String| Err(ClauseProblem { field, body_line: None, message });
        let Some((prefix, name)) = c.id.split_once('.') else {
            return problem("id", format!("id `{}` must be `<topic>.<name>`", c.id));
        };
        if name.is_empty() || !c.id.chars().all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '-' || ch == '.') {
            return problem("id", format!("id `{}` may use only a-z, 0-9, `-` and `.`", c.id));
        }
        if prefix != c.topic {
            return problem("topic", format!("id `{}` does not start with its topic `{}`", c.id, c.topic));
        }
        if !self.topics.iter().any(|t| t.id == c.topic) {
            return problem("topic", format!("unknown topic `{}`", c.topic));
        }
        for (field, value) in [("title", &c.title), ("heading", &c.heading)] {
            if value.trim().is_empty() {
                return problem(field, format!("{field} must not be empty"));
            }
        }
        if let Some(j) = c.jurisdictions.iter().find(|j| !JURISDICTIONS.contains(&j.as_str())) {
            return problem("jurisdictions", format!("unknown jurisdiction `{j}` (expected one of {})", JURISDICTIONS.join(", ")));
        }
        if let Some(r) = c.satisfies.iter().find(|r| !self.requirements.iter().any(|q| &q.id == *r)) {
            return problem("satisfies", format!("unknown requirement id `{r}`"));
        }
        for tag in &c.tags {
            if let Some(message) = self.fact_tag_problem(tag) {
                return problem("tags", message);
            }
        }
        for (i, line) in c.body.lines().enumerate() {
            for p in vars::placeholders(line) {
                let message = match self.variable(p.name) {
                    None => format!("undeclared variable `{{{{{}}}}}`", p.name),
                    Some(def) if def.kind == VariableKind::Table && line.trim() != &line[p.range.clone()] => {
                        format!("table variable `{{{{{}}}}}` must stand alone on its line", p.name)
                    }
                    Some(_) => continue,
                };
                return Err(ClauseProblem { field: "body", body_line: Some(i + 1), message });
            }
        }
        Ok(())
    }
}

impl Library {
    /// A `fact:<name>=<value>` tag says the clause is the right variant when that fact has that
    /// value (e.g. `fact:sells_or_shares=yes`); the fact must be a declared flag or choice.
    fn fact_tag_problem(&self, tag: &str) -> Option<String> {
        let (name, value) = fact_tag(tag)?;
        let Some(def) = self.variable(name) else {
            return Some(format!("tag `{tag}` names no declared fact `{name}`"));
        };
        let allowed: Vec<&str> = match def.kind {
            VariableKind::Flag => vec!["yes", "no"],
            VariableKind::Choice => def.choices.iter().map(String::as_str).collect(),
            _ => return Some(format!("tag `{tag}`: `{name}` is not a flag or a choice")),
        };
        (!allowed.contains(&value)).then(|| format!("tag `{tag}`: `{value}` is not one of {}", allowed.join(", ")))
    }
}

/// The fact a clause variant is meant for, from a `fact:<name>=<value>` tag.
pub fn fact_tag(tag: &str) -> Option<(&str, &str)> {
    tag.strip_prefix("fact:")?.split_once('=')
}

/// Why a clause is not acceptable, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClauseProblem {
    pub field: &'static str,
    pub body_line: Option<usize>,
    pub message: String,
}

impl std::fmt::Display for ClauseProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.body_line {
            Some(line) => write!(f, "{} (line {line}): {}", self.field, self.message),
            None => write!(f, "{}: {}", self.field, self.message),
        }
    }
}
fn collect<'a>(dir: &'a Dir<'a>, out: &mut Vec<SourceFile<'a>>) {
    for f in dir.files() {
        out.push(SourceFile { path: f.path().to_string_lossy().replace('\\', "/"), bytes: f.contents() });
    }
    for d in dir.dirs() {
        collect(d, out);
    }
}

fn find_closing_fence(rest: &str) -> Option<usize> {
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "+++" {
            return Some(offset);
        }
        offset += line.len();
    }
    None
}

fn utf8<'a>(f: &SourceFile<'a>) -> Result<&'a str> {
    std::str::from_utf8(f.bytes).map_err(|e| {
        let line = f.bytes[..e.valid_up_to()].iter().filter(|b| **b == b'\n').count() + 1;
        asset_err(f, line, format!("not valid UTF-8 (byte {})", e.valid_up_to()))
    })
}

fn parse_toml<T: serde::de::DeserializeOwned>(f: &SourceFile<'_>, line_offset: usize) -> Result<T> {
    let text = utf8(f)?;
    toml::from_str(text).map_err(|e| toml_err(f, text, line_offset, &e))
}

fn parse_requirements(f: &SourceFile<'_>) -> Result<Vec<Requirement>> {
    let parsed: RequirementsFile = parse_toml(f, 0)?;
    let mut seen = HashSet::new();
    for r in &parsed.requirement {
        let problem = if !seen.insert(r.id.as_str()) {
            Some(format!("requirement `{}` is listed twice", r.id))
        } else if !REQUIREMENT_JURISDICTIONS.contains(&r.jurisdiction.as_str()) {
            Some(format!(
                "requirement `{}` has unknown jurisdiction `{}` (expected one of {})",
                r.id,
                r.jurisdiction,
                REQUIREMENT_JURISDICTIONS.join(", ")
            ))
        } else {
            None
        };
        if let Some(message) = problem {
            let text = utf8(f)?;
            let line = text.lines().position(|l| l.contains(&format!("\"{}\"", r.id))).map_or(1, |i| i + 1);
            return Err(asset_err(f, line, message));
        }
    }
    Ok(parsed.requirement)
}

fn parse_variables(f: &SourceFile<'_>) -> Result<Vec<VariableDef>> {
    let parsed: VariablesFile = parse_toml(f, 0)?;
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for v in parsed.variable {
        let problem = if !vars::is_name(&v.name) {
            Some(format!("variable name `{}` must be lowercase snake_case", v.name))
        } else if !seen.insert(v.name.clone()) {
            Some(format!("variable `{}` is declared twice", v.name))
        } else if v.kind == VariableKind::Choice && v.choices.is_empty() {
            Some(format!("choice variable `{}` needs `options`", v.name))
        } else if v.kind == VariableKind::Table && v.columns.is_empty() {
            Some(format!("table variable `{}` needs `columns`", v.name))
        } else {
            None
        };
        if let Some(message) = problem {
            let text = utf8(f)?;
            let line = text.lines().position(|l| l.contains(&format!("\"{}\"", v.name))).map_or(1, |i| i + 1);
            return Err(asset_err(f, line, message));
        }
        out.push(VariableDef {
            name: v.name,
            label: v.label,
            help: v.help,
            kind: v.kind,
            choices: v.choices,
            columns: v.columns,
        });
    }
    Ok(out)
}

fn toml_err(f: &SourceFile<'_>, text: &str, line_offset: usize, e: &toml::de::Error) -> Error {
    let line = e.span().map_or(1, |s| text[..s.start.min(text.len())].matches('\n').count() + 1);
    asset_err(f, line + line_offset, e.message().to_owned())
}

fn asset_err(f: &SourceFile<'_>, line: usize, message: String) -> Error {
    Error::Asset { file: f.path.clone(), line, message }
}
