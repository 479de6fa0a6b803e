import { describe, expect, it, vi } from 'vitest';
import { runKeys } from './keys';
import type { Binding } from './keys';

const key = (key: string, init: KeyboardEventInit = {}) => new KeyboardEvent('keydown', { key, cancelable: true, ...init });

describe('a key table', () => {
  it('runs the first row that matches, and prevents the default', () => {
    const first = vi.fn();
    const second = vi.fn();
    const table: Binding[] = [
      { key: 's', primary: true, shift: true, run: first },
      { key: 's', primary: true, run: second },
    ];
    const e = key('S', { ctrlKey: true, shiftKey: true });
    expect(runKeys(table, e)).toBe(true);
    expect(first).toHaveBeenCalled();
    expect(second).not.toHaveBeenCalled();
    expect(e.defaultPrevented).toBe(true);
    runKeys(table, key('s', { metaKey: true })); // Cmd on macOS
    expect(second).toHaveBeenCalled();
  });

  it('skips a row whose `when` does not hold, and matches nothing without the modifier asked for', () => {
    const run = vi.fn();
    expect(runKeys([{ key: 'k', primary: true, when: () => false, run }], key('k', { ctrlKey: true }))).toBe(false);
    expect(runKeys([{ key: 'k', primary: true, run }], key('k'))).toBe(false);
    expect(run).not.toHaveBeenCalled();
  });

  it('leaves a modifier it does not name free, and can keep the default', () => {
    const run = vi.fn();
    const e = key('F2', { ctrlKey: true });
    expect(runKeys([{ key: 'F2', run, keepDefault: true }], e)).toBe(true);
    expect(e.defaultPrevented).toBe(false);
  });
});
