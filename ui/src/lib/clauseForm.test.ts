import { describe, expect, it } from 'vitest';
import { matchVariables, parseList, undeclared } from './clauseForm';
import type { VariableDef } from '../ipc';

const v = (name: string, label: string): VariableDef => ({ name, label, help: '', type: 'text' });
const vars = [v('company_name', 'Company name'), v('contact_email', 'Contact email'), v('dpo_email', 'DPO email')];

describe('clause form helpers', () => {
  it('splits comma lists and drops blanks', () => {
    expect(parseList(' eu, uk,, us-ca ')).toEqual(['eu', 'uk', 'us-ca']);
  });

  it('completes variables by prefix first, then by name or label', () => {
    expect(matchVariables('c', vars).map((x) => x.name)).toEqual(['company_name', 'contact_email']);
    expect(matchVariables('email', vars).map((x) => x.name)).toEqual(['contact_email', 'dpo_email']);
    expect(matchVariables('', vars)).toHaveLength(3);
  });

  it('finds undeclared variables', () => {
    expect(undeclared('Hi {{company_name}} and {{ shoe_size }} {{shoe_size}}', vars)).toEqual(['shoe_size']);
  });
});
