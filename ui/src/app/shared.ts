// What every flow works with: the open document, the workspace's lists, the middle pane, the
// status line and the plain dialogs. `createApp` (app.svelte.ts) makes one of each.
import type { Composer } from '../lib/composer.svelte';
import type { Dialogs } from './dialogs.svelte';
import type { Status } from './status.svelte';
import type { View } from './view.svelte';
import type { Workspace } from './workspace.svelte';

export interface Shared {
  composer: Composer;
  workspace: Workspace;
  view: View;
  status: Status;
  dialogs: Dialogs;
}
