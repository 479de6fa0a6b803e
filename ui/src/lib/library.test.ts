import { describe, expect, it } from 'vitest';
import { groupByTopic } from './library';
import type { Clause, Topic } from '../ipc';

function clause(id: string, topic: string, title: string, tags: string[] = []): Clause {
  return {
    id,
    source: 'builtin',
    topic,
    title,
    heading: title,
    jurisdictions: ['global'],
    tags,
    satisfies: [],
    variant_group: null,
    guidance: '',
    body: '',
    revision: 1,
  };
}

const topics: Topic[] = [
  { id: 'who-we-are', title: 'Who we are' },
  { id: 'retention', title: 'Retention' },
  { id: 'children', title: 'Children' },
];
const clauses = [
  clause('retention.table', 'retention', 'Retention as a table', ['periods']),
  clause('who-we-are.controller', 'who-we-are', 'The controller'),
  clause('retention.criteria', 'retention', 'Retention by criteria'),
];

describe('groupByTopic', () => {
  it('keeps topic order and leaves out empty topics', () => {
    const groups = groupByTopic(topics, clauses);
    expect(groups.map((g) => g.topic.id)).toEqual(['who-we-are', 'retention']);
    expect(groups[1].clauses.map((c) => c.id)).toEqual(['retention.table', 'retention.criteria']);
  });
});
