// Every app-wide key, in one table. The first row that matches an event runs, so a row with a
// narrower `when` comes before a broader one with the same key. The compare view, a clause
// being read and the fields and lists have their own keys, next to what they act on.
import { inEditor } from '../lib/keys';
import type { Binding } from '../lib/keys';
import type { App } from './app.svelte';

/** Moves focus to a pane (Ctrl+1 … Ctrl+4); the shell knows where the panes are. */
export interface PaneFocus {
  documents(): void;
  library(): void;
  sections(): void;
  preview(): void;
}

export function shortcuts(app: App, focus: PaneFocus): Binding[] {
  const hasDoc = () => app.composer.doc !== null;
  const canWrite = () => hasDoc() && !app.workspace.readOnly;
  const notTyping = (e: KeyboardEvent) => !inEditor(e);
  return [
    { key: 's', primary: true, shift: true, when: canWrite, run: () => app.dialogs.open('save-version') },
    { key: 'k', primary: true, when: canWrite, run: () => app.dialogs.open('palette') },
    // With a clause open, Ctrl+E is the clause view's (edit your own clause), not export.
    { key: 'e', primary: true, when: () => hasDoc() && app.view.clauseId === null, run: () => void app.exporting.openDocument() },
    { key: 'o', primary: true, when: () => !app.workspace.readOnly, run: () => void app.importing.start() },
    { key: 'n', primary: true, shift: false, run: () => app.dialogs.open('new-document') },
    // On the Review tab, Ctrl+Z takes back the last decision (proposal and text together).
    { key: 'z', primary: true, shift: false, when: (e) => notTyping(e) && app.view.tab === 'review' && app.review.canUndo, run: () => void app.review.undoDecision() },
    // Undo and redo of the whole document; inside a text field the field's own undo applies.
    { key: 'z', primary: true, shift: false, when: notTyping, run: () => void app.composer.undo() },
    { key: 'z', primary: true, shift: true, when: notTyping, run: () => void app.composer.redo() },
    { key: 'y', primary: true, when: notTyping, run: () => void app.composer.redo() },
    // Ctrl+S saves pending text at once (the clause editor has its own Ctrl+S).
    { key: 's', primary: true, when: () => !app.view.clauseId && !app.view.writingClause, run: () => void app.composer.flush() },
    { key: '1', primary: true, run: () => focus.documents() },
    { key: '2', primary: true, run: () => focus.library() },
    {
      key: '3',
      primary: true,
      run: () => {
        app.view.closeClause();
        app.view.tab = 'sections';
        queueMicrotask(() => focus.sections()); // once the outline is shown
      },
    },
    { key: '4', primary: true, run: () => focus.preview() },
    { key: 'n', primary: true, shift: true, run: () => app.view.writeClause() },
    { key: 'F2', when: canWrite, run: () => app.rename.start() },
    {
      key: 'Escape',
      when: (e) => app.view.clauseId !== null && !app.view.writingClause && !inEditor(e),
      run: () => app.view.closeClause(),
      keepDefault: true,
    },
  ];
}
