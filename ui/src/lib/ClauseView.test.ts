import { cleanup, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ipc } from '../ipc';
import type { Clause } from '../ipc';
import ClauseView from './ClauseView.svelte';

vi.mock('../ipc', () => import('../test/ipc').then((m) => m.mockIpc()));

const clause = (revision: number, title: string): Clause => ({
  id: 'own.retention',
  source: 'user',
  topic: 'retention',
  title,
  heading: 'How long we keep data',
  jurisdictions: ['global'],
  tags: [],
  satisfies: [],
  variant_group: null,
  guidance: '',
  body: 'We keep it.',
  revision,
});

beforeEach(() => vi.resetAllMocks());
afterEach(() => cleanup());

describe('the clause view', () => {
  it('shows the clause again, newly read, when the library list is reloaded after a change', async () => {
    vi.mocked(ipc.getClause).mockResolvedValue(clause(1, 'Retention'));
    vi.mocked(ipc.clausePreview).mockResolvedValue({ html: '<p>We keep it.</p>', unfilled: [] });
    vi.mocked(ipc.clauseRevisions).mockResolvedValue([{ revision: 1, title: 'Retention', created_at: '2026-01-01' }]);
    const props = { id: 'own.retention', clauses: [clause(1, 'Retention')], topics: [], requirements: [], variables: [], onClose: vi.fn(), onOpen: vi.fn(), onLibraryChanged: vi.fn() };
    const view = render(ClauseView, props);
    await waitFor(() => expect(screen.getByTestId('clause-title').textContent).toBe('Retention'));

    vi.mocked(ipc.getClause).mockResolvedValue(clause(2, 'Retention, reviewed'));
    vi.mocked(ipc.clauseRevisions).mockResolvedValue([
      { revision: 2, title: 'Retention, reviewed', created_at: '2026-01-02' },
      { revision: 1, title: 'Retention', created_at: '2026-01-01' },
    ]);
    await view.rerender({ ...props, clauses: [clause(2, 'Retention, reviewed')] });
    await waitFor(() => expect(screen.getByTestId('clause-title').textContent).toBe('Retention, reviewed'));
    expect(screen.getByTestId('clause-revisions').textContent).toContain('Revision 2');
  });
});
