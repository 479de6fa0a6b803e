import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ipc } from '../ipc';
import type { Proposal, ProposalStatus } from '../ipc';
import { appWithDocument } from '../test/app';
import { makeDocument } from '../test/ipc';

vi.mock('../ipc', () => import('../test/ipc').then((m) => m.mockIpc()));

const proposal = (id: number, status: ProposalStatus = 'open', kind: Proposal['kind'] = 'replace'): Proposal => ({
  id,
  review_id: 1,
  source: 'back from counsel.docx',
  kind,
  whole_section: false,
  author: 'Ruth Counsel',
  date: '2026-11-30T09:15:00Z',
  section: 'Who we are',
  old_text: 'a year',
  new_text: 'six months',
  status,
  comment_id: null,
});

beforeEach(() => vi.resetAllMocks());

describe('the review flow', () => {
  it('imports a Word review onto the Review tab with its first open proposal selected', async () => {
    const app = await appWithDocument();
    const proposals = [proposal(1), proposal(2, 'open', 'comment')];
    vi.mocked(ipc.reviewWordFile).mockResolvedValue({ id: 1, source: 'back.docx', proposals, unplaced: ['Comment by Sam on “x”: y'], document: makeDocument() });
    vi.mocked(ipc.listProposals).mockResolvedValue(proposals);
    vi.mocked(ipc.listComments).mockResolvedValue([]);
    await app.review.importWord();
    expect(app.view.tab).toBe('review');
    expect(app.review.selected).toBe(1);
    expect(app.review.unplaced).toHaveLength(1);
    expect(app.status.notice).toBe('back.docx: 1 proposed change and 1 comment to review.');
  });

  it('decides a proposal as one undoable change, moves to the next, and takes the decision back', async () => {
    const app = await appWithDocument();
    vi.mocked(ipc.listProposals).mockResolvedValue([proposal(1), proposal(2)]);
    vi.mocked(ipc.listComments).mockResolvedValue([]);
    await app.review.load(1);
    app.review.selected = 1;
    vi.mocked(ipc.decideProposals).mockResolvedValue(makeDocument(['Who we are', 'What we collect'], 2));
    vi.mocked(ipc.listProposals).mockResolvedValue([proposal(1, 'accepted'), proposal(2)]);
    await app.review.decide([1], 'accept');
    expect(ipc.decideProposals).toHaveBeenCalledWith(1, 1, [1], 'accept');
    expect(app.composer.doc?.revision).toBe(2);
    expect(app.composer.canUndo).toBe(true);
    expect(app.review.selected).toBe(2);
    expect(app.review.open.map((p) => p.id)).toEqual([2]);

    expect(app.review.canUndo).toBe(true);
    vi.mocked(ipc.decideProposals).mockResolvedValue(makeDocument(['Who we are', 'What we collect'], 3));
    vi.mocked(ipc.listProposals).mockResolvedValue([proposal(1), proposal(2)]);
    await app.review.undoDecision();
    expect(ipc.decideProposals).toHaveBeenLastCalledWith(1, 2, [1], null);
    expect(app.review.selected).toBe(1);
    expect(app.review.canUndo).toBe(false);
  });

  it('accepts every open proposal at once and says nothing is left', async () => {
    const app = await appWithDocument();
    vi.mocked(ipc.listProposals).mockResolvedValue([proposal(1), proposal(2, 'rejected')]);
    await app.review.load(1);
    vi.mocked(ipc.decideProposals).mockResolvedValue(makeDocument(['Who we are'], 2));
    vi.mocked(ipc.listProposals).mockResolvedValue([proposal(1, 'accepted'), proposal(2, 'rejected')]);
    await app.review.decide([], 'accept');
    expect(ipc.decideProposals).toHaveBeenCalledWith(1, 1, [1], 'accept');
    expect(app.review.open).toEqual([]);
  });

  it('decides every open change in the selected one\'s section, and no comment with them', async () => {
    const app = await appWithDocument();
    const other = { ...proposal(3), section: 'What we collect' };
    vi.mocked(ipc.listProposals).mockResolvedValue([proposal(1), proposal(2), other, proposal(4, 'open', 'comment')]);
    await app.review.load(1);
    app.review.selected = 2;
    vi.mocked(ipc.decideProposals).mockResolvedValue(makeDocument(['Who we are', 'What we collect'], 2));
    await app.review.decideSection('reject');
    expect(ipc.decideProposals).toHaveBeenCalledWith(1, 1, [1, 2], 'reject');
  });

  it('comments on selected text after saving what is typed, and lists the thread in its section', async () => {
    const app = await appWithDocument();
    const comment = {
      id: 7,
      document_id: 1,
      version: null,
      section_id: 10,
      heading: 'Who we are',
      quote: 'About',
      start: 0,
      end: 5,
      anchored: true,
      text: 'Plainer?',
      author: 'Ruth',
      created_at: '',
      parent_id: null,
      resolved: false,
    };
    vi.mocked(ipc.addComment).mockResolvedValue(comment);
    vi.mocked(ipc.listComments).mockResolvedValue([comment]);
    expect(await app.review.addComment(10, 'About', 0, 'Plainer?')).toBe(true);
    expect(ipc.addComment).toHaveBeenCalledWith(1, null, 10, 'About', 0, 'Plainer?');
    expect(app.review.threadsOn(10).map((c) => c.id)).toEqual([7]);
    expect(app.review.threadsOn(11)).toEqual([]);
    expect(await app.review.addComment(10, 'About', 0, '  ')).toBe(false);
  });
});
