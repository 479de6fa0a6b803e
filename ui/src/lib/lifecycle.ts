// The window's life as the app tells it. A close request waits for the open document's
// pending save (the app closes the window once we answer), so nothing typed is lost; a write
// by another process (the CLI) reloads what is shown.
import { ipc } from '../ipc';
import type { Composer } from './composer.svelte';

export function watchApp(composer: Composer, onWorkspaceChanged: () => void): Promise<unknown> {
  return ipc.appEvents((event) => {
    if (event.kind === 'close_requested') void closeWhenSaved(composer);
    else onWorkspaceChanged();
  });
}

/** Saves what is pending, then lets the window go, even if the save failed: the app keeps
 * the staged text and writes it (or keeps it in a file) as it exits. */
export async function closeWhenSaved(composer: Composer): Promise<void> {
  try {
    await composer.flush();
  } finally {
    await ipc.closeReady();
  }
}
