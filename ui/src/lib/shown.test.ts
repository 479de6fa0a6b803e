import { describe, expect, it } from 'vitest';
import type { ShownBlock } from '../ipc';
import { describeFormat, keepsRow, keepsRun, lineTag, sideBlocks } from './shown';

const plain = { bold: false, italic: false, strike: false, code: false, link: null };

describe('a formatted redline side', () => {
  it('keeps the equal text and its own side’s changes', () => {
    const run = (op: 'equal' | 'delete' | 'insert') => ({ op, text: 'x', format: plain, was: null });
    expect(['equal', 'delete', 'insert'].map((op) => keepsRun(run(op as 'equal'), 'old'))).toEqual([true, true, false]);
    expect(['equal', 'delete', 'insert'].map((op) => keepsRun(run(op as 'equal'), 'new'))).toEqual([true, false, true]);
    expect(keepsRow({ kind: 'insert', header: false, cells: [] }, 'old')).toBe(false);
    expect(keepsRow({ kind: 'delete', header: false, cells: [] }, 'old')).toBe(true);
  });

  it('says how text was formatted', () => {
    expect(describeFormat(plain)).toBe('plain text');
    expect(describeFormat({ ...plain, bold: true, link: 'https://x.example' })).toBe('bold, link to https://x.example');
  });

  it('shows headings as headings and lists with their depth', () => {
    expect(lineTag({ kind: 'title' }).name).toBe('h3');
    expect(lineTag({ kind: 'heading', level: 1 }).name).toBe('h4');
    expect(lineTag({ kind: 'heading', level: 3 }).name).toBe('h5');
    expect(lineTag({ kind: 'bullet', depth: 1 })).toEqual({ name: 'div', class: 'item', depth: 1, bullet: '◦' });
    expect(lineTag({ kind: 'numbered', depth: 0 }).bullet).toBeNull();
  });
});

describe('one side of the formatted blocks', () => {
  const line = (text: string, op: 'equal' | 'delete' | 'insert', mark: 'equal' | 'delete' | 'insert'): ShownBlock => ({
    kind: 'line',
    style: { kind: 'body' },
    mark,
    reformatted: false,
    runs: [{ op, text, format: plain, was: null }],
  });

  it('joins a paragraph the other side split, and drops lines it has nothing of', () => {
    // The new version split one paragraph in two: its first line's mark is the new side's alone.
    const blocks = [line('First part. ', 'equal', 'insert'), line('Second part.', 'equal', 'equal'), line('Only new.', 'insert', 'insert')];
    const old = sideBlocks(blocks, 'old');
    expect(old.length).toBe(1);
    expect(old[0].kind === 'line' && old[0].runs.map((r) => r.text).join('')).toBe('First part. Second part.');
    expect(sideBlocks(blocks, 'new').length).toBe(3);
  });
});
