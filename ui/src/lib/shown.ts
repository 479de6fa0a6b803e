import type { LineStyle, RunFormat, ShownBlock, ShownRow, ShownRun } from '../ipc';

/** Whether one side of a row shows a run: the old side equal and deleted text, the new side equal and inserted. */
export function keepsRun(r: ShownRun, side: 'old' | 'new'): boolean {
  return r.op === 'equal' || r.op === (side === 'old' ? 'delete' : 'insert');
}

/** A table row only the other side has is not shown on this one. */
export function keepsRow(r: ShownRow, side: 'old' | 'new'): boolean {
  return r.kind === 'equal' || r.kind === (side === 'old' ? 'delete' : 'insert');
}

/** "bold, link to https://…", or "plain text": how a run was formatted, for a tooltip. */
export function describeFormat(f: RunFormat): string {
  const parts: string[] = [];
  if (f.bold) parts.push('bold');
  if (f.italic) parts.push('italic');
  if (f.strike) parts.push('struck through');
  if (f.code) parts.push('code');
  if (f.link) parts.push(`link to ${f.link}`);
  return parts.length ? parts.join(', ') : 'plain text';
}

/** The element a line shows as, its class, list depth and bullet. */
export function lineTag(style: LineStyle): { name: string; class: string; depth: number; bullet: string | null } {
  switch (style.kind) {
    case 'title':
      return { name: 'h3', class: 'title', depth: 0, bullet: null };
    case 'heading':
      return { name: style.level === 1 ? 'h4' : 'h5', class: 'heading', depth: 0, bullet: null };
    case 'bullet':
      return { name: 'div', class: 'item', depth: style.depth, bullet: style.depth % 2 === 0 ? '•' : '◦' };
    case 'numbered':
      return { name: 'div', class: 'numbered', depth: style.depth, bullet: null };
    case 'quote':
      return { name: 'div', class: 'quote', depth: 0, bullet: null };
    case 'code':
      return { name: 'div', class: 'codeblock', depth: 0, bullet: null };
    default:
      return { name: 'p', class: 'body', depth: 0, bullet: null };
  }
}

/**
 * The blocks one side shows: a line whose paragraph mark only the other side has runs on into
 * the next line, as that side's own document has them as one paragraph.
 */
export function sideBlocks(blocks: ShownBlock[], side: 'old' | 'new'): ShownBlock[] {
  const gone = side === 'old' ? 'insert' : 'delete';
  const out: ShownBlock[] = [];
  let runOn = false;
  for (const b of blocks) {
    const last = out[out.length - 1];
    if (b.kind === 'line' && runOn && last?.kind === 'line') {
      out[out.length - 1] = { ...last, runs: [...last.runs, ...b.runs], reformatted: last.reformatted || b.reformatted, mark: b.mark };
    } else if (b.kind === 'table' || b.runs.some((r) => keepsRun(r, side))) {
      out.push(b);
    } else {
      continue; // a line this side has nothing of neither ends nor continues its paragraph
    }
    runOn = b.kind === 'line' && b.mark === gone;
  }
  return out;
}
