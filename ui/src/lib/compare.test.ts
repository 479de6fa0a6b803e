import { describe, expect, it } from 'vitest';
import { entries, side } from './compare';
import type { Comparison, SectionChange } from '../ipc';

const sec = (status: SectionChange['status'], old_index: number | null, new_index: number | null): SectionChange => ({
  status,
  old_heading: 'h',
  new_heading: 'h',
  old_index,
  new_index,
  renamed: false,
  edited: false,
  rows: [],
});

describe('compare view helpers', () => {
  it('shows equal+delete on the left and equal+insert on the right', () => {
    const ops = [
      { op: 'equal' as const, text: 'keep ' },
      { op: 'delete' as const, text: '30' },
      { op: 'insert' as const, text: '90' },
    ];
    expect(side(ops, 'old').map((o) => o.text).join('')).toBe('keep 30');
    expect(side(ops, 'new').map((o) => o.text).join('')).toBe('keep 90');
  });

  it('marks where a moved section used to be', () => {
    // Old: A B C; new: B C A.
    const c: Comparison = {
      stats: { words_added: 0, words_removed: 0, sections_added: 0, sections_removed: 0, sections_changed: 0, sections_moved: 1, sections_unchanged: 2 },
      sections: [sec('unchanged', 1, 0), sec('unchanged', 2, 1), sec('moved', 0, 2)],
      ops: [],
    };
    expect(entries(c).map((e) => `${e.kind}:${e.index}`)).toEqual(['moved-away:2', 'section:0', 'section:1', 'section:2']);
  });
});
