// The open document as the user composes it: local edits show at once (live preview), text is
// saved as you type (one write in flight at a time; keystrokes meanwhile join the next write),
// every other change is saved immediately, and all of it can be undone. "Saved" is shown only
// after the core committed.
import { ipc, toAppError } from '../ipc';
import type { AppError, Document, Preview, Value } from '../ipc';
import { History } from './history';

/** Typing pauses longer than this start a new undo step. */
export const BURST_MS = 1000;

type Status = 'saved' | 'pending' | 'saving' | 'error';

export class Composer {
  doc = $state<Document | null>(null);
  preview = $state<Preview | null>(null);
  status = $state<Status>('saved');
  savedAt = $state<Date | null>(null);
  error = $state<AppError | null>(null);
  canUndo = $state(false);
  canRedo = $state(false);

  private history = new History<Document>();
  private pending: { sectionId: number; heading: string; body: string } | null = null;
  private flushQueued = false;
  /** The section being typed in, while a burst of typing lasts (one undo step). */
  private burst: number | null = null;
  private burstTimer: ReturnType<typeof setTimeout> | undefined;
  private rendering = false;
  private renderAgain = false;
  private saving: Promise<void> = Promise.resolve();

  private snapshot(): Document {
    return $state.snapshot(this.doc) as Document;
  }

  private syncHistory() {
    this.canUndo = this.history.canUndo;
    this.canRedo = this.history.canRedo;
  }

  private fail(e: unknown) {
    this.error = toAppError(e);
    this.status = 'error';
  }

  async open(id: number): Promise<void> {
    await this.flush();
    try {
      const [doc, preview] = await Promise.all([ipc.getDocument(id), ipc.documentPreview(id)]);
      if (this.doc?.id !== id) this.history.clear();
      this.doc = doc;
      this.preview = preview;
      this.status = 'saved';
      this.error = null;
      this.syncHistory();
    } catch (e) {
      this.fail(e);
    }
  }

  /** Shows the document as stored now (another process wrote it). Text being typed wins: with
   * a save pending, nothing is reloaded and that save is refused as stale instead. */
  async reload(): Promise<void> {
    const open = this.doc;
    if (!open || this.pending || this.status === 'saving') return;
    try {
      const [doc, preview] = await Promise.all([ipc.getDocument(open.id), ipc.documentPreview(open.id)]);
      if (this.doc !== open || this.pending || doc.revision === open.revision) return;
      this.doc = doc;
      this.preview = preview;
    } catch (e) {
      this.fail(e);
    }
  }

  close(): void {
    this.doc = null;
    this.preview = null;
    this.history.clear();
    this.syncHistory();
  }

  /** Renders the current local state; a render asked for while one runs follows it. */
  async refreshPreview(): Promise<void> {
    if (!this.doc) return;
    if (this.rendering) {
      this.renderAgain = true;
      return;
    }
    this.rendering = true;
    try {
      do {
        this.renderAgain = false;
        this.preview = await ipc.previewDraft(this.snapshot());
      } while (this.renderAgain);
    } catch (e) {
      this.fail(e);
    } finally {
      this.rendering = false;
    }
  }

  /** A keystroke in a section: shown and saved at once, undone as one burst of typing. */
  editSection(sectionId: number, heading: string, body: string): void {
    const doc = this.doc;
    if (!doc) return;
    const section = doc.sections.find((s) => s.id === sectionId);
    if (!section || (section.heading === heading && section.body === body)) return;
    if (this.burst !== sectionId) {
      if (this.pending && this.pending.sectionId !== sectionId) void this.flush();
      this.history.record(this.snapshot());
      this.syncHistory();
      this.burst = sectionId;
    }
    clearTimeout(this.burstTimer);
    this.burstTimer = setTimeout(() => (this.burst = null), BURST_MS);
    if (section.origin && section.body !== body) section.origin.edited = true;
    section.heading = heading;
    section.body = body;
    this.pending = { sectionId, heading, body };
    this.status = 'pending';
    ipc.stageSectionEdit(doc.id, doc.revision, sectionId, heading, body).catch((e) => this.fail(e));
    void this.flush();
    void this.refreshPreview();
  }

  /** Saves pending text. One write runs at a time; edits made meanwhile join the next. */
  flush(): Promise<void> {
    if (!this.pending || this.flushQueued) return this.saving;
    this.flushQueued = true;
    this.status = 'saving';
    this.saving = this.saving.then(async () => {
      this.flushQueued = false;
      const edit = this.pending;
      const doc = this.doc;
      if (!edit || !doc) return;
      this.pending = null;
      try {
        doc.revision = await ipc.updateSection(doc.id, doc.revision, edit.sectionId, edit.heading, edit.body);
        if (!this.pending) {
          this.status = 'saved';
          this.savedAt = new Date();
          this.error = null;
        }
      } catch (e) {
        this.fail(e);
      }
    });
    return this.saving;
  }

  /** Runs one saved change (add, move, remove, profile…) and makes it undoable. */
  async change(work: (doc: Document) => Promise<Document>): Promise<boolean> {
    await this.flush();
    const doc = this.doc;
    if (!doc) return false;
    const before = this.snapshot();
    this.burst = null;
    this.status = 'saving';
    try {
      this.doc = await work(doc);
      this.history.record(before);
      this.syncHistory();
      this.status = 'saved';
      this.savedAt = new Date();
      this.error = null;
      void this.refreshPreview();
      return true;
    } catch (e) {
      this.fail(e);
      return false;
    }
  }

  addClause(clauseId: string, at: number | null) {
    return this.change((d) => ipc.addSection(d.id, d.revision, clauseId, at));
  }

  addBlank(heading: string, at: number | null) {
    return this.change((d) => ipc.addBlankSection(d.id, d.revision, heading, at));
  }

  moveSection(sectionId: number, to: number) {
    return this.change((d) => ipc.moveSection(d.id, d.revision, sectionId, to));
  }

  removeSection(sectionId: number) {
    return this.change((d) => ipc.removeSection(d.id, d.revision, sectionId));
  }

  takeUpdate(sectionId: number) {
    return this.change((d) => ipc.takeClauseUpdate(d.id, d.revision, sectionId));
  }

  /** Puts the variant the facts call for in a section's place (undo brings the old one back). */
  useVariant(sectionId: number, clauseId: string) {
    return this.change((d) => ipc.useVariant(d.id, d.revision, sectionId, clauseId));
  }

  setProfile(name: string, value: Value | null) {
    return this.change((d) => ipc.setProfileValue(d.id, d.revision, name, value));
  }

  async rename(title: string): Promise<boolean> {
    return this.change(async (d) => {
      const revision = await ipc.renameDocument(d.id, d.revision, title);
      return { ...$state.snapshot(d), title: title.trim(), revision } as Document;
    });
  }

  private async restore(kind: 'undo' | 'redo'): Promise<void> {
    await this.flush();
    this.burst = null;
    const doc = this.doc;
    if (!doc) return;
    const current = this.snapshot();
    const target = kind === 'undo' ? this.history.undo(current) : this.history.redo(current);
    if (!target) return;
    this.status = 'saving';
    try {
      this.doc = await ipc.restoreContent(doc.id, doc.revision, target);
      this.status = 'saved';
      this.savedAt = new Date();
      void this.refreshPreview();
    } catch (e) {
      this.history.unpop(kind, target);
      this.fail(e);
    }
    this.syncHistory();
  }

  undo = () => this.restore('undo');
  redo = () => this.restore('redo');
}
