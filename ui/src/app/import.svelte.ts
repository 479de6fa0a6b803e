// Importing a policy file: pick it in the native dialog, check what it would become in the
// import dialog, then write it as a new document or as a new version of the open one.
import { ipc, toAppError } from '../ipc';
import type { ImportPreview } from '../ipc';
import type { DocumentsFlow } from './documents.svelte';
import type { Shared } from './shared';
import type { VersionsFlow } from './versions.svelte';

export class ImportFlow {
  /** The file read, shown for checking before anything is written; null when no import runs. */
  file = $state<{ fileName: string; preview: ImportPreview } | null>(null);

  constructor(
    private app: Shared,
    private documents: DocumentsFlow,
    private versions: VersionsFlow,
  ) {}

  /** Ctrl+O: pick a policy file and show what it would become. */
  async start(): Promise<void> {
    await this.app.composer.flush();
    await this.app.status.attempt(async () => {
      const picked = await ipc.importPick();
      if (picked) this.file = { fileName: picked[0], preview: picked[1] };
    });
  }

  /** The dialog's Import: `into` a document as a version, or null for a new document; `name` is
   * the author's when it had to be asked. Resolves to the error to show in the dialog, or null. */
  async commit(preview: ImportPreview, into: number | null, facts: Record<string, string>, name: string | null): Promise<string | null> {
    const file = this.file;
    if (!file) return null;
    const { workspace, view, status } = this.app;
    try {
      if (name !== null) await workspace.setAuthor(name);
      const made = await ipc.importCommit(preview, into, facts, file.fileName);
      this.file = null;
      await workspace.refreshDocuments();
      await this.documents.open(made.document_id);
      if (made.version !== null) {
        await this.versions.reload();
        view.tab = 'versions';
        status.say(`Imported “${file.fileName}” as version ${made.version}. Compare it with any other version.`);
      } else {
        view.tab = 'sections';
        status.say(`Imported “${file.fileName}” as a new document with ${preview.sections.length} sections.`);
      }
      return null;
    } catch (e) {
      return toAppError(e).message;
    }
  }

  close(): void {
    this.file = null;
  }
}
