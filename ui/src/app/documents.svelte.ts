// Opening, creating, duplicating, deleting and restoring documents.
import { ipc, toAppError } from '../ipc';
import type { Shared } from './shared';

export class DocumentsFlow {
  constructor(private app: Shared) {}

  /** Opens a document on its first section, leaving any clause view. */
  async open(id: number): Promise<void> {
    const { composer, view } = this.app;
    await composer.open(id);
    view.selectFirst(composer.doc?.sections.length ?? 0);
    view.closeClause();
  }

  /** The new-document dialog's Create; resolves to the error to show in it, or null. */
  async create(title: string, template: string | null): Promise<string | null> {
    const { workspace, dialogs, view, status } = this.app;
    try {
      const d = await ipc.createDocument(title, template);
      dialogs.close('new-document');
      await workspace.refreshDocuments();
      await this.open(d.id);
      view.tab = template ? 'facts' : 'sections';
      status.say(`Created “${d.title}”.`);
      return null;
    } catch (e) {
      return toAppError(e).message;
    }
  }

  async duplicate(): Promise<void> {
    const { composer, workspace, status } = this.app;
    const doc = composer.doc;
    if (!doc) return;
    await composer.flush();
    await status.attempt(async () => {
      const copy = await ipc.duplicateDocument(doc.id);
      await workspace.refreshDocuments();
      await this.open(copy.id);
      status.say(`Duplicated as “${copy.title}”.`);
    });
  }

  /** Moves the open document to the trash and opens the first one left. */
  async remove(): Promise<void> {
    const { composer, workspace, status } = this.app;
    const doc = composer.doc;
    if (!doc) return;
    const { id, title } = doc;
    await composer.flush();
    await status.attempt(async () => {
      await ipc.deleteDocument(id);
      composer.close();
      await workspace.refreshDocuments();
      if (workspace.documents.length) await this.open(workspace.documents[0].id);
      status.say(`Moved “${title}” to the trash. Open the trash under Documents to restore it.`);
    });
  }

  /** The sidebar restored a document from the trash. */
  async restored(openId: number | null, message: string): Promise<void> {
    await this.app.workspace.refreshDocuments();
    if (openId !== null) await this.open(openId);
    this.app.status.say(message);
  }
}
