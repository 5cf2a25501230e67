import type { ConfigDef } from './config-def.js';

/** Levenshtein distance: the fewest single-character inserts, deletes and substitutions. */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row.push(Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost));
    }
    prev = row;
  }
  return prev[b.length]!;
}

/**
 * The known key a user most likely meant by `unknown`: the broker key whose topic-level name they
 * wrote (retention.ms or log.segment.index.bytes -> the log.* key), else the nearest name by edit
 * distance if it is close enough to be a typo (at most a third of the name, and at least 2).
 */
export function suggestKey(unknown: string, defs: readonly ConfigDef[]): string | undefined {
  const topicName = unknown.startsWith('log.') ? unknown.slice(4) : unknown;
  const byTopic = defs.find((d) => d.topicConfig === unknown || d.topicConfig === topicName);
  if (byTopic) return byTopic.name;
  let best: { name: string; distance: number } | undefined;
  for (const def of defs) {
    const distance = editDistance(unknown, def.name);
    if (!best || distance < best.distance) best = { name: def.name, distance };
  }
  if (!best || best.distance > Math.max(2, Math.floor(unknown.length / 3))) return undefined;
  return best.name;
}
