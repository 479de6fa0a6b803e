// The open document's versions: the list the Versions tab shows, saving one, restoring one.
// Whatever adds a version reloads the list here; the tab only reads it.
import { ipc, toAppError } from '../ipc';
import type { VersionSummary } from '../ipc';
import type { Shared } from './shared';

export class VersionsFlow {
  list = $state<VersionSummary[]>([]);
  error = $state('');
  /** The document last asked for, and the ask: a slower, earlier answer is dropped. */
  private documentId: number | null = null;
  private asked = 0;

  constructor(private app: Shared) {}

  /** Loads the list for a document (the tab calls this for the open one). */
  async load(documentId: number): Promise<void> {
    this.documentId = documentId;
    this.error = '';
    const ask = ++this.asked;
    try {
      const list = await ipc.listVersions(documentId);
      if (ask === this.asked) this.list = list;
    } catch (e) {
      this.error = toAppError(e).message;
    }
  }

  /** After a version was added: the list again, if one is shown. */
  async reload(): Promise<void> {
    if (this.documentId !== null) await this.load(this.documentId);
  }

  /** The save-version dialog's Save; `name` is the author's, when it had to be asked. Resolves
   * to the error to show in the dialog, or null. */
  async save(label: string, note: string, name: string | null): Promise<string | null> {
    const { composer, workspace, dialogs, status } = this.app;
    const doc = composer.doc;
    if (!doc) return null;
    try {
      if (name !== null) await workspace.setAuthor(name);
      await composer.flush();
      const v = await ipc.saveVersion(doc.id, label, note);
      dialogs.close('save-version');
      await this.reload();
      status.say(`Saved version ${v.number}, “${v.label}”.`);
      return null;
    } catch (e) {
      return toAppError(e).message;
    }
  }

  /** Makes version `n` the draft; the core saves the draft as a version first. */
  async restore(n: number): Promise<void> {
    const { composer, view, status } = this.app;
    if (await composer.change((d) => ipc.restoreVersion(d.id, d.revision, n))) {
      await this.reload();
      view.selectFirst(composer.doc?.sections.length ?? 0);
      status.say(`Restored version ${n}; the draft you had is saved as a version.`);
    }
  }
}
