// The shell wired to its flows, with the core mocked: what the end-to-end tests find is there.
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ipc } from './ipc';
import type { Comparison } from './ipc';
import App from './App.svelte';
import { makeDocument } from './test/ipc';

vi.mock('./ipc', () => import('./test/ipc').then((m) => m.mockIpc()));

const comparison: Comparison = {
  stats: { words_added: 3, words_removed: 0, sections_added: 0, sections_removed: 0, sections_changed: 1, sections_moved: 0, sections_unchanged: 1 },
  sections: [
    {
      status: 'changed',
      old_heading: 'Who we are',
      new_heading: 'Who we are',
      old_index: 0,
      new_index: 0,
      renamed: false,
      edited: false,
      rows: [{ ops: [{ op: 'equal', text: 'We are Acme.' }, { op: 'insert', text: ' Quokka clause added.' }], shown: [] }],
    },
  ],
  ops: [],
};

const press = (key: string, init: KeyboardEventInit = {}) => fireEvent.keyDown(window, { key, ...init });

beforeAll(() => {
  Element.prototype.scrollIntoView = vi.fn();
});

beforeEach(() => {
  vi.resetAllMocks();
  vi.mocked(ipc.workspaceInfo).mockResolvedValue({ path: '/home/dana/workspace.sqlite3', read_only: null, schema_version: 3 });
  vi.mocked(ipc.listDocuments).mockResolvedValue([{ id: 1, title: 'Privacy Policy', revision: 1, section_count: 2, updated_at: '' }]);
  vi.mocked(ipc.listTopics).mockResolvedValue([]);
  vi.mocked(ipc.listClauses).mockResolvedValue([]);
  vi.mocked(ipc.listRequirements).mockResolvedValue([]);
  vi.mocked(ipc.listVariables).mockResolvedValue([]);
  vi.mocked(ipc.listVersions).mockResolvedValue([{ number: 1, label: 'Sent to counsel', note: '', author: 'Dana', created_at: '2026-01-01T10:00', summary: '' }]);
  vi.mocked(ipc.listTemplates).mockResolvedValue([]);
  vi.mocked(ipc.searchClauses).mockResolvedValue([]);
  vi.mocked(ipc.getDocument).mockResolvedValue(makeDocument());
  vi.mocked(ipc.documentPreview).mockResolvedValue({ html: '<h1>Privacy Policy</h1>', unfilled: ['company_name'] });
});
afterEach(() => cleanup());

async function started() {
  render(App);
  await waitFor(() => expect(screen.getByTestId('doc-title').textContent).toBe('Privacy Policy'));
}

describe('the app shell', () => {
  it('opens the first document with its sections, preview and facts to fill', async () => {
    await started();
    expect(screen.getAllByTestId('documents')[0].querySelectorAll('button')).toHaveLength(1);
    expect(screen.getByTestId('preview').querySelector('h1')?.textContent).toBe('Privacy Policy');
    expect(screen.getByTestId('outline').querySelectorAll('[data-item]')).toHaveLength(2);
    expect(screen.getByTestId('to-fill').textContent).toContain('company_name');
    expect(screen.getByTestId('save-status').textContent).toBe('Saved');
  });

  it('opens each dialog from its key', async () => {
    await started();
    await press('k', { ctrlKey: true });
    expect(screen.getByTestId('palette')).toBeTruthy();
    await fireEvent.keyDown(screen.getByTestId('palette-input'), { key: 'Escape' });
    expect(screen.queryByTestId('palette')).toBeNull();

    await press('S', { ctrlKey: true, shiftKey: true });
    expect(screen.getByTestId('save-version-form')).toBeTruthy();
    await fireEvent.click(screen.getByText('Cancel'));

    await press('n', { ctrlKey: true });
    expect(screen.getByTestId('new-document')).toBeTruthy();
    await fireEvent.click(screen.getByText('Cancel'));

    await press('e', { ctrlKey: true });
    await waitFor(() => expect(screen.getByTestId('export-dialog')).toBeTruthy());
  });

  it('F2 renames the document in place', async () => {
    await started();
    vi.mocked(ipc.renameDocument).mockResolvedValue(2);
    await press('F2');
    const input = screen.getByTestId('rename-input') as HTMLInputElement;
    input.value = 'Acme Privacy Policy';
    await fireEvent.keyDown(input, { key: 'Enter' });
    await waitFor(() => expect(screen.getByTestId('doc-title').textContent).toBe('Acme Privacy Policy'));
  });

  it('compares a version with the draft from the Versions tab, then exports that redline', async () => {
    await started();
    vi.mocked(ipc.compare).mockResolvedValue(comparison);
    await fireEvent.click(screen.getByTestId('tab-versions'));
    await fireEvent.click(await screen.findByTestId('compare-draft-1'));
    await waitFor(() => expect(screen.getByTestId('compare-summary').textContent).toContain('+3'));
    expect(screen.getByTestId('compare-rows').querySelector('ins')?.textContent).toContain('Quokka clause added');
    expect(screen.getByTestId('compare-colhead-old').textContent).toBe('Version 1');

    // Keys are the compare view's while it is open.
    await press('k', { ctrlKey: true });
    expect(screen.queryByTestId('palette')).toBeNull();

    await fireEvent.click(screen.getByTestId('export-redline'));
    await waitFor(() => expect(screen.getByTestId('export-dialog')).toBeTruthy());
  });

  it('shows a failure in the banner until it is dismissed', async () => {
    await started();
    vi.mocked(ipc.listVersions).mockRejectedValue({ kind: 'database', message: 'the disk is full' });
    await fireEvent.click(screen.getByTestId('compare-button'));
    await waitFor(() => expect(screen.getByTestId('error').textContent).toContain('the disk is full'));
    await fireEvent.click(screen.getByLabelText('Dismiss'));
    expect(screen.queryByTestId('error')).toBeNull();
  });
});
