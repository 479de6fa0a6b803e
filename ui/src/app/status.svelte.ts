// The two lines the app speaks in: a notice in the status bar and an error banner.
import { toAppError } from '../ipc';
import type { AppError } from '../ipc';

export class Status {
  notice = $state('');
  error = $state<AppError | null>(null);

  say(message: string): void {
    this.notice = message;
  }

  /** Runs `work`; a failure shows in the banner and resolves to undefined. */
  async attempt<T>(work: () => Promise<T>): Promise<T | undefined> {
    try {
      this.error = null;
      return await work();
    } catch (e) {
      this.error = toAppError(e);
      return undefined;
    }
  }
}
