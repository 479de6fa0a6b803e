// What the middle pane shows: a library clause (read or written), or the open document on one
// of its tabs with a section selected.
export type Tab = 'sections' | 'facts' | 'versions' | 'checks' | 'review';

export class View {
  tab = $state<Tab>('sections');
  /** Words the Checks tab quoted, to mark in the preview's current section. */
  found = $state<string | null>(null);
  /** Index of the selected section of the open document. */
  selected = $state<number | null>(null);
  /** The library clause shown instead of the document, if any. */
  clauseId = $state<string | null>(null);
  /** A new clause is being written in the middle pane. */
  writingClause = $state(false);
  /** A fact to bring into view on the facts tab. */
  focusField = $state<string | null>(null);

  openClause(id: string): void {
    this.writingClause = false;
    this.clauseId = id;
  }

  closeClause(): void {
    this.clauseId = null;
    this.writingClause = false;
  }

  writeClause(): void {
    this.writingClause = true;
  }

  /** The facts tab with `name`'s field focused; asking again for the same field focuses it again. */
  showFact(name: string): void {
    this.closeClause();
    this.tab = 'facts';
    this.focusField = null;
    queueMicrotask(() => (this.focusField = name));
  }

  /** The document's sections, its first selected (or none when it has none). */
  selectFirst(sectionCount: number): void {
    this.selected = sectionCount ? 0 : null;
  }
}
