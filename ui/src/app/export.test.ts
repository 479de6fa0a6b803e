import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ipc } from '../ipc';
import type { Comparison } from '../ipc';
import ExportDialog from '../lib/ExportDialog.svelte';
import { appWithDocument } from '../test/app';

vi.mock('../ipc', () => import('../test/ipc').then((m) => m.mockIpc()));

const empty: Comparison = {
  stats: { words_added: 0, words_removed: 0, sections_added: 0, sections_removed: 0, sections_changed: 0, sections_moved: 0, sections_unchanged: 0 },
  sections: [],
  ops: [],
};

beforeEach(() => vi.resetAllMocks());
afterEach(() => cleanup());

describe('the export flow', () => {
  it('opens on the document after saving pending text', async () => {
    const app = await appWithDocument();
    vi.mocked(ipc.updateSection).mockResolvedValue(2);
    app.composer.editSection(10, 'Who we are', 'Last words');
    await app.exporting.openDocument();
    expect(ipc.updateSection).toHaveBeenCalled();
    expect(app.composer.status).toBe('saved');
    expect(app.exporting.request).toEqual({ compare: null });
  });

  it('opens on the comparison in view: its two sides, their names and the options it is shown with', async () => {
    const app = await appWithDocument();
    vi.mocked(ipc.compareWithFile).mockResolvedValue(['client.md', empty]);
    vi.mocked(ipc.compare).mockResolvedValue(empty);
    await app.compare.withFile(2);
    await app.compare.setOptions(false, true);
    app.exporting.openComparison(app.compare.current!);
    expect(app.exporting.request?.compare).toEqual({
      old: { kind: 'version', document_id: 1, number: 2 },
      next: { kind: 'compared_file' },
      oldName: 'Version 2',
      newName: 'client.md',
      ignoreWhitespace: false,
      ignoreCase: true,
    });
  });

  it('names the file written in the status bar and closes', async () => {
    const app = await appWithDocument();
    await app.exporting.openDocument();
    app.exporting.done('/home/dana/Privacy Policy.pdf');
    expect(app.exporting.request).toBeNull();
    expect(app.status.notice).toBe('Exported to /home/dana/Privacy Policy.pdf');
  });
});

describe('the export dialog', () => {
  it('exports the redline of the comparison it was opened on, with a file as one side and the view’s options', async () => {
    vi.mocked(ipc.listVersions).mockResolvedValue([]);
    vi.mocked(ipc.exportRedline).mockResolvedValue('/out/redline.docx');
    const onDone = vi.fn();
    const compare = {
      old: { kind: 'draft' as const, document_id: 1 },
      next: { kind: 'compared_file' as const },
      oldName: 'Working draft',
      newName: 'client.md',
      ignoreWhitespace: true,
      ignoreCase: false,
    };
    render(ExportDialog, { documentId: 1, compare, onDone, onClose: vi.fn() });
    await waitFor(() => expect(screen.getByTestId('export-sides').textContent).toContain('client.md'));
    await fireEvent.click(screen.getByTestId('export-redline-docx'));
    await fireEvent.click(screen.getByTestId('export-submit'));
    await waitFor(() => expect(onDone).toHaveBeenCalledWith('/out/redline.docx'));
    expect(screen.getByTestId('export-options').textContent).toContain('spacing');
    expect(ipc.exportRedline).toHaveBeenCalledWith(compare.old, compare.next, 'docx', true, false);
  });

  it('exports the draft as Word', async () => {
    vi.mocked(ipc.listVersions).mockResolvedValue([]);
    vi.mocked(ipc.exportDocument).mockResolvedValue('/out/policy.docx');
    const onDone = vi.fn();
    render(ExportDialog, { documentId: 1, onDone, onClose: vi.fn() });
    await fireEvent.click(screen.getByTestId('export-format-docx'));
    await fireEvent.click(screen.getByTestId('export-submit'));
    await waitFor(() => expect(onDone).toHaveBeenCalledWith('/out/policy.docx'));
    expect(ipc.exportDocument).toHaveBeenCalledWith(1, null, 'docx');
  });
});
