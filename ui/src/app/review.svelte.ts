// The Review tab: counsel's proposals (from a Word file sent back, or the changes since a
// version) decided one by one into the draft, and the document's comments. A decision is a
// change of the draft like any other (Ctrl+Z in the document undoes its text); on the Review
// tab Ctrl+Z takes back the last decision itself, proposal and text together.
import { ipc } from '../ipc';
import type { Comment, Decision, Proposal, ProposalStatus } from '../ipc';
import type { Shared } from './shared';

const asDecision = (s: ProposalStatus): Decision | null => (s === 'accepted' ? 'accept' : s === 'rejected' ? 'reject' : null);

export class ReviewFlow {
  proposals = $state<Proposal[]>([]);
  comments = $state<Comment[]>([]);
  /** The proposal the keys act on. */
  selected = $state<number | null>(null);
  /** Show decided proposals too, not only the open ones. */
  showDecided = $state(false);
  /** Show resolved comment threads too. */
  showResolved = $state(false);
  /** What the last Word file held that could not be placed on any text. */
  unplaced = $state<string[]>([]);
  private decisions: { ids: number[]; before: ProposalStatus }[] = [];
  private decisionCount = $state(0);
  private last = '';

  constructor(private app: Shared) {}

  /** There is a decision to take back. */
  get canUndo(): boolean {
    return this.decisionCount > 0;
  }

  get open(): Proposal[] {
    return this.proposals.filter((p) => p.status === 'open');
  }

  get shown(): Proposal[] {
    return this.showDecided ? this.proposals : this.open;
  }

  /** Reads the open document's proposals and comments again when it or its revision changes. */
  follow(documentId: number | null, revision: number): void {
    const key = `${documentId}@${revision}`;
    if (key === this.last) return;
    const other = !this.last.startsWith(`${documentId}@`);
    this.last = key;
    if (other) {
      this.decisions = [];
      this.decisionCount = 0;
      this.unplaced = [];
      this.selected = null;
    }
    if (documentId === null) {
      this.proposals = [];
      this.comments = [];
      return;
    }
    void this.load(documentId);
  }

  async load(documentId: number): Promise<void> {
    const [proposals, comments] = await Promise.all([ipc.listProposals(documentId), ipc.listComments(documentId)]);
    if (this.app.composer.doc?.id !== documentId) return;
    this.proposals = proposals ?? [];
    this.comments = comments ?? [];
    if (this.selected === null || !this.shown.some((p) => p.id === this.selected)) this.selected = this.shown[0]?.id ?? null;
  }

  private async reload(): Promise<void> {
    const doc = this.app.composer.doc;
    if (doc) await this.load(doc.id);
  }

  /** Reads a Word file counsel sent back (picked in a native dialog) as proposals on the draft. */
  async importWord(): Promise<void> {
    const doc = this.app.composer.doc;
    if (!doc) return;
    await this.app.composer.flush();
    const r = await this.app.status.attempt(() => ipc.reviewWordFile(doc.id));
    if (!r) return;
    this.unplaced = r.unplaced;
    this.app.view.tab = 'review';
    await this.reload();
    this.selected = r.proposals.find((p) => p.status === 'open')?.id ?? this.selected;
    const changes = r.proposals.filter((p) => p.kind !== 'comment').length;
    this.app.status.say(`${r.source}: ${changes} proposed ${changes === 1 ? 'change' : 'changes'} and ${r.proposals.length - changes} ${r.proposals.length - changes === 1 ? 'comment' : 'comments'} to review.`);
  }

  /** Reviews what changed from version `old` to `next` (the draft when null), change by change. */
  async fromVersions(old: number, next: number | null): Promise<boolean> {
    let made = 0;
    const ok = await this.app.composer.change(async (d) => {
      const r = await ipc.reviewVersions(d.id, d.revision, old, next);
      made = r.proposals.length;
      return r.document;
    });
    if (!ok) return false;
    this.app.view.tab = 'review';
    await this.reload();
    this.selected = this.open[0]?.id ?? null;
    this.app.status.say(made ? `${made} ${made === 1 ? 'change' : 'changes'} to accept or reject.` : 'Nothing changed between those two.');
    return true;
  }

