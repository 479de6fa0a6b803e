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
  rows: [{ ops: [{ op: 'equal', text: 'We keep ' }, { op: 'delete', text: before }, { op: 'insert', text: after }], shown: [] }],
});

const plain = { bold: false, italic: false, strike: false, code: false, link: null };

/** A row as the core sends it: Markdown source in the ops, the document it makes in `shown`. */
const formatted: SectionChange = {
  ...changed('Rights', 2, '', ''),
  rows: [
    {
      ops: [
        { op: 'equal', text: '1\\. You may **ask** us to ' },
        { op: 'delete', text: 'erase' },
        { op: 'insert', text: 'delete' },
        { op: 'equal', text: ' it, see [the form](https://x.example/' },
        { op: 'delete', text: 'a' },
        { op: 'insert', text: 'b' },
        { op: 'equal', text: ').' },
      ],
      shown: [
        {
          kind: 'line',
          style: { kind: 'body' },
          mark: 'equal',
          reformatted: true,
          runs: [
            { op: 'equal', text: '1. You may ', format: plain, was: null },
            { op: 'equal', text: 'ask', format: { ...plain, bold: true }, was: null },
            { op: 'equal', text: ' us to ', format: plain, was: null },
            { op: 'delete', text: 'erase', format: plain, was: null },
            { op: 'insert', text: 'delete', format: plain, was: null },
            { op: 'equal', text: ' it, see ', format: plain, was: null },
            { op: 'equal', text: 'the form', format: { ...plain, link: 'https://x.example/b' }, was: { ...plain, link: 'https://x.example/a' } },
            { op: 'equal', text: '.', format: plain, was: null },
          ],
        },
      ],
    },
  ],
};

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
  it('shows each side as the document its Markdown makes, and the source on request', async () => {
    render(CompareView, { comparison: { ...comparison, sections: [formatted] }, oldName: 'v1', newName: 'v2', ignoreWhitespace: false, ignoreCase: false, onOptions: vi.fn(), onExport: vi.fn(), onClose: vi.fn() });
    const [oldCell] = screen.getAllByTestId('compare-old');
    const [newCell] = screen.getAllByTestId('compare-new');
    expect(oldCell.textContent).toContain('1. You may ask us to erase it, see the form.');
    expect(newCell.textContent).toContain('1. You may ask us to delete it, see the form.');
    expect(newCell.textContent).not.toMatch(/\*\*|\]\(|\\/);
    expect(newCell.querySelector('.b')?.textContent).toBe('ask');
    expect(newCell.querySelector('ins')?.textContent).toBe('delete');
    expect(oldCell.querySelector('del')?.textContent).toBe('erase');
    const link = newCell.querySelector('.reformatted');
    expect(link?.textContent).toBe('the form');
    expect(link?.getAttribute('title')).toBe('Formatting changed: was link to https://x.example/a');
    expect(newCell.querySelector('.note')?.textContent).toBe('formatting changed');

    await fireEvent.click(screen.getByTestId('show-source'));
    const [sourceNew] = screen.getAllByTestId('compare-new');
    expect(sourceNew.textContent).toBe('1\\. You may **ask** us to delete it, see [the form](https://x.example/b).');
  });

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
