import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Section, VariantAdvice } from '../ipc';
import SectionEditor from './SectionEditor.svelte';

afterEach(() => cleanup());

const section: Section = {
  id: 14,
  heading: 'Training AI models',
  body: 'We do not train models on what you write.',
  origin: { clause_id: 'ai-training.we-do-not-train', clause_revision: 1, edited: false, latest_revision: 1 },
};
const advice: VariantAdvice = {
  section_id: 14,
  clause_id: 'ai-training.we-do-not-train',
  fact: 'trains_on_user_content',
  fact_label: 'Trains models on user content',
  value: 'opt-out',
  variant_id: 'ai-training.opt-out',
  variant_title: 'Training unless you opt out',
};

function show(props: Partial<{ advice: VariantAdvice | null; readOnly: boolean }> = {}) {
  const onUseVariant = vi.fn();
  const onViewClause = vi.fn();
  render(SectionEditor, { section, number: '4.2', variables: [], readOnly: false, onEdit: vi.fn(), onTakeUpdate: vi.fn(), onViewClause, advice, onUseVariant, ...props });
  return { onUseVariant, onViewClause };
}

describe('the section editor', () => {
  it('says when the facts call for another variant, and takes it or shows it on a click', async () => {
    const { onUseVariant, onViewClause } = show();
    const note = screen.getByTestId('variant-advice').textContent ?? '';
    expect(note).toContain('Trains models on user content');
    expect(note).toContain('opt-out');
    await fireEvent.click(screen.getByText('View “Training unless you opt out”'));
    expect(onViewClause).toHaveBeenCalledWith('ai-training.opt-out');
    await fireEvent.click(screen.getByTestId('use-variant'));
    expect(onUseVariant).toHaveBeenCalledWith('ai-training.opt-out');
  });

  it('says nothing when the facts agree, or when the workspace is read-only', () => {
    show({ advice: null });
    expect(screen.queryByTestId('variant-advice')).toBeNull();
    cleanup();
    show({ readOnly: true });
    expect(screen.queryByTestId('variant-advice')).toBeNull();
  });
});
