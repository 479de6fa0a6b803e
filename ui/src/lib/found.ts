// Marking a sentence the Checks tab quotes in the preview. The quote is the section's source
// (Markdown, `{{placeholders}}`), the preview its rendered and filled text, so the longest
// stretch of plain words in the quote is looked for.

/** The quote without its markup, spacing collapsed: its longest stretch between placeholders (and table cells). */
export function searchable(quote: string): string {
  const plain = quote
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\{\{[^}]*\}\}/g, '\u0000')
    .replace(/[*_`]/g, '')
    .replace(/^\s*(#+|>|[-+]|\d+\.)\s+/gm, '')
    .replace(/\|/g, '\u0000');
  const parts = plain.split('\u0000').map((p) => p.replace(/\s+/g, ' ').trim());
  return parts.reduce((a, b) => (b.length > a.length ? b : a), '');
}

/** Marks the first place `quote` shows in `root` (a CSS highlight, or the selection where
 * the engine has none) and returns an element to scroll to, or null when it is not there. */
export function markFound(root: HTMLElement, quote: string): HTMLElement | null {
  clearFound();
  const wanted = searchable(quote);
  if (wanted.length < 3) return null;
  // The text of `root`, spacing collapsed, with where each character came from.
  const nodes: { node: Text; at: number }[] = [];
  let text = '';
  const map: { node: Text; offset: number }[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
    nodes.push({ node: n, at: text.length });
    for (let i = 0; i < n.data.length; i++) {
      const ch = /\s/.test(n.data[i]) ? ' ' : n.data[i];
      if (ch === ' ' && text.endsWith(' ')) continue;
      text += ch;
      map.push({ node: n, offset: i });
    }
  }
  const at = text.indexOf(wanted);
  if (at < 0) return null;
  const start = map[at];
  const end = map[at + wanted.length - 1];
  const range = document.createRange();
  range.setStart(start.node, start.offset);
  range.setEnd(end.node, end.offset + 1);
  const registry = (globalThis as { CSS?: { highlights?: Map<string, unknown> } }).CSS?.highlights;
  const Highlight = (globalThis as { Highlight?: new (r: Range) => unknown }).Highlight;
  if (registry && Highlight) {
    registry.set('cw-found', new Highlight(range));
  } else {
    const selection = window.getSelection();
    selection?.removeAllRanges();
    selection?.addRange(range);
  }
  return start.node.parentElement;
}

/** Takes the mark away (another section is shown, or nothing was quoted). */
export function clearFound(): void {
  (globalThis as { CSS?: { highlights?: Map<string, unknown> } }).CSS?.highlights?.delete('cw-found');
}
