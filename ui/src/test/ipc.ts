// For tests: `../ipc` with every call a mock that resolves to null until a test says otherwise.
// Use it as `vi.mock('../ipc', () => import('../test/ipc').then((m) => m.mockIpc()))`, then
// set answers with `vi.mocked(ipc.getDocument).mockResolvedValue(…)`. The errors stay real.
import { vi } from 'vitest';
import type { Mock } from 'vitest';
import type { Document } from '../ipc';

export async function mockIpc() {
  const actual = await vi.importActual<typeof import('../ipc')>('../ipc');
  const calls = new Map<string | symbol, Mock>();
  const ipc = new Proxy({} as typeof actual.ipc, {
    get(_, name) {
      if (!calls.has(name)) calls.set(name, vi.fn(async () => null));
      return calls.get(name);
    },
  });
  return { ...actual, ipc };
}

/** A small document: one section per heading, each with a line of text. */
export function makeDocument(headings: string[] = ['Who we are', 'What we collect'], revision = 1): Document {
  return {
    id: 1,
    title: 'Privacy Policy',
    revision,
    profile: {},
    sections: headings.map((heading, i) => ({ id: 10 + i, heading, body: `About ${heading.toLowerCase()}.`, origin: null })),
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
  };
}

/** A promise and the functions that settle it, to hold a call in flight. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}
