// What the app loads at start and shares: the workspace, its documents, the clause library and
// the author's name. Whatever changes one of these lists reloads it here; components that show
// something derived from a list (search results, the open clause, the trash) read the list, so
// they follow when it is replaced.
import { ipc, toAppError } from '../ipc';
import type { AppError, Clause, DocumentSummary, Requirement, Topic, VariableDef, WorkspaceInfo } from '../ipc';
import type { Status } from './status.svelte';

export class Workspace {
  info = $state<WorkspaceInfo | null>(null);
  /** The workspace could not be opened at all. */
  fatal = $state<AppError | null>(null);
  documents = $state<DocumentSummary[]>([]);
  topics = $state<Topic[]>([]);
  clauses = $state<Clause[]>([]);
  requirements = $state<Requirement[]>([]);
  variables = $state<VariableDef[]>([]);
  /** The name versions are saved under; null until asked once. */
  author = $state<string | null>(null);
  readOnly = $derived(this.info?.read_only != null);

  constructor(private status: Status) {}

  /** Opens the workspace and loads the lists; false when it could not be opened. */
  async start(): Promise<boolean> {
    try {
      this.info = await ipc.workspaceInfo();
    } catch (e) {
      this.fatal = toAppError(e);
      return false;
    }
    await this.status.attempt(async () => {
      [this.documents, this.topics, this.clauses, this.requirements, this.variables, this.author] = await Promise.all([
        ipc.listDocuments(),
        ipc.listTopics(),
        ipc.listClauses(),
        ipc.listRequirements(),
        ipc.listVariables(),
        ipc.getAuthor(),
      ]);
    });
    return true;
  }

  async refreshDocuments(): Promise<void> {
    await this.status.attempt(async () => (this.documents = await ipc.listDocuments()));
  }

  /** After any change to the library: a new list, which the library's views follow. */
  async reloadClauses(): Promise<void> {
    this.clauses = await ipc.listClauses();
  }

  /** Records the author's name (asked once, with the first version saved). */
  async setAuthor(name: string): Promise<void> {
    await ipc.setAuthor(name);
    this.author = name.trim();
  }
}
