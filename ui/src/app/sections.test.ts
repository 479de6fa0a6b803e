import { beforeEach, describe, expect, it, vi } from 'vitest';
import { AppError, ipc } from '../ipc';
import { appWithDocument } from '../test/app';
import { makeDocument } from '../test/ipc';

vi.mock('../ipc', () => import('../test/ipc').then((m) => m.mockIpc()));

beforeEach(() => vi.resetAllMocks());

describe('the sections flow', () => {
  it('adds a clause after the selected section and selects it', async () => {
    const app = await appWithDocument(makeDocument(['A', 'B', 'C']));
    app.view.selected = 0;
    app.dialogs.open('palette');
    expect(app.sections.insertAt).toBe(1);
    vi.mocked(ipc.addSection).mockResolvedValue(makeDocument(['A', 'Agents', 'B', 'C'], 2));
    await app.sections.addClause('rights.authorized-agent', app.sections.insertAt);
    expect(ipc.addSection).toHaveBeenCalledWith(1, 1, 'rights.authorized-agent', 1);
    expect(app.dialogs.isOpen('palette')).toBe(false);
    expect(app.view.selected).toBe(1);
  });

  it('adds at the end when nothing is selected', async () => {
    const app = await appWithDocument(makeDocument(['A', 'B']));
    app.view.selected = null;
    expect(app.sections.insertAt).toBe(2);
  });

  it('keeps the moved section selected', async () => {
    const app = await appWithDocument(makeDocument(['A', 'B', 'C']));
    vi.mocked(ipc.moveSection).mockResolvedValue(makeDocument(['A', 'C', 'B'], 2));
    await app.sections.move(11, 2);
    expect(app.view.selected).toBe(2);
  });

  it('after removing the last section selects the one before it, and says how to bring it back', async () => {
    const app = await appWithDocument(makeDocument(['A', 'B']));
    vi.mocked(ipc.removeSection).mockResolvedValue(makeDocument(['A'], 2));
    await app.sections.remove(11);
    expect(app.view.selected).toBe(0);
    expect(app.status.notice).toBe('Removed the section. Ctrl+Z brings it back.');
  });

  it('shows a refused fact at its field, not as a failed save', async () => {
    const app = await appWithDocument();
    vi.mocked(ipc.setProfileValue).mockRejectedValue(new AppError('invalid', '“not an email” is not an email address'));
    expect(await app.sections.setFact('privacy_email', 'not an email')).toBe('“not an email” is not an email address');
    expect(app.composer.error).toBeNull();
    expect(app.composer.status).toBe('saved');
  });
});
