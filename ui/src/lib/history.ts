/**
 * Undo and redo of whole document states while a document is open. Each entry is the state
 * before a change; undoing restores it (and keeps the undone state for redo).
 */
export class History<T> {
  private undoStack: T[] = [];
  private redoStack: T[] = [];

  constructor(private readonly limit = 200) {}

  /** Remember `before` as the state to go back to; a new change clears redo. */
  record(before: T): void {
    this.undoStack.push(before);
    if (this.undoStack.length > this.limit) this.undoStack.shift();
    this.redoStack = [];
  }

  /** The state to restore for undo, given the current one (kept for redo). */
  undo(current: T): T | undefined {
    const previous = this.undoStack.pop();
    if (previous !== undefined) this.redoStack.push(current);
    return previous;
  }

  redo(current: T): T | undefined {
    const next = this.redoStack.pop();
    if (next !== undefined) this.undoStack.push(current);
    return next;
  }

  /** Put back an entry whose restore failed, so nothing is lost from the stack. */
  unpop(kind: 'undo' | 'redo', state: T): void {
    if (kind === 'undo') {
      this.undoStack.push(state);
      this.redoStack.pop();
    } else {
      this.redoStack.push(state);
      this.undoStack.pop();
    }
  }

  get canUndo(): boolean {
    return this.undoStack.length > 0;
  }

  get canRedo(): boolean {
    return this.redoStack.length > 0;
  }

  clear(): void {
    this.undoStack = [];
    this.redoStack = [];
  }
}
