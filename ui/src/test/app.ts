// For flow tests (with `../ipc` mocked, see ./ipc.ts): the app with a document open.
import { vi } from 'vitest';
import { ipc } from '../ipc';
import type { Document } from '../ipc';
import { createApp } from '../app/app.svelte';
import { makeDocument } from './ipc';

export async function appWithDocument(doc: Document = makeDocument()) {
  vi.mocked(ipc.getDocument).mockResolvedValue(doc);
  const app = createApp();
  await app.documents.open(doc.id);
  return app;
}
