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

/** Every word of the query must appear in the clause's title, heading, tags or id. */
export function filterClauses(clauses: Clause[], query: string): Clause[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return clauses;
  return clauses.filter((c) => {
    const hay = [c.title, c.heading, c.id, ...c.tags].join(' ').toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}

export const JURISDICTION_LABELS: Record<string, string> = {
  global: 'Global',
  eu: 'EU',
  uk: 'UK',
  'us-ca': 'California',
  us: 'US states',
};
