import { RunnelError } from '@runnel/protocol';

/**
 * What a group member subscribes to: a fixed list of topics, or a pattern matched against the
 * cluster's topic names (internal topics excluded), re-evaluated as topics come and go.
 */
export class Subscription {
  private topics: string[] = [];

  constructor(readonly pattern: RegExp | null, topics: readonly string[] = []) {
    if (pattern === null) this.topics = normalise(topics);
  }

  static of(topics: readonly string[] | RegExp): Subscription {
    if (topics instanceof RegExp) return new Subscription(topics);
    if (!Array.isArray(topics)) throw new RunnelError('INVALID_REQUEST', 'subscribe() takes a list of topic names or a RegExp');
    for (const t of topics) {
      if (typeof t !== 'string' || t.trim().length === 0) throw new RunnelError('INVALID_TOPIC_EXCEPTION', `cannot subscribe to topic ${JSON.stringify(t)}: topic names are non-empty strings`);
    }
    return new Subscription(null, topics);
  }

  /** The topics subscribed to now (for a pattern: the matching topics last seen). */
  current(): string[] {
    return this.topics;
  }

  /** For a pattern: match the cluster's topic names; true when the matching set changed. */
  matchTopics(names: Iterable<string>): boolean {
    if (!this.pattern) return false;
    const pattern = new RegExp(this.pattern.source, this.pattern.flags.replace(/[gy]/g, ''));
    const next = normalise([...names].filter((n) => pattern.test(n)));
    const changed = next.length !== this.topics.length || next.some((t, i) => t !== this.topics[i]);
    this.topics = next;
    return changed;
  }

  /** The same topic list, or the same pattern. */
  same(other: Subscription): boolean {
    if (this.pattern || other.pattern) return String(this.pattern) === String(other.pattern);
    return this.topics.length === other.topics.length && this.topics.every((t, i) => t === other.topics[i]);
  }

  describe(): string {
    return this.pattern ? `pattern ${String(this.pattern)}` : `topics ${this.topics.join(', ')}`;
  }
}

function normalise(topics: readonly string[]): string[] {
  return [...new Set(topics)].sort();
}
