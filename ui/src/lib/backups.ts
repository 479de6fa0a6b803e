// Wording for the backups dialog, kept apart from the component so it can be tested.
import type { BackupInfo, BackupReason } from '../ipc';

const reasons: Record<BackupReason, string> = {
  daily: 'Daily',
  manual: 'Made by you',
  'before-restore': 'Before a restore',
  'before-migration': 'Before an upgrade',
};

export function reasonLabel(reason: BackupReason): string {
  return reasons[reason] ?? reason;
}

/** 812 B, 14 KB, 3.2 MB. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** The backup's moment in the user's own time zone. */
export function formatWhen(createdAt: string): string {
  const d = new Date(createdAt);
  return Number.isNaN(d.getTime()) ? createdAt : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** "3 documents, 1 version", or why the copy cannot be read. */
export function contents(b: BackupInfo): string {
  if (b.documents === null || b.versions === null) return b.problem ?? 'cannot be read';
  const n = (count: number, one: string) => `${count} ${one}${count === 1 ? '' : 's'}`;
  return `${n(b.documents, 'document')}, ${n(b.versions, 'version')}`;
}
