import type { Comparison, DiffOp, SectionChange } from '../ipc';

/** The text one side of a row shows: the left shows equal and deleted runs, the right equal and inserted. */
export function side(ops: DiffOp[], which: 'old' | 'new'): DiffOp[] {
  return ops.filter((o) => o.op === 'equal' || o.op === (which === 'old' ? 'delete' : 'insert'));
}

export function rowChanged(ops: DiffOp[]): boolean {
  return ops.some((o) => o.op !== 'equal');
}

/** What the compare view lists, in reading order: sections, and a marker where a moved section used to be. */
export type Entry = { kind: 'section'; index: number; change: SectionChange } | { kind: 'moved-away'; index: number; change: SectionChange };

export function entries(c: Comparison): Entry[] {
  const out: Entry[] = c.sections.map((change, index) => ({ kind: 'section' as const, index, change }));
  c.sections.forEach((change, index) => {
    if (change.status !== 'moved' || change.old_index === null) return;
    const old = change.old_index;
    // Before the first entry that stood after it in the old document.
    const at = out.findIndex((e) => e.kind === 'section' && e.change.status !== 'moved' && e.change.status !== 'added' && (e.change.old_index ?? -1) > old);
    out.splice(at < 0 ? out.length : at, 0, { kind: 'moved-away', index, change });
  });
  return out;
}

export function statusLabel(s: SectionChange): string {
  switch (s.status) {
    case 'moved':
      return `Moved from §${(s.old_index ?? 0) + 1} to §${(s.new_index ?? 0) + 1}${s.edited ? ', edited' : ''}`;
    case 'changed':
      return s.renamed ? 'Changed and renamed' : 'Changed';
    case 'added':
      return 'Added';
    case 'removed':
      return 'Removed';
    default:
      return 'Unchanged';
  }
}
