import { beforeEach, describe, expect, it, vi } from 'vitest';
import { AppError, ipc } from '../ipc';
import type { Document } from '../ipc';
import { deferred, makeDocument } from '../test/ipc';
import { Composer } from './composer.svelte';

vi.mock('../ipc', () => import('../test/ipc').then((m) => m.mockIpc()));

async function opened(doc = makeDocument()): Promise<Composer> {
  vi.mocked(ipc.getDocument).mockResolvedValue(doc);
  const composer = new Composer();
  await composer.open(doc.id);
  return composer;
}

const bodies = (d: Document | null) => d?.sections.map((s) => s.body);

beforeEach(() => vi.resetAllMocks());

describe('the composer', () => {
  it('saves one write at a time; keystrokes made meanwhile join the next write', async () => {
    const composer = await opened();
    const first = deferred<number>();
    vi.mocked(ipc.updateSection).mockReturnValueOnce(first.promise).mockResolvedValueOnce(3);

    composer.editSection(10, 'Who we are', 'W');
    await vi.waitFor(() => expect(ipc.updateSection).toHaveBeenCalledTimes(1));
    composer.editSection(10, 'Who we are', 'We');
    composer.editSection(10, 'Who we are', 'We r');
    expect(composer.status).not.toBe('saved'); // shown as "Saving…"
    expect(ipc.updateSection).toHaveBeenCalledTimes(1);

    first.resolve(2);
    await composer.flush();
    expect(vi.mocked(ipc.updateSection).mock.calls).toEqual([
      [1, 1, 10, 'Who we are', 'W'],
      [1, 2, 10, 'Who we are', 'We r'], // based on the revision the first write made
    ]);
    expect(composer.status).toBe('saved');
    expect(composer.doc?.revision).toBe(3);
  });

  it('hands every keystroke to the app at once, so closing the window cannot lose it', async () => {
    const composer = await opened();
    composer.editSection(10, 'Who we are', 'Lynx');
    expect(ipc.stageSectionEdit).toHaveBeenCalledWith(1, 1, 10, 'Who we are', 'Lynx');
    await composer.flush();
  });

  it('shows the text at once and renders the preview from it', async () => {
    const composer = await opened();
    vi.mocked(ipc.previewDraft).mockResolvedValue({ html: '<p>Zebra</p>', unfilled: [] });
    composer.editSection(10, 'Who we are', 'Zebra');
    expect(composer.doc?.sections[0].body).toBe('Zebra');
    await vi.waitFor(() => expect(composer.preview?.html).toBe('<p>Zebra</p>'));
    expect(vi.mocked(ipc.previewDraft).mock.calls[0][0].sections[0].body).toBe('Zebra');
  });

  it('on a failed save shows the error and keeps the text typed', async () => {
    const composer = await opened();
    vi.mocked(ipc.updateSection).mockRejectedValue(new AppError('stale', 'The document was changed elsewhere.'));
    composer.editSection(10, 'Who we are', 'My words');
    await composer.flush();
    expect(composer.status).toBe('error');
    expect(composer.error?.message).toBe('The document was changed elsewhere.');
    expect(composer.doc?.sections[0].body).toBe('My words');
  });

  it('undo restores the state before the change, and redo the change', async () => {
    const doc = makeDocument();
    const composer = await opened(doc);
    vi.mocked(ipc.removeSection).mockResolvedValue({ ...makeDocument(['Who we are'], 2) });
    vi.mocked(ipc.restoreContent).mockImplementation(async (_id, revision, state) => ({ ...state, revision: revision + 1 }));

    expect(await composer.removeSection(11)).toBe(true);
    expect(composer.doc?.sections).toHaveLength(1);
    expect(composer.canUndo).toBe(true);

    await composer.undo();
    expect(vi.mocked(ipc.restoreContent).mock.calls[0][1]).toBe(2);
    expect(composer.doc?.sections.map((s) => s.heading)).toEqual(['Who we are', 'What we collect']);
    expect(composer.canRedo).toBe(true);

    await composer.redo();
    expect(composer.doc?.sections.map((s) => s.heading)).toEqual(['Who we are']);
  });

  it('undoes a burst of typing as one step, after saving it', async () => {
    const composer = await opened();
    vi.mocked(ipc.updateSection).mockResolvedValue(2);
    vi.mocked(ipc.restoreContent).mockImplementation(async (_id, revision, state) => ({ ...state, revision: revision + 1 }));
    composer.editSection(10, 'Who we are', 'A');
    composer.editSection(10, 'Who we are', 'AB');
    await composer.undo();
    expect(ipc.updateSection).toHaveBeenCalled(); // the text was saved before going back
    expect(bodies(composer.doc)).toEqual(['About who we are.', 'About what we collect.']);
  });

  it('keeps the step when a restore fails, so undo can be tried again', async () => {
    const composer = await opened();
    vi.mocked(ipc.removeSection).mockResolvedValue(makeDocument(['Who we are'], 2));
    vi.mocked(ipc.restoreContent).mockRejectedValueOnce(new AppError('io', 'disk full'));
    await composer.removeSection(11);
    await composer.undo();
    expect(composer.error?.message).toBe('disk full');
    expect(composer.canUndo).toBe(true);
    expect(composer.doc?.sections).toHaveLength(1);
  });
});
