import { beforeEach, describe, expect, it, vi } from 'vitest';
import { AppError, ipc } from '../ipc';
import type { ImportPreview } from '../ipc';
import { appWithDocument } from '../test/app';
import { makeDocument } from '../test/ipc';

vi.mock('../ipc', () => import('../test/ipc').then((m) => m.mockIpc()));

const preview: ImportPreview = {
  title: 'Lantern Maps Privacy Policy',
  sections: [
    { heading: 'What We Collect', body: 'Your email.', topic: null, confidence: 0 },
    { heading: 'Contact', body: 'Write to us.', topic: null, confidence: 0 },
  ],
  facts: { privacy_email: 'privacy@lantern.example' },
  warnings: [],
  notes: [],
};

beforeEach(() => vi.resetAllMocks());

describe('the import flow', () => {
  it('reads the picked file and shows it before anything is written', async () => {
    const app = await appWithDocument();
    vi.mocked(ipc.importPick).mockResolvedValue(['Lantern policy.docx', preview]);
    await app.importing.start();
    expect(app.importing.file).toEqual({ fileName: 'Lantern policy.docx', preview });
    expect(ipc.importCommit).not.toHaveBeenCalled();
  });

  it('shows nothing when the file dialog is cancelled', async () => {
    const app = await appWithDocument();
    vi.mocked(ipc.importPick).mockResolvedValue(null);
    await app.importing.start();
    expect(app.importing.file).toBeNull();
  });

  it('imports as a new document and opens it on its sections', async () => {
    const app = await appWithDocument();
    vi.mocked(ipc.importPick).mockResolvedValue(['Lantern policy.docx', preview]);
    await app.importing.start();
    vi.mocked(ipc.importCommit).mockResolvedValue({ document_id: 7, version: null });
    vi.mocked(ipc.getDocument).mockResolvedValue({ ...makeDocument(['What We Collect', 'Contact']), id: 7 });
    const facts = { privacy_email: 'privacy@lantern.example' };

    expect(await app.importing.commit(preview, null, facts, null)).toBeNull();
    expect(ipc.importCommit).toHaveBeenCalledWith(preview, null, facts, 'Lantern policy.docx');
    expect(app.importing.file).toBeNull();
    expect(ipc.listDocuments).toHaveBeenCalled();
    expect(app.composer.doc?.id).toBe(7);
    expect(app.view.tab).toBe('sections');
    expect(app.status.notice).toBe('Imported “Lantern policy.docx” as a new document with 2 sections.');
  });

  it('imports as a version of the open document, asking the author once, and shows the versions', async () => {
    const app = await appWithDocument();
    vi.mocked(ipc.importPick).mockResolvedValue(['client.md', preview]);
    await app.importing.start();
    await app.versions.load(1);
    vi.mocked(ipc.importCommit).mockResolvedValue({ document_id: 1, version: 4 });
    vi.mocked(ipc.listVersions).mockResolvedValue([{ number: 4, label: 'client.md', note: '', author: 'Dana', created_at: '', summary: '' }]);

    expect(await app.importing.commit(preview, 1, {}, ' Dana ')).toBeNull();
    expect(ipc.setAuthor).toHaveBeenCalledWith(' Dana ');
    expect(app.workspace.author).toBe('Dana');
    expect(app.versions.list.map((v) => v.number)).toEqual([4]);
    expect(app.view.tab).toBe('versions');
    expect(app.status.notice).toMatch(/as version 4/);
  });

  it('keeps the dialog open with the reason when the import is refused', async () => {
    const app = await appWithDocument();
    vi.mocked(ipc.importPick).mockResolvedValue(['big.docx', preview]);
    await app.importing.start();
    vi.mocked(ipc.importCommit).mockRejectedValue(new AppError('invalid', 'The file is too large.'));
    expect(await app.importing.commit(preview, null, {}, null)).toBe('The file is too large.');
    expect(app.importing.file?.fileName).toBe('big.docx');
  });
});
