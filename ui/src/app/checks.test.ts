import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ipc } from '../ipc';
import type { Report } from '../ipc';
import { appWithDocument } from '../test/app';
import { makeDocument } from '../test/ipc';

vi.mock('../ipc', () => import('../test/ipc').then((m) => m.mockIpc()));

beforeEach(() => {
  vi.resetAllMocks();
  vi.useFakeTimers();
});
afterEach(() => vi.useRealTimers());

const report = (missing: string[], errors = 0): Report => ({
  jurisdictions: [{ id: 'eu', reason: 'serves people in the EU/EEA' }],
  requirements: missing.map((id) => ({ id, jurisdiction: 'eu', summary: id, citation: 'GDPR', status: 'missing', evidence: [], fix: [`x.${id}`], note: null })),
  findings: Array.from({ length: errors }, () => ({ severity: 'error' as const, rule: 'r', at: null, message: 'm', fix: '' })),
  disclaimer: 'An aid, not legal advice.',
});

function withOrigins() {
  const doc = makeDocument(['Who we are', 'Retention', 'Contact']);
  const origin = (clause_id: string) => ({ clause_id, clause_revision: 1, latest_revision: 1, edited: false });
  doc.sections[0].origin = origin('who-we-are.controller');
  doc.sections[1].origin = origin('retention.periods-table');
  doc.sections[2].origin = origin('contact.contact-us');
  return doc;
}

describe('the checks flow', () => {
  it('checks a moment after the saved draft stops changing, and counts what needs attention', async () => {
    const app = await appWithDocument(makeDocument());
    vi.mocked(ipc.checkDocument).mockResolvedValue(report(['gdpr.dpo', 'gdpr.complaint'], 1));
    app.checks.follow(1, 1);
    app.checks.follow(1, 2);
    app.checks.follow(1, 2); // the same revision again asks nothing more
    expect(ipc.checkDocument).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1000);
    expect(ipc.checkDocument).toHaveBeenCalledTimes(1);
    expect(app.checks.problems).toBe(3);
  });

  it('keeps only the newest answer when an earlier check comes back late', async () => {
    const app = await appWithDocument(makeDocument());
    let first!: (r: Report) => void;
    vi.mocked(ipc.checkDocument)
      .mockReturnValueOnce(new Promise((res) => (first = res)))
      .mockResolvedValueOnce(report([]));
    const older = app.checks.run(1);
    await app.checks.run(1);
    first(report(['gdpr.dpo']));
    await older;
    expect(app.checks.problems).toBe(0);
  });

  it('adds a missing clause after the sections of its topic, or before the closing contact section', async () => {
    const app = await appWithDocument(withOrigins());
    expect(app.checks.placeFor('retention.criteria')).toBe(2);
    expect(app.checks.placeFor('eu-uk-rights.rights-list')).toBe(2);
    expect(app.checks.placeFor('who-we-are.dpo')).toBe(1);
  });

  it('jumps to the section a finding is in', async () => {
    const app = await appWithDocument(withOrigins());
    app.view.tab = 'checks';
    app.checks.jump(11);
    expect(app.view.selected).toBe(1);
    expect(app.view.tab).toBe('sections');
  });
});
