import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Comparison, SectionChange } from '../ipc';
import CompareView from './CompareView.svelte';

const changed = (heading: string, index: number, before: string, after: string): SectionChange => ({
  status: 'changed',
  old_heading: heading,
  new_heading: heading,
  old_index: index,
  new_index: index,
  renamed: false,
  edited: false,
  rows: [{ ops: [{ op: 'equal', text: 'We keep ' }, { op: 'delete', text: before }, { op: 'insert', text: after }] }],
});

const comparison: Comparison = {
  stats: { words_added: 2, words_removed: 2, sections_added: 0, sections_removed: 0, sections_changed: 2, sections_moved: 0, sections_unchanged: 0 },
  sections: [changed('Retention', 0, '30 days', '90 days'), changed('Contact', 1, 'email', 'post')],
  ops: [],
};

function show() {
  const props = { comparison, oldName: 'Version 1', newName: 'Working draft', ignoreWhitespace: false, ignoreCase: false, onOptions: vi.fn(), onExport: vi.fn(), onClose: vi.fn() };
  render(CompareView, props);
  return props;
}

const current = () => Array.from(document.querySelectorAll('[data-change].current')).map((el) => el.textContent?.trim());

beforeAll(() => {
  Element.prototype.scrollIntoView = vi.fn(); // jsdom lays nothing out
});
afterEach(() => cleanup());

describe('the compare view', () => {
  it('shows old on the left and new on the right of each row, under their names', () => {
    show();
    expect(screen.getByTestId('compare-colhead-old').textContent).toBe('Version 1');
    expect(screen.getByTestId('compare-colhead-new').textContent).toBe('Working draft');
    const [oldCell] = screen.getAllByTestId('compare-old');
    const [newCell] = screen.getAllByTestId('compare-new');
    expect(oldCell.textContent).toBe('We keep 30 days');
    expect(oldCell.querySelector('del')?.textContent).toBe('30 days');
    expect(newCell.textContent).toBe('We keep 90 days');
    expect(newCell.querySelector('ins')?.textContent).toBe('90 days');
    expect(oldCell.parentElement).toBe(newCell.parentElement); // one row, two cells
  });

  it('lays the column heads and every row out as two equal columns', () => {
    show();
    const row = screen.getAllByTestId('compare-old')[0].parentElement!;
    const head = screen.getByTestId('compare-colhead-old').parentElement!;
    for (const el of [row, head, document.querySelector('.section-head')!]) {
      expect(getComputedStyle(el).display).toBe('grid');
      expect(getComputedStyle(el).gridTemplateColumns).toBe('1fr 1fr');
    }
  });

  it('steps through the changes with N and P while it has the focus, and closes on Escape', async () => {
    const props = show();
    const rows = screen.getByTestId('compare-rows');
    expect(document.activeElement).toBe(rows);
    await fireEvent.keyDown(rows, { key: 'n' });
    expect(current()).toHaveLength(1);
    const first = current()[0];
    await fireEvent.keyDown(rows, { key: 'n' });
    expect(current()[0]).not.toBe(first);
    await fireEvent.keyDown(rows, { key: 'p' });
    expect(current()[0]).toBe(first);
    await fireEvent.keyDown(rows, { key: 'Escape' });
    expect(props.onClose).toHaveBeenCalled();
  });

  it('leaves keys typed in a dialog over it alone', async () => {
    const props = show();
    const dialog = document.body.appendChild(document.createElement('div'));
    dialog.setAttribute('role', 'dialog');
    await fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(props.onClose).not.toHaveBeenCalled();
    dialog.remove();
  });

  it('asks for the comparison again when an option changes', async () => {
    const props = show();
    await fireEvent.click(screen.getByLabelText('Ignore case'));
    expect(props.onOptions).toHaveBeenCalledWith(false, true);
  });
});
