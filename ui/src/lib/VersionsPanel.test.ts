import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ipc } from '../ipc';
import { appWithDocument } from '../test/app';
import VersionsPanel from './VersionsPanel.svelte';

vi.mock('../ipc', () => import('../test/ipc').then((m) => m.mockIpc()));

const summary = (number: number, label: string) => ({ number, label, note: '', author: 'Dana', created_at: '2026-02-01T10:00', summary: '1 section changed' });

beforeEach(() => vi.resetAllMocks());
afterEach(() => cleanup());

describe('the versions tab', () => {
  it('lists the open document’s versions and follows a version saved elsewhere', async () => {
    const app = await appWithDocument();
    vi.mocked(ipc.listVersions).mockResolvedValue([summary(1, 'Sent to counsel')]);
    const onCompare = vi.fn();
    render(VersionsPanel, { doc: app.composer.doc!, readOnly: false, versions: app.versions, onSave: vi.fn(), onCompare, onCompareFile: vi.fn(), onRestore: vi.fn() });
    await waitFor(() => expect(screen.getByTestId('version-1').textContent).toContain('Sent to counsel'));
    expect(ipc.listVersions).toHaveBeenCalledWith(1);

    vi.mocked(ipc.saveVersion).mockResolvedValue({ ...app.composer.doc!, document_id: 1, number: 2, label: 'Counsel’s edits', note: '', author: 'Dana' });
    vi.mocked(ipc.listVersions).mockResolvedValue([summary(2, 'Counsel’s edits'), summary(1, 'Sent to counsel')]);
    await app.versions.save('Counsel’s edits', '', null); // as from the top bar's Save version
    await waitFor(() => expect(screen.getByTestId('version-2').textContent).toContain('Counsel’s edits'));

    await fireEvent.click(screen.getByTestId('compare-draft-1'));
    expect(onCompare).toHaveBeenCalledWith(1, 'draft');
  });
});
