// Comparing two sides (versions, the draft, or a picked file) in the compare view. The flow
// keeps both sides and the options, so changing an option compares the same two again.
import { ipc } from '../ipc';
import type { Comparison, Target } from '../ipc';
import type { Shared } from './shared';

/** A side as the Versions tab names it: a version number or the draft. */
export type Side = number | 'draft';

export interface Comparing {
  comparison: Comparison;
  oldName: string;
  newName: string;
  old: Target;
  next: Target;
  ignoreWhitespace: boolean;
  ignoreCase: boolean;
}

export function targetName(t: Target): string {
  return t.kind === 'draft' ? 'Working draft' : t.kind === 'version' ? `Version ${t.number}` : 'File';
}

export class CompareFlow {
  /** What the compare view shows; null when it is closed. */
  current = $state<Comparing | null>(null);

  constructor(private app: Shared) {}

  private target(side: Side): Target | null {
    const doc = this.app.composer.doc;
    if (!doc) return null;
    return side === 'draft' ? { kind: 'draft', document_id: doc.id } : { kind: 'version', document_id: doc.id, number: side };
  }

  /** Compares two sides; a compared file keeps the name it was picked with. */
  async compare(old: Target, next: Target, ignoreWhitespace = false, ignoreCase = false, newName = targetName(next)): Promise<void> {
    await this.app.composer.flush();
    await this.app.status.attempt(async () => {
      const comparison = await ipc.compare(old, next, ignoreWhitespace, ignoreCase);
      this.current = { comparison, oldName: targetName(old), newName, old, next, ignoreWhitespace, ignoreCase };
    });
  }

  /** Two sides of the open document, as the Versions tab offers them. */
  async sides(old: Side, next: Side): Promise<void> {
    const a = this.target(old);
    const b = this.target(next);
    if (a && b) await this.compare(a, b);
  }

  /** A side of the open document with a file picked in the native dialog. */
  async withFile(side: Side): Promise<void> {
    const old = this.target(side);
    if (!old) return;
    await this.app.composer.flush();
    await this.app.status.attempt(async () => {
      const picked = await ipc.compareWithFile(old, false, false);
      if (picked) this.current = { comparison: picked[1], oldName: targetName(old), newName: picked[0], old, next: { kind: 'compared_file' }, ignoreWhitespace: false, ignoreCase: false };
    });
  }

  /** The Compare button: the newest version against the draft. */
  async latest(): Promise<void> {
    const doc = this.app.composer.doc;
    if (!doc) return;
    const versions = await this.app.status.attempt(() => ipc.listVersions(doc.id));
    if (!versions?.length) {
      this.app.status.say('No versions yet: Save version freezes this draft so you can compare later.');
      return;
    }
    await this.sides(versions[0].number, 'draft');
  }

  /** The view's options changed: the same two sides again. */
  async setOptions(ignoreWhitespace: boolean, ignoreCase: boolean): Promise<void> {
    const c = this.current;
    if (c) await this.compare(c.old, c.next, ignoreWhitespace, ignoreCase, c.newName);
  }

  close(): void {
    this.current = null;
  }
}
