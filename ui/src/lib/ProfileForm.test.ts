import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Document, VariableDef } from '../ipc';
import ProfileForm from './ProfileForm.svelte';

afterEach(() => cleanup());

const variables: VariableDef[] = [
  { name: 'serves_eea', label: 'Serves people in the EU/EEA', help: 'Yes if…', type: 'flag' },
  { name: 'established_in', label: 'Where the company is established', help: 'Where…', type: 'choice', choices: ['eu', 'uk', 'us', 'other'] },
];

function doc(profile: Document['profile']): Document {
  return { id: 1, title: 'Policy', revision: 1, profile, sections: [], created_at: '', updated_at: '' };
}

describe('applicability facts', () => {
  it('a flag is a checkbox that saves yes or no', async () => {
    const onSet = vi.fn().mockResolvedValue(null);
    render(ProfileForm, { doc: doc({ serves_eea: 'no' }), variables, readOnly: false, onSet, focusField: null });
    await fireEvent.click(screen.getByText('Show all 2 facts'));
    const box = screen.getByTestId('field-serves_eea') as HTMLInputElement;
    expect(box.type).toBe('checkbox');
    expect(box.checked).toBe(false);
    await fireEvent.click(box);
    await waitFor(() => expect(onSet).toHaveBeenCalledWith('serves_eea', 'yes'));
  });

  it('a choice is a select of its options', async () => {
    const onSet = vi.fn().mockResolvedValue(null);
    render(ProfileForm, { doc: doc({ established_in: 'uk' }), variables, readOnly: false, onSet, focusField: null });
    await fireEvent.click(screen.getByText('Show all 2 facts'));
    const select = document.getElementById('field-established_in') as HTMLSelectElement;
    expect([...select.options].map((o) => o.value)).toEqual(['', 'eu', 'uk', 'us', 'other']);
    expect(select.value).toBe('uk');
    await fireEvent.change(select, { target: { value: 'us' } });
    await waitFor(() => expect(onSet).toHaveBeenCalledWith('established_in', 'us'));
  });
});
