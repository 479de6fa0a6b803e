import { describe, expect, it } from 'vitest';
import { History } from './history';

describe('History', () => {
  it('undoes and redoes in order, and a new change clears redo', () => {
    const h = new History<string>();
    h.record('a'); // a -> b
    h.record('b'); // b -> c
    expect(h.undo('c')).toBe('b');
    expect(h.undo('b')).toBe('a');
    expect(h.undo('a')).toBeUndefined();
    expect(h.redo('a')).toBe('b');
    h.record('b'); // b -> d
    expect(h.canRedo).toBe(false);
    expect(h.undo('d')).toBe('b');
  });

  it('keeps at most `limit` steps', () => {
    const h = new History<number>(3);
    [1, 2, 3, 4].forEach((n) => h.record(n));
    expect(h.undo(5)).toBe(4);
    expect(h.undo(4)).toBe(3);
    expect(h.undo(3)).toBe(2);
    expect(h.undo(2)).toBeUndefined();
  });

  it('puts back an entry whose restore failed', () => {
    const h = new History<string>();
    h.record('a');
    const s = h.undo('b')!;
    h.unpop('undo', s);
    expect(h.canRedo).toBe(false);
    expect(h.undo('b')).toBe('a');
  });
});
