// The clause library changed (a clause saved, copied or deleted): reload the list, which the
// sidebar and the clause view follow, and show the clause to see next.
import type { Shared } from './shared';

export class LibraryFlow {
  constructor(private app: Shared) {}

  async changed(openId: string | null, message: string): Promise<void> {
    const { workspace, view, status } = this.app;
    await status.attempt(async () => {
      await workspace.reloadClauses();
      status.say(message);
      if (openId) view.openClause(openId);
      else view.closeClause();
    });
  }
}
