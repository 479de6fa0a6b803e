import { describe, expect, it } from 'vitest';
import { markFound, searchable } from './found';

describe('a quoted sentence in the preview', () => {
  it('is looked for by its longest stretch of plain words', () => {
    expect(searchable('**Last updated:** {{effective_date}}')).toBe('Last updated:');
    expect(searchable('You can complain to [your authority](https://x.example) at any time.')).toBe('You can complain to your authority at any time.');
  });

  it('is found across elements and spacing, and marked', () => {
    const root = document.createElement('section');
    root.innerHTML = '<p>We keep   logs for <strong>30 days</strong>, then\ndelete them.</p>';
    document.body.append(root);
    const el = markFound(root, 'We keep logs for **30 days**, then delete them.');
    expect(el).not.toBeNull();
    expect(window.getSelection()?.toString().replace(/\s+/g, ' ')).toContain('30 days');
    expect(markFound(root, 'Nothing like this is there.')).toBeNull();
  });
});
