import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Report } from '../ipc';
import ChecksPanel from './ChecksPanel.svelte';

afterEach(() => cleanup());

const report: Report = {
  jurisdictions: [{ id: 'eu', reason: 'serves people in the EU/EEA (serves_eea = yes)' }],
  requirements: [
    { id: 'gdpr.complaint', jurisdiction: 'eu', summary: 'The right to complain to a supervisory authority', citation: 'GDPR Art. 13(2)(d)', status: 'missing', evidence: [], fix: ['contact.complaints'], note: null },
    {
      id: 'gdpr.retention',
      jurisdiction: 'eu',
      summary: 'How long data is kept',
      citation: 'GDPR Art. 13(2)(a)',
      status: 'present',
      evidence: [{ section_id: 11, section: 'Retention', quote: 'We keep logs for 30 days.', start: 0, end: 25, by: 'rule:retention' }],
      fix: [],
      note: null,
    },
  ],
  findings: [{ severity: 'error', rule: 'sale-share-contradiction', at: { section_id: 12, section: 'Cookies', quote: 'We do not sell.', start: 0, end: 15, by: 'rule:x' }, message: 'Says it does not sell or share, but uses advertising cookies.', fix: 'Use the opt-out clause.' }],
  disclaimer: 'This check is an aid, not legal advice.',
};

describe('the Checks tab', () => {
  it('says it is an aid, groups by jurisdiction, and adds or jumps on a click', async () => {
    const onAdd = vi.fn();
    const onJump = vi.fn();
    render(ChecksPanel, { report, running: false, error: null, clauses: [], readOnly: false, onAdd, onJump });
    expect(screen.getByTestId('checks-panel').textContent).toContain('not legal advice');
    expect(screen.getByTestId('check-jurisdiction').textContent).toContain('EU and EEA (GDPR)');
    expect(screen.getByTestId('check-jurisdiction').textContent).toContain('1 missing');
    await fireEvent.click(screen.getByTestId('check-add'));
    expect(onAdd).toHaveBeenCalledWith('contact.complaints');
    expect(screen.getByTestId('check-finding').textContent).toContain('advertising cookies');
    await fireEvent.click(screen.getByText(/We do not sell/));
    expect(onJump).toHaveBeenCalledWith(12, 'We do not sell.');
  });

  it('offers no Add in a read-only workspace', () => {
    render(ChecksPanel, { report, running: false, error: null, clauses: [], readOnly: true, onAdd: vi.fn(), onJump: vi.fn() });
    expect(screen.queryByTestId('check-add')).toBeNull();
  });
});
