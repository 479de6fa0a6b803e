import type { Section } from '../ipc';

/** A section's place in the policy: its number ("2", "2.1") and whether it heads a part. */
export type Place = { number: string; level: 1 | 2; part: boolean };

/** A template makes a part heading per `[[part]]`: no text and no clause. A user's blank section acts as one until it has text. */
export function isPart(s: Section): boolean {
  return s.body.trim() === '' && s.origin === null;
}

/**
 * Numbers sections as the preview and every export do (the core's `render::outline`): top-level
 * sections and part headings 1, 2, 3; the sections after a part heading 2.1, 2.2 until the next.
 */
export function outline(sections: Section[]): Place[] {
  let top = 0;
  let sub = 0;
  let inPart = false;
  return sections.map((s) => {
    if (isPart(s)) {
      top += 1;
      sub = 0;
      inPart = true;
      return { number: `${top}`, level: 1, part: true };
    }
    if (inPart) {
      sub += 1;
      return { number: `${top}.${sub}`, level: 2, part: false };
    }
    top += 1;
    return { number: `${top}`, level: 1, part: false };
  });
}
