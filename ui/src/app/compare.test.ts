import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ipc } from '../ipc';
import type { Comparison } from '../ipc';
import { appWithDocument } from '../test/app';

vi.mock('../ipc', () => import('../test/ipc').then((m) => m.mockIpc()));

const comparison = (words_added: number): Comparison => ({
  stats: { words_added, words_removed: 0, sections_added: 0, sections_removed: 0, sections_changed: 1, sections_moved: 0, sections_unchanged: 1 },
  sections: [],
  ops: [],
});
const version = (number: number) => ({ number, label: `v${number}`, note: '', author: 'Dana', created_at: '2026-01-01T00:00', summary: '' });

beforeEach(() => vi.resetAllMocks());

describe('the compare flow', () => {
  it('compares two sides of the open document and names them', async () => {
    const app = await appWithDocument();
    vi.mocked(ipc.compare).mockResolvedValue(comparison(3));
    await app.compare.sides(1, 'draft');
    expect(ipc.compare).toHaveBeenCalledWith({ kind: 'version', document_id: 1, number: 1 }, { kind: 'draft', document_id: 1 }, false, false);
    expect(app.compare.current).toMatchObject({ oldName: 'Version 1', newName: 'Working draft', comparison: comparison(3) });
  });

  it('compares the same two sides again when an option changes', async () => {
    const app = await appWithDocument();
    vi.mocked(ipc.compare).mockResolvedValueOnce(comparison(3)).mockResolvedValueOnce(comparison(1));
    await app.compare.sides(2, 'draft');
    await app.compare.setOptions(true, false);
    expect(vi.mocked(ipc.compare).mock.calls[1]).toEqual([{ kind: 'version', document_id: 1, number: 2 }, { kind: 'draft', document_id: 1 }, true, false]);
    expect(app.compare.current).toMatchObject({ ignoreWhitespace: true, ignoreCase: false, comparison: comparison(1) });
  });

  it('keeps a picked file, and its name, when an option changes', async () => {
    const app = await appWithDocument();
    vi.mocked(ipc.compareWithFile).mockResolvedValue(['client.md', comparison(5)]);
    vi.mocked(ipc.compare).mockResolvedValue(comparison(4));
    await app.compare.withFile('draft');
    expect(app.compare.current).toMatchObject({ oldName: 'Working draft', newName: 'client.md', next: { kind: 'compared_file' } });
    await app.compare.setOptions(false, true);
    expect(ipc.compare).toHaveBeenCalledWith({ kind: 'draft', document_id: 1 }, { kind: 'compared_file' }, false, true);
    expect(app.compare.current?.newName).toBe('client.md');
  });

  it('opens nothing when the file dialog is cancelled', async () => {
    const app = await appWithDocument();
    vi.mocked(ipc.compareWithFile).mockResolvedValue(null);
    await app.compare.withFile(1);
    expect(app.compare.current).toBeNull();
  });

  it('saves pending text before comparing the draft', async () => {
    const app = await appWithDocument();
    vi.mocked(ipc.updateSection).mockResolvedValue(2);
    app.composer.editSection(10, 'Who we are', 'Quokka');
    await app.compare.sides(1, 'draft');
    expect(vi.mocked(ipc.updateSection).mock.invocationCallOrder[0]).toBeLessThan(vi.mocked(ipc.compare).mock.invocationCallOrder[0]);
  });

  it('Compare opens the newest version against the draft, or says there is none', async () => {
    const app = await appWithDocument();
    vi.mocked(ipc.listVersions).mockResolvedValueOnce([]);
    await app.compare.latest();
    expect(app.status.notice).toMatch(/No versions yet/);
    expect(ipc.compare).not.toHaveBeenCalled();

    vi.mocked(ipc.listVersions).mockResolvedValueOnce([version(3), version(2)]);
    vi.mocked(ipc.compare).mockResolvedValue(comparison(1));
    await app.compare.latest();
    expect(ipc.compare).toHaveBeenCalledWith({ kind: 'version', document_id: 1, number: 3 }, { kind: 'draft', document_id: 1 }, false, false);
  });

  it('shows a failed comparison in the banner and opens nothing', async () => {
    const app = await appWithDocument();
    vi.mocked(ipc.compare).mockRejectedValue({ kind: 'not_found', message: 'no version 9' });
    await app.compare.sides(9, 'draft');
    expect(app.status.error?.message).toBe('no version 9');
    expect(app.compare.current).toBeNull();
  });
});
