import { beforeEach, describe, expect, it, vi } from 'vitest';
import { AppError, ipc } from '../ipc';
import { createApp } from './app.svelte';
import { appWithDocument } from '../test/app';
import { makeDocument } from '../test/ipc';

vi.mock('../ipc', () => import('../test/ipc').then((m) => m.mockIpc()));

const listed = (id: number, title: string) => ({ id, title, revision: 1, section_count: 2, updated_at: '' });

beforeEach(() => vi.resetAllMocks());

describe('starting the app', () => {
  it('opens the first document on its first section', async () => {
    vi.mocked(ipc.workspaceInfo).mockResolvedValue({ path: '/w.sqlite3', read_only: null, schema_version: 3 });
    vi.mocked(ipc.listDocuments).mockResolvedValue([listed(1, 'Privacy Policy')]);
    vi.mocked(ipc.getDocument).mockResolvedValue(makeDocument());
    const app = createApp();
    await app.start();
    expect(app.composer.doc?.title).toBe('Privacy Policy');
    expect(app.view.selected).toBe(0);
    expect(app.workspace.readOnly).toBe(false);
  });

  it('explains a workspace it cannot open and loads nothing more', async () => {
    vi.mocked(ipc.workspaceInfo).mockRejectedValue(new AppError('not_a_workspace', 'not a Clausewright workspace'));
    const app = createApp();
    await app.start();
    expect(app.workspace.fatal?.message).toBe('not a Clausewright workspace');
    expect(ipc.listDocuments).not.toHaveBeenCalled();
  });
});

describe('the documents flow', () => {
  it('creates a document from a template and shows its facts to fill', async () => {
    const app = await appWithDocument();
    app.dialogs.open('new-document');
    vi.mocked(ipc.createDocument).mockResolvedValue({ ...makeDocument(), id: 2, title: 'Acme Privacy Policy' });
    vi.mocked(ipc.getDocument).mockResolvedValue({ ...makeDocument(), id: 2, title: 'Acme Privacy Policy' });
    expect(await app.documents.create('Acme Privacy Policy', 'ai-saas')).toBeNull();
    expect(app.dialogs.isOpen('new-document')).toBe(false);
    expect(app.composer.doc?.id).toBe(2);
    expect(app.view.tab).toBe('facts');
    expect(app.status.notice).toBe('Created “Acme Privacy Policy”.');
  });

  it('keeps the dialog open with the reason when creating fails', async () => {
    const app = await appWithDocument();
    app.dialogs.open('new-document');
    vi.mocked(ipc.createDocument).mockRejectedValue(new AppError('invalid', 'A title is needed.'));
    expect(await app.documents.create('', null)).toBe('A title is needed.');
    expect(app.dialogs.isOpen('new-document')).toBe(true);
  });

  it('moves the open document to the trash and opens the first one left', async () => {
    const app = await appWithDocument();
    vi.mocked(ipc.listDocuments).mockResolvedValue([listed(3, 'Cookie Policy')]);
    vi.mocked(ipc.getDocument).mockResolvedValue({ ...makeDocument(['Cookies']), id: 3, title: 'Cookie Policy' });
    await app.documents.remove();
    expect(ipc.deleteDocument).toHaveBeenCalledWith(1);
    expect(app.composer.doc?.id).toBe(3);
    expect(app.status.notice).toMatch(/Moved “Privacy Policy” to the trash/);
  });

  it('opening a document leaves the clause being read', async () => {
    const app = await appWithDocument();
    app.view.openClause('retention.criteria');
    await app.documents.open(1);
    expect(app.view.clauseId).toBeNull();
  });
});

describe('the rename flow', () => {
  it('renames on a new title and lists it', async () => {
    const app = await appWithDocument();
    vi.mocked(ipc.renameDocument).mockResolvedValue(2);
    app.rename.start();
    expect(app.rename.active).toBe(true);
    await app.rename.commit('  Acme Policy ');
    expect(app.rename.active).toBe(false);
    expect(ipc.renameDocument).toHaveBeenCalledWith(1, 1, '  Acme Policy ');
    expect(app.composer.doc?.title).toBe('Acme Policy');
    expect(ipc.listDocuments).toHaveBeenCalled();
  });

  it('changes nothing for an empty or unchanged title', async () => {
    const app = await appWithDocument();
    await app.rename.commit('   ');
    await app.rename.commit('Privacy Policy');
    expect(ipc.renameDocument).not.toHaveBeenCalled();
  });

  it('does not start in a read-only workspace', async () => {
    const app = await appWithDocument();
    app.workspace.info = { path: '/w', read_only: 'The file is damaged.', schema_version: 3 };
    app.rename.start();
    expect(app.rename.active).toBe(false);
  });
});
