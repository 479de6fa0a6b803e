import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ipc } from '../ipc';
import { runKeys } from '../lib/keys';
import { appWithDocument } from '../test/app';
import { makeDocument } from '../test/ipc';
import { createApp } from './app.svelte';
import type { App } from './app.svelte';
import { shortcuts } from './shortcuts';

vi.mock('../ipc', () => import('../test/ipc').then((m) => m.mockIpc()));

const focus = { documents: vi.fn(), library: vi.fn(), sections: vi.fn(), preview: vi.fn() };

/** Presses a key with the app's table; `on` is the element the key is typed in. */
function press(app: App, key: string, mods: { ctrl?: boolean; shift?: boolean } = {}, on: Element = document.body) {
  const event = new KeyboardEvent('keydown', { key, ctrlKey: mods.ctrl, shiftKey: mods.shift, bubbles: true, cancelable: true });
  on.addEventListener('keydown', (e) => runKeys(shortcuts(app, focus), e as KeyboardEvent), { once: true });
  on.dispatchEvent(event);
  return event;
}

beforeEach(() => vi.resetAllMocks());

describe('the app-wide keys', () => {
  it('Ctrl+K opens the palette only with a document open to write to', async () => {
    expect(press(createApp(), 'k', { ctrl: true }).defaultPrevented).toBe(false);
    const app = await appWithDocument();
    expect(press(app, 'k', { ctrl: true }).defaultPrevented).toBe(true);
    expect(app.dialogs.isOpen('palette')).toBe(true);
  });

  it('Ctrl+N starts a document, Ctrl+Shift+N a clause', async () => {
    const app = await appWithDocument();
    press(app, 'N', { ctrl: true, shift: true });
    expect(app.view.writingClause).toBe(true);
    expect(app.dialogs.isOpen('new-document')).toBe(false);
    press(app, 'n', { ctrl: true });
    expect(app.dialogs.isOpen('new-document')).toBe(true);
  });

  it('Ctrl+Shift+S asks for a version; Ctrl+S saves pending text', async () => {
    const app = await appWithDocument();
    press(app, 'S', { ctrl: true, shift: true });
    expect(app.dialogs.isOpen('save-version')).toBe(true);
    vi.mocked(ipc.updateSection).mockResolvedValue(2);
    app.composer.editSection(10, 'Who we are', 'x');
    press(app, 's', { ctrl: true });
    await app.composer.flush();
    expect(app.composer.status).toBe('saved');
  });

  it('Ctrl+Z undoes the document outside a text field and leaves a field its own undo', async () => {
    const app = await appWithDocument();
    vi.mocked(ipc.removeSection).mockResolvedValue(makeDocument(['Who we are'], 2));
    vi.mocked(ipc.restoreContent).mockImplementation(async (_id, revision, state) => ({ ...state, revision: revision + 1 }));
    await app.composer.removeSection(11);

    const field = document.body.appendChild(document.createElement('input'));
    expect(press(app, 'z', { ctrl: true }, field).defaultPrevented).toBe(false);
    field.remove();
    expect(ipc.restoreContent).not.toHaveBeenCalled();

    press(app, 'z', { ctrl: true });
    await vi.waitFor(() => expect(app.composer.doc?.sections).toHaveLength(2));
    press(app, 'Z', { ctrl: true, shift: true });
    await vi.waitFor(() => expect(app.composer.doc?.sections).toHaveLength(1));
  });

  it('F2 renames, Ctrl+E exports, Ctrl+O imports', async () => {
    const app = await appWithDocument();
    press(app, 'F2');
    expect(app.rename.active).toBe(true);
    press(app, 'e', { ctrl: true });
    await vi.waitFor(() => expect(app.exporting.request).toEqual({ compare: null }));
    press(app, 'o', { ctrl: true });
    await vi.waitFor(() => expect(ipc.importPick).toHaveBeenCalled());
  });

  it('with a clause open, Ctrl+E is left to the clause view (edit), not export', async () => {
    const app = await appWithDocument();
    app.view.openClause('my.clause');
    expect(press(app, 'e', { ctrl: true }).defaultPrevented).toBe(false);
    expect(app.exporting.request).toBeNull();
  });

  it('Escape leaves a clause being read, and Ctrl+3 goes back to the sections', async () => {
    const app = await appWithDocument();
    app.view.openClause('retention.criteria');
    const event = press(app, 'Escape');
    expect(app.view.clauseId).toBeNull();
    expect(event.defaultPrevented).toBe(false);

    app.view.openClause('retention.criteria');
    app.view.tab = 'facts';
    press(app, '3', { ctrl: true });
    expect(app.view.clauseId).toBeNull();
    expect(app.view.tab).toBe('sections');
    await vi.waitFor(() => expect(focus.sections).toHaveBeenCalled());
  });

  it('nothing in a read-only workspace writes', async () => {
    const app = await appWithDocument();
    app.workspace.info = { path: '/w', read_only: 'damaged', schema_version: 3 };
    press(app, 'k', { ctrl: true });
    press(app, 'S', { ctrl: true, shift: true });
    press(app, 'o', { ctrl: true });
    press(app, 'F2');
    expect(app.dialogs.isOpen('palette')).toBe(false);
    expect(app.dialogs.isOpen('save-version')).toBe(false);
    expect(app.rename.active).toBe(false);
    expect(ipc.importPick).not.toHaveBeenCalled();
  });
});
