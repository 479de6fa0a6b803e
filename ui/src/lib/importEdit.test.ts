import { describe, expect, it } from 'vitest';
import { mergeWithPrevious, paragraphs, splitAt } from './importEdit';
import type { ImportedSection } from '../ipc';

const s = (heading: string, body: string): ImportedSection => ({ heading, body, topic: null, confidence: 0 });
const words = (xs: ImportedSection[]) =>
  xs.flatMap((x) => `${x.heading} ${x.body}`.split(/[^\p{L}\p{N}]+/u).filter((w) => w !== ''));

describe('adjusting an import', () => {
  const sections = [s('Preamble', 'Privacy Policy'), s('Data', 'We collect email.\n\n**Retention**\n\nWe keep it 30 days.'), s('Contact', 'Write to us.')];

  it('merges a section into the one before, keeping its heading as a sub-heading', () => {
    const merged = mergeWithPrevious(sections, 2);
    expect(merged.map((x) => x.heading)).toEqual(['Preamble', 'Data']);
    expect(merged[1].body).toContain('### Contact\n\nWrite to us.');
    expect(words(merged)).toEqual(words(sections));
    expect(mergeWithPrevious(sections, 0)).toBe(sections);
  });

  it('splits before a paragraph, taking a bold line as the new heading', () => {
    const split = splitAt(sections, 1, 1);
    expect(split.map((x) => x.heading)).toEqual(['Preamble', 'Data', 'Retention', 'Contact']);
    expect(split[1].body).toBe('We collect email.');
    expect(split[2].body).toBe('We keep it 30 days.');
    expect(words(split)).toEqual(words(sections));
  });

  it('names a split without a heading line "New section" and keeps every word', () => {
    const split = splitAt(sections, 1, 2);
    expect(split[2].heading).toBe('New section');
    expect(split[2].body).toBe('We keep it 30 days.');
    expect(paragraphs(split[1].body)).toHaveLength(2);
    expect(splitAt(sections, 1, 0)).toBe(sections);
  });
});
