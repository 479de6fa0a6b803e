// Exporting: the export dialog opens on the open document, or on the comparison in view (its
// two sides and their names go with it), and names the file written in the status bar.
import type { Target } from '../ipc';
import type { Comparing } from './compare.svelte';
import type { Shared } from './shared';

/** What the export dialog starts on: a comparison's sides, or null for the document. */
export type ExportComparison = {
  old: Target;
  next: Target;
  oldName: string;
  newName: string;
  /** The view's options, so what is exported is what was seen. */
  ignoreWhitespace: boolean;
  ignoreCase: boolean;
} | null;

export class ExportFlow {
  /** The open export dialog; null when it is closed. */
  request = $state<{ compare: ExportComparison } | null>(null);

  constructor(private app: Shared) {}

  /** Ctrl+E or Export…: the document, with pending text saved first. */
  async openDocument(): Promise<void> {
    await this.app.composer.flush();
    this.request = { compare: null };
  }

  /** Export redline… in the compare view: what is being looked at. */
  openComparison(c: Comparing): void {
    const { old, next, oldName, newName, ignoreWhitespace, ignoreCase } = c;
    this.request = { compare: { old, next, oldName, newName, ignoreWhitespace, ignoreCase } };
  }

  done(path: string): void {
    this.request = null;
    this.app.status.say(`Exported to ${path}`);
  }

  close(): void {
    this.request = null;
  }
}
