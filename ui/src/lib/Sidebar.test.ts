import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ipc } from '../ipc';
import type { Clause } from '../ipc';
import Sidebar from './Sidebar.svelte';

vi.mock('../ipc', () => import('../test/ipc').then((m) => m.mockIpc()));

beforeEach(() => vi.resetAllMocks());
afterEach(() => cleanup());

describe('the clause trash', () => {
  it('restoring a clause reloads the library through the shell and names the clause', async () => {
    const clause = { id: 'my.retention', title: 'Our retention' } as Clause;
    vi.mocked(ipc.listTrash).mockResolvedValue([{ clause, deleted_at: '2026-11-30T10:00:00Z' }]);
    const onClauseRestored = vi.fn();
    const noop = vi.fn();
    render(Sidebar, {
      documents: [],
      topics: [],
      clauses: [],
      openDocumentId: null,
      openClauseId: null,
      onOpenDocument: noop,
      onOpenClause: noop,
      onNewClause: noop,
      onNewDocument: noop,
      onImport: noop,
      onDocumentsChanged: noop,
      onError: noop,
      onClauseRestored,
    });
    await fireEvent.click(screen.getByTestId('open-trash'));
    await fireEvent.click(await screen.findByText('Restore'));
    await waitFor(() => expect(onClauseRestored).toHaveBeenCalledWith('my.retention', 'Restored “Our retention” from the trash.'));
    expect(ipc.restoreClause).toHaveBeenCalledWith('my.retention');
  });
});
