import type { Clause, Topic } from '../ipc';

export interface TopicGroup {
  topic: Topic;
  clauses: Clause[];
}

/** Clauses grouped under their topics, in topic order; topics with no match are left out. */
export function groupByTopic(topics: Topic[], clauses: Clause[]): TopicGroup[] {
  const byTopic = new Map<string, Clause[]>();
  for (const c of clauses) {
    const list = byTopic.get(c.topic) ?? [];
    list.push(c);
    byTopic.set(c.topic, list);
  }
  return topics
    .map((topic) => ({ topic, clauses: byTopic.get(topic.id) ?? [] }))
    .filter((g) => g.clauses.length > 0);
}

export const JURISDICTION_LABELS: Record<string, string> = {
  global: 'Global',
  eu: 'EU',
  uk: 'UK',
  'us-ca': 'California',
  us: 'US states',
};
