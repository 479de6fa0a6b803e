import { describe, expect, it, vi } from 'vitest';

vi.mock('@tauri-apps/api/core', () => ({
  invoke: vi.fn(async (command: string) => {
    if (command === 'get_document') throw { kind: 'not_found', message: 'no document with id 9' };
    if (command === 'list_topics') throw 'the IPC bridge is gone';
    return [];
  }),
}));

import { AppError, ipc, toAppError } from './index';

describe('ipc errors', () => {
  it('turns a core error into an AppError with its kind and message', async () => {
    await expect(ipc.getDocument(9)).rejects.toMatchObject({ kind: 'not_found', message: 'no document with id 9' });
  });

  it('reports a failure of the bridge itself as kind ipc, never as a bare string', async () => {
    const err = await ipc.listTopics().catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err.kind).toBe('ipc');
    expect(err.message).toBe('the IPC bridge is gone');
  });

  it('keeps an AppError as it is', () => {
    const e = new AppError('stale', 'changed');
    expect(toAppError(e)).toBe(e);
  });
});
