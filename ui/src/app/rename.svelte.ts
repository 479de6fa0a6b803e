// Renaming the open document in place (F2 or double-click on the title).
import type { Shared } from './shared';

export class RenameFlow {
  /** The title is an input while this is true. */
  active = $state(false);

  constructor(private app: Shared) {}

  start(): void {
    if (this.app.composer.doc && !this.app.workspace.readOnly) this.active = true;
  }

  cancel(): void {
    this.active = false;
  }

  /** Enter or leaving the field: an empty or unchanged title changes nothing. */
  async commit(title: string): Promise<void> {
    this.active = false;
    const { composer, workspace } = this.app;
    const doc = composer.doc;
    if (!doc || title.trim() === '' || title.trim() === doc.title) return;
    if (await composer.rename(title)) await workspace.refreshDocuments();
  }
}