  /** Accepts or rejects proposals (`ids` empty: every open one), then selects the next open one. */
  async decide(ids: number[], decision: Decision | null): Promise<void> {
    const chosen = ids.length ? this.proposals.filter((p) => ids.includes(p.id)) : this.open;
    if (!chosen.length) return;
    const from = this.selected;
    const ok = await this.app.composer.change((d) => ipc.decideProposals(d.id, d.revision, chosen.map((p) => p.id), decision));
    if (!ok) return;
    for (const before of ['open', 'accepted', 'rejected'] as ProposalStatus[]) {
      const group = chosen.filter((p) => p.status === before).map((p) => p.id);
      if (group.length) this.decisions.push({ ids: group, before });
    }
    this.decisionCount = this.decisions.length;
    await this.reload();
    if (from !== null && ids.includes(from)) this.next(from);
  }

  /** Decides every open proposal of the selected one's review in its section. */
  async decideSection(decision: Decision): Promise<void> {
    const at = this.proposals.find((p) => p.id === this.selected);
    if (!at) return;
    const ids = this.open.filter((p) => p.review_id === at.review_id && p.section === at.section && p.kind !== 'comment').map((p) => p.id);
    if (ids.length) await this.decide(ids, decision);
  }

  /** Takes back the last decision: the proposals as they were, and the draft with them. */
  async undoDecision(): Promise<boolean> {
    const last = this.decisions.pop();
    this.decisionCount = this.decisions.length;
    if (!last) return false;
    const ok = await this.app.composer.change((d) => ipc.decideProposals(d.id, d.revision, last.ids, asDecision(last.before)));
    if (!ok) {
      this.decisions.push(last);
      this.decisionCount = this.decisions.length;
      return true;
    }
    await this.reload();
    this.selected = last.ids[0];
    return true;
  }

  /** The next open proposal after `from` (wrapping round), or the first. */
  next(from = this.selected): void {
    const list = this.shown;
    if (!list.length) {
      this.selected = null;
      return;
    }
    const at = list.findIndex((p) => p.id === from);
    const after = [...list.slice(at + 1), ...list.slice(0, at + 1)];
    this.selected = (after.find((p) => p.status === 'open' && p.id !== from) ?? after[0]).id;
  }

  previous(): void {
    const list = this.shown;
    const at = list.findIndex((p) => p.id === this.selected);
    if (list.length) this.selected = list[(at - 1 + list.length) % list.length].id;
  }

  /** Comments on `quote` in a section of the draft (at UTF-16 offset `start`). */
  async addComment(sectionId: number, quote: string, start: number | null, text: string): Promise<boolean> {
    const doc = this.app.composer.doc;
    if (!doc || !text.trim()) return false;
    await this.app.composer.flush();
    const made = await this.app.status.attempt(() => ipc.addComment(doc.id, null, sectionId, quote, start, text));
    if (!made) return false;
    await this.reload();
    this.app.status.say('Comment added.');
    return true;
  }

  async reply(id: number, text: string): Promise<boolean> {
    if (!text.trim()) return false;
    const made = await this.app.status.attempt(() => ipc.replyToComment(id, text));
    if (made) await this.reload();
    return !!made;
  }

  async resolve(id: number, resolved: boolean): Promise<void> {
    if (await this.app.status.attempt(() => ipc.setCommentResolved(id, resolved))) await this.reload();
  }

  /** A section's open comment threads (their first comments), for the margin beside it. */
  threadsOn(sectionId: number): Comment[] {
    return this.comments.filter((c) => c.section_id === sectionId && c.parent_id === null && !c.resolved);
  }

  repliesTo(id: number): Comment[] {
    return this.comments.filter((c) => c.parent_id === id);
  }
}
