// Adjusting an import before it is committed: merge a section into the one before it, or split
// one where a paragraph starts. Words are never lost: a merged heading stays as a sub-heading.
import type { ImportedSection } from '../ipc';

/** The paragraphs of a body: blocks separated by blank lines. */
export function paragraphs(body: string): string[] {
  return body
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

/** Section `i` joins section `i - 1`; its heading becomes a sub-heading line. */
export function mergeWithPrevious(sections: ImportedSection[], i: number): ImportedSection[] {
  if (i <= 0 || i >= sections.length) return sections;
  const prev = sections[i - 1];
  const cur = sections[i];
  const body = [prev.body.trim(), `### ${cur.heading}`, cur.body.trim()].filter((p) => p !== '').join('\n\n');
  return [...sections.slice(0, i - 1), { ...prev, body }, ...sections.slice(i + 1)];
}

/** A short single line reads as a heading: "**Retention**", "### Retention" or "4. Retention". */
function asHeading(paragraph: string): string | null {
  if (paragraph.includes('\n') || paragraph.length > 90) return null;
  const h = paragraph
    .replace(/^#+\s*/, '')
    .replace(/^\*\*(.*)\*\*$/, '$1')
    .replace(/^\d+(\.\d+)*[.)]?\s+/, '')
    .trim();
  return h === '' || /[.;:,]$/.test(h) ? null : h;
}

/** Section `i` is split before its paragraph `p` (p > 0); the new section takes that
 * paragraph as its heading when it reads as one. */
export function splitAt(sections: ImportedSection[], i: number, p: number): ImportedSection[] {
  const s = sections[i];
  const paras = paragraphs(s.body);
  if (!s || p <= 0 || p >= paras.length) return sections;
  const before = paras.slice(0, p);
  let after = paras.slice(p);
  const heading = asHeading(after[0]);
  if (heading !== null) after = after.slice(1);
  const first = { ...s, body: before.join('\n\n') };
  const second: ImportedSection = { heading: heading ?? 'New section', body: after.join('\n\n'), topic: null, confidence: 0 };
  return [...sections.slice(0, i), first, second, ...sections.slice(i + 1)];
}
