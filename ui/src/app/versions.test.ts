import { beforeEach, describe, expect, it, vi } from 'vitest';
import { AppError, ipc } from '../ipc';
import { appWithDocument } from '../test/app';
import { makeDocument } from '../test/ipc';

vi.mock('../ipc', () => import('../test/ipc').then((m) => m.mockIpc()));

const summary = (number: number, label = `v${number}`) => ({ number, label, note: '', author: 'Dana', created_at: '', summary: '' });
const version = (number: number, label: string) => ({ ...makeDocument(), document_id: 1, number, label, note: '', author: 'Dana' });

beforeEach(() => vi.resetAllMocks());

describe('the versions flow', () => {
  it('saves a version after the pending text, records the author once, and lists it', async () => {
    const app = await appWithDocument();
    vi.mocked(ipc.listVersions).mockResolvedValue([]);
    await app.versions.load(1);
    app.dialogs.open('save-version');
    vi.mocked(ipc.updateSection).mockResolvedValue(2);
    app.composer.editSection(10, 'Who we are', 'Quokka');
    vi.mocked(ipc.saveVersion).mockResolvedValue(version(1, 'Sent to counsel'));
    vi.mocked(ipc.listVersions).mockResolvedValue([summary(1, 'Sent to counsel')]);

    expect(await app.versions.save('Sent to counsel', '', 'Dana Counsel')).toBeNull();
    expect(ipc.setAuthor).toHaveBeenCalledWith('Dana Counsel');
    expect(app.workspace.author).toBe('Dana Counsel');
    expect(vi.mocked(ipc.updateSection).mock.invocationCallOrder[0]).toBeLessThan(vi.mocked(ipc.saveVersion).mock.invocationCallOrder[0]);
    expect(app.dialogs.isOpen('save-version')).toBe(false);
    expect(app.versions.list.map((v) => v.label)).toEqual(['Sent to counsel']);
    expect(app.status.notice).toBe('Saved version 1, “Sent to counsel”.');
  });

  it('keeps the dialog open with the reason when saving fails', async () => {
    const app = await appWithDocument();
    app.dialogs.open('save-version');
    vi.mocked(ipc.saveVersion).mockRejectedValue(new AppError('invalid', 'A version needs a label.'));
    expect(await app.versions.save('', '', null)).toBe('A version needs a label.');
    expect(ipc.setAuthor).not.toHaveBeenCalled();
    expect(app.dialogs.isOpen('save-version')).toBe(true);
  });

  it('restores a version as the draft, undoably, and lists the draft that was saved', async () => {
    const app = await appWithDocument(makeDocument(['A', 'B']));
    app.view.selected = 1;
    vi.mocked(ipc.restoreVersion).mockResolvedValue(makeDocument(['Old A'], 2));
    vi.mocked(ipc.listVersions).mockResolvedValue([summary(2), summary(1)]);
    await app.versions.load(1);
    await app.versions.restore(1);
    expect(ipc.restoreVersion).toHaveBeenCalledWith(1, 1, 1);
    expect(app.composer.doc?.sections.map((s) => s.heading)).toEqual(['Old A']);
    expect(app.composer.canUndo).toBe(true);
    expect(app.view.selected).toBe(0);
    expect(app.versions.list).toHaveLength(2);
    expect(app.status.notice).toMatch(/Restored version 1/);
  });

  it('shows the list of the document asked for last, not an earlier, slower answer', async () => {
    const app = await appWithDocument();
    let answer!: (v: ReturnType<typeof summary>[]) => void;
    vi.mocked(ipc.listVersions).mockReturnValueOnce(new Promise((r) => (answer = r))).mockResolvedValueOnce([summary(5)]);
    const first = app.versions.load(1);
    await app.versions.load(2);
    answer([summary(1)]);
    await first;
    expect(app.versions.list.map((v) => v.number)).toEqual([5]);
  });
});
