// The app's state, made once at start: the shared pieces and one flow per kind of user action.
// App.svelte shows it; the flows hold what each action needs between clicks.
import { Composer } from '../lib/composer.svelte';
import { CompareFlow } from './compare.svelte';
import { Dialogs } from './dialogs.svelte';
import { DocumentsFlow } from './documents.svelte';
import { ExportFlow } from './export.svelte';
import { ImportFlow } from './import.svelte';
import { LibraryFlow } from './library.svelte';
import { RenameFlow } from './rename.svelte';
import { SectionsFlow } from './sections.svelte';
import type { Shared } from './shared';
import { Status } from './status.svelte';
import { VersionsFlow } from './versions.svelte';
import { View } from './view.svelte';
import { Workspace } from './workspace.svelte';

export function createApp() {
  const status = new Status();
  const shared: Shared = { status, workspace: new Workspace(status), composer: new Composer(), view: new View(), dialogs: new Dialogs() };
  const documents = new DocumentsFlow(shared);
  const versions = new VersionsFlow(shared);
  return {
    ...shared,
    documents,
    versions,
    library: new LibraryFlow(shared),
    sections: new SectionsFlow(shared),
    rename: new RenameFlow(shared),
    compare: new CompareFlow(shared),
    importing: new ImportFlow(shared, documents, versions),
    exporting: new ExportFlow(shared),
    /** Loads the workspace and opens its first document. */
    async start(): Promise<void> {
      if ((await shared.workspace.start()) && shared.workspace.documents.length) await documents.open(shared.workspace.documents[0].id);
    },
  };
}

export type App = ReturnType<typeof createApp>;
