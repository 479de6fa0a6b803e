import type { Clause, ClauseDraft, VariableDef } from '../ipc';

/** The editable fields of a clause, as the editor form holds them. */
export function draftFromClause(c: Clause): ClauseDraft {
  return {
    topic: c.topic,
    title: c.title,
    heading: c.heading,
    jurisdictions: [...c.jurisdictions],
    tags: [...c.tags],
    satisfies: [...c.satisfies],
    variant_group: c.variant_group,
    guidance: c.guidance,
    body: c.body,
  };
}

/** "a, b,, c " → ["a", "b", "c"] */
export function parseList(text: string): string[] {
  return text
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export function sameDraft(a: ClauseDraft, b: ClauseDraft): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Variables whose name starts with (or contains) what was typed after `{{`, best first. */
export function matchVariables(typed: string, variables: VariableDef[]): VariableDef[] {
  const t = typed.trim().toLowerCase();
  const starts = variables.filter((v) => v.name.startsWith(t));
  const contains = variables.filter((v) => !v.name.startsWith(t) && (v.name.includes(t) || v.label.toLowerCase().includes(t)));
  return [...starts, ...contains];
}

/** Names used as `{{name}}` in text that are not declared. */
export function undeclared(text: string, variables: VariableDef[]): string[] {
  const known = new Set(variables.map((v) => v.name));
  const found = new Set<string>();
  for (const m of text.matchAll(/\{\{\s*([a-z][a-z0-9_]*)\s*\}\}/g)) {
    if (!known.has(m[1])) found.add(m[1]);
  }
  return [...found];
}
