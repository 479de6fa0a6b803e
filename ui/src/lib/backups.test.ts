import { describe, expect, it } from 'vitest';
import { contents, formatSize, reasonLabel } from './backups';
import type { BackupInfo } from '../ipc';

const backup = (over: Partial<BackupInfo>): BackupInfo => ({
  id: '2026-12-01-161026-manual',
  created_at: '2026-12-01T16:10:26Z',
  reason: 'manual',
  path: '/tmp/backups/w-2026-12-01-161026-manual.sqlite3',
  size_bytes: 4096,
  documents: 1,
  versions: 0,
  problem: null,
  ...over,
});

describe('backup wording', () => {
  it('sizes in B, KB and MB', () => {
    expect(formatSize(812)).toBe('812 B');
    expect(formatSize(14 * 1024)).toBe('14 KB');
    expect(formatSize(3.2 * 1024 * 1024)).toBe('3.2 MB');
  });

  it('names every reason in words', () => {
    expect(reasonLabel('daily')).toBe('Daily');
    expect(reasonLabel('before-restore')).toBe('Before a restore');
    expect(reasonLabel('before-migration')).toBe('Before an upgrade');
  });

  it('counts what a copy holds, or says why it cannot be read', () => {
    expect(contents(backup({ documents: 3, versions: 1 }))).toBe('3 documents, 1 version');
    expect(contents(backup({ documents: null, versions: null, problem: 'cannot be read: file is not a database' }))).toBe(
      'cannot be read: file is not a database',
    );
  });
});
