import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import type { BackupInfo } from '../ipc';

const listed: BackupInfo[] = [
  {
    id: '2026-12-01-161026-manual',
    created_at: '2026-12-01T16:10:26Z',
    reason: 'manual',
    path: '/w/backups/w-2026-12-01-161026-manual.sqlite3',
    size_bytes: 2 * 1024 * 1024,
    documents: 3,
    versions: 1,
    problem: null,
  },
  {
    id: '2026-11-30-080000-daily',
    created_at: '2026-11-30T08:00:00Z',
    reason: 'daily',
    path: '/w/backups/w-2026-11-30-080000-daily.sqlite3',
    size_bytes: 900,
    documents: null,
    versions: null,
    problem: 'cannot be read: file is not a database',
  },
];
const saved: BackupInfo = { ...listed[0], id: '2026-12-01-170000-before-restore', reason: 'before-restore' };

const invoke = vi.fn(async (command: string, args?: Record<string, unknown>) => {
  if (command === 'list_backups') return listed;
  if (command === 'restore_backup') {
    if (args?.id !== listed[0].id) throw { kind: 'not_found', message: 'no such backup' };
    return saved;
  }
  throw { kind: 'backup', message: `unexpected ${command}` };
});
vi.mock('@tauri-apps/api/core', () => ({ invoke: (c: string, a?: Record<string, unknown>) => invoke(c, a) }));

import BackupsDialog from './BackupsDialog.svelte';

afterEach(cleanup);

describe('BackupsDialog', () => {
  it('lists each backup and restores one only after a confirmation, flushing first', async () => {
    const order: string[] = [];
    const onRestored = vi.fn(() => order.push('restored'));
    const beforeRestore = vi.fn(async () => {
      order.push('flushed');
    });
    render(BackupsDialog, { onClose: () => {}, onRestored, beforeRestore });

    const rows = await screen.findAllByTestId('backup-row');
    expect(rows).toHaveLength(2);
    expect(rows[0].textContent).toContain('Made by you');
    expect(rows[0].textContent).toContain('2.0 MB');
    expect(rows[0].textContent).toContain('3 documents, 1 version');
    expect(rows[1].textContent).toContain('file is not a database');
    const buttons = screen.getAllByTestId('backup-restore') as HTMLButtonElement[];
    expect(buttons[1].disabled).toBe(true);

    await fireEvent.click(buttons[0]);
    expect(invoke).not.toHaveBeenCalledWith('restore_backup', expect.anything());
    expect(screen.getByTestId('backup-confirm-panel').textContent).toContain('current state is backed up first');
    await fireEvent.click(screen.getByTestId('backup-confirm'));
    await screen.findByTestId('backups-status');
    expect(invoke).toHaveBeenCalledWith('restore_backup', { id: listed[0].id });
    expect(onRestored).toHaveBeenCalledWith(saved);
    expect(order).toEqual(['flushed', 'restored']);
  });

  it('shows a failed backup as an error', async () => {
    render(BackupsDialog, { onClose: () => {}, onRestored: () => {} });
    await screen.findAllByTestId('backup-row');
    await fireEvent.click(screen.getByTestId('backup-create'));
    expect((await screen.findByTestId('backups-error')).textContent).toContain('unexpected create_backup');
  });
});
