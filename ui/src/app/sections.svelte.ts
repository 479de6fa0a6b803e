// Changes to the open document that also move the selection or report back: adding a clause or
// a blank section (after the selected one), moving and removing sections, setting a fact.
import type { Value } from '../ipc';
import type { Shared } from './shared';

export class SectionsFlow {
  constructor(private app: Shared) {}

  /** Where a new section goes: after the selected one, or at the end. */
  get insertAt(): number {
    const selected = this.app.view.selected;
    return selected === null ? (this.app.composer.doc?.sections.length ?? 0) : selected + 1;
  }

  async addClause(clauseId: string, at: number): Promise<void> {
    this.app.dialogs.close('palette');
    if (await this.app.composer.addClause(clauseId, at)) await this.added(at);
  }

  async addBlank(heading: string, at: number): Promise<void> {
    this.app.dialogs.close('palette');
    if (await this.app.composer.addBlank(heading, at)) await this.added(at);
  }

  private async added(at: number) {
    this.app.view.selected = at;
    this.app.view.tab = 'sections';
    await this.app.workspace.refreshDocuments();
  }

  async move(sectionId: number, to: number): Promise<void> {
    if (await this.app.composer.moveSection(sectionId, to)) this.app.view.selected = to;
  }

  async remove(sectionId: number): Promise<void> {
    const { composer, view, workspace, status } = this.app;
    const at = composer.doc?.sections.findIndex((s) => s.id === sectionId) ?? -1;
    if (await composer.removeSection(sectionId)) {
      const n = composer.doc?.sections.length ?? 0;
      view.selected = n === 0 ? null : Math.min(at, n - 1);
      status.say('Removed the section. Ctrl+Z brings it back.');
      await workspace.refreshDocuments();
    }
  }

  /** Resolves to the error to show at the field, or null. A refused value is only that field's
   * problem: the document itself is unchanged and still saved. */
  async setFact(name: string, value: Value | null): Promise<string | null> {
    const { composer } = this.app;
    if (await composer.setProfile(name, value)) return null;
    const message = composer.error?.message ?? 'Not saved';
    if (composer.error?.kind === 'invalid') {
      composer.error = null;
      composer.status = 'saved';
    }
    return message;
  }
}
