// The app's state, made once at start: the shared pieces and one flow per kind of user action.
// App.svelte shows it; the flows hold what each action needs between clicks.
import { Composer } from '../lib/composer.svelte';
import { ChecksFlow } from './checks.svelte';
import { CompareFlow } from './compare.svelte';
import { Dialogs } from './dialogs.svelte';
import { DocumentsFlow } from './documents.svelte';
import { ExportFlow } from './export.svelte';
import { ImportFlow } from './import.svelte';
import { LibraryFlow } from './library.svelte';
import { RenameFlow } from './rename.svelte';
import { ReviewFlow } from './review.svelte';
import { SectionsFlow } from './sections.svelte';
import type { Shared } from './shared';
import { Status } from './status.svelte';
import { VersionsFlow } from './versions.svelte';
import { View } from './view.svelte';
import { Workspace } from './workspace.svelte';
import { watchApp } from '../lib/lifecycle';

export function createApp() {
  const status = new Status();
  const shared: Shared = { status, workspace: new Workspace(status), composer: new Composer(), view: new View(), dialogs: new Dialogs() };
  const documents = new DocumentsFlow(shared);
  const versions = new VersionsFlow(shared);
  const sections = new SectionsFlow(shared);

  /** Everything shown, read again: another process (the CLI) wrote to the workspace. */
  async function reloadAll(): Promise<void> {
    await Promise.all([shared.composer.reload(), shared.workspace.refreshDocuments(), shared.workspace.reloadClauses(), versions.reload()]);
  }

  /** A backup replaced the whole workspace: start over on it, keeping the open document when
   * it is still there. */
  async function afterRestore(): Promise<void> {
    const open = shared.composer.doc?.id ?? null;
    shared.composer.close();
    if (!(await shared.workspace.start())) return;
    const ids = shared.workspace.documents.map((d) => d.id);
    const id = open !== null && ids.includes(open) ? open : ids[0];
    if (id !== undefined) await documents.open(id);
    await versions.reload();
  }

  return {
    ...shared,
    documents,
    versions,
    library: new LibraryFlow(shared),
    sections,
    checks: new ChecksFlow(shared, sections),
    rename: new RenameFlow(shared),
    review: new ReviewFlow(shared),
    compare: new CompareFlow(shared),
    importing: new ImportFlow(shared, documents, versions),
    exporting: new ExportFlow(shared),
    reloadAll,
    afterRestore,
    /** Loads the workspace and opens its first document; from then on, follows what the app
     * tells the window (a close request, another process's write). */
    async start(): Promise<void> {
      void watchApp(shared.composer, () => void reloadAll());
      if ((await shared.workspace.start()) && shared.workspace.documents.length) await documents.open(shared.workspace.documents[0].id);
    },
  };
}

export type App = ReturnType<typeof createApp>;
