import { describe, expect, it } from 'vitest';
import type { Section } from '../ipc';
import { outline } from './outline';

const section = (id: number, body: string, fromLibrary = true): Section => ({
  id,
  heading: `S${id}`,
  body,
  origin: fromLibrary ? { clause_id: 'x.y', clause_revision: 1, latest_revision: 1, edited: false } : null,
});

describe('section numbers', () => {
  it('number the sections beneath a part heading 2.1, 2.2, as the preview does', () => {
    const sections = [section(1, 'Effective.'), section(2, '', false), section(3, 'A.'), section(4, 'B.'), section(5, '', false), section(6, 'C.')];
    expect(outline(sections).map((p) => p.number)).toEqual(['1', '2', '2.1', '2.2', '3', '3.1']);
    expect(outline(sections).map((p) => p.part)).toEqual([false, true, false, false, true, false]);
  });

  it('number a document without parts flat', () => {
    expect(outline([section(1, 'A.'), section(2, 'B.', false)]).map((p) => p.number)).toEqual(['1', '2']);
  });
});
