// The Checks tab: the open document's draft checked against the requirements its facts make
// apply (the core's checker), again after each save, a moment after typing stops.
import { ipc, toAppError } from '../ipc';
import type { Report } from '../ipc';
import type { SectionsFlow } from './sections.svelte';
import type { Shared } from './shared';

export class ChecksFlow {
  report = $state<Report | null>(null);
  running = $state(false);
  error = $state<string | null>(null);
  private timer: ReturnType<typeof setTimeout> | null = null;
  private asked = 0;
  private last = '';

  constructor(
    private app: Shared,
    private sections: SectionsFlow,
    private delay = 600,
  ) {}

  /** What needs attention: required disclosures missing, and error findings. */
  get problems(): number {
    if (!this.report) return 0;
    return this.report.requirements.filter((r) => r.status === 'missing').length + this.report.findings.filter((f) => f.severity === 'error').length;
  }

  /** Checks the open document again once its saved draft has stopped changing for a moment. */
  follow(documentId: number | null, revision: number): void {
    const key = `${documentId}@${revision}`;
    if (key === this.last) return;
    this.last = key;
    if (this.timer) clearTimeout(this.timer);
    if (documentId === null) {
      this.report = null;
      return;
    }
    this.timer = setTimeout(() => void this.run(documentId), this.delay);
  }

  /** Checks now; an answer to an earlier request that arrives late is dropped. */
  async run(documentId: number): Promise<void> {
    const n = ++this.asked;
    this.running = true;
    try {
      const report = await ipc.checkDocument(documentId);
      if (n === this.asked) {
        this.report = report;
        this.error = null;
      }
    } catch (e) {
      if (n === this.asked) this.error = toAppError(e).message;
    } finally {
      if (n === this.asked) this.running = false;
    }
  }

  /** Where a library clause goes: after the last section taken from a clause of its topic, else
   * before a closing "changes" or "contact" section, else at the end. */
  placeFor(clauseId: string): number {
    const sections = this.app.composer.doc?.sections ?? [];
    const topicOf = (id: string) => this.app.workspace.clauses.find((c) => c.id === id)?.topic ?? id.split('.')[0];
    const topic = topicOf(clauseId);
    let at = -1;
    sections.forEach((s, i) => {
      if (s.origin && topicOf(s.origin.clause_id) === topic) at = i + 1;
    });
    if (at >= 0) return at;
    const closing = sections.findIndex((s) => s.origin && ['changes', 'contact'].includes(topicOf(s.origin.clause_id)));
    return closing >= 0 ? closing : sections.length;
  }

  /** "Add": the clause that supplies a missing disclosure, inserted where it belongs. */
  async add(clauseId: string): Promise<void> {
    await this.sections.addClause(clauseId, this.placeFor(clauseId));
  }

  /** Shows the section a finding or a piece of evidence is in, its quote marked in the preview. */
  jump(sectionId: number, quote: string | null = null): void {
    const i = this.app.composer.doc?.sections.findIndex((s) => s.id === sectionId) ?? -1;
    if (i < 0) return;
    this.app.view.selected = i;
    this.app.view.found = quote;
    this.app.view.tab = 'sections';
  }
}
