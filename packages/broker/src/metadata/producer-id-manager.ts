import { RunnelError } from '@runnel/protocol';

export interface ProducerIdBlock {
  start: number;
  length: number;
}

/**
 * Hands out producer ids for idempotent producers from blocks the controller allocates to this
 * broker (so ids are unique cluster-wide without a controller round trip per producer). The next
 * block is requested when 90% of the current one is used, so callers rarely wait.
 */
export class ProducerIdManager {
  private current: ProducerIdBlock | null = null;
  private next = 0;
  private prefetched: ProducerIdBlock | null = null;
  private fetching: Promise<void> | null = null;

  constructor(private readonly allocate: () => Promise<ProducerIdBlock>) {}

  async nextId(): Promise<number> {
    for (let attempt = 0; attempt < 3; attempt++) {
      if (this.current && this.next < this.current.start + this.current.length) {
        const id = this.next++;
        if (!this.prefetched && this.next - this.current.start >= this.current.length * 0.9) void this.fetch().catch(() => undefined);
        return id;
      }
      if (this.prefetched) {
        this.current = this.prefetched;
        this.next = this.prefetched.start;
        this.prefetched = null;
        continue;
      }
      await this.fetch();
    }
    throw new RunnelError('COORDINATOR_NOT_AVAILABLE', 'could not obtain a producer id block from the controller; retry');
  }

  private fetch(): Promise<void> {
    this.fetching ??= this.allocate().then(
      (block) => {
        if (block.length <= 0) throw new RunnelError('UNKNOWN_SERVER_ERROR', 'the controller allocated an empty producer id block');
        this.prefetched = block;
        this.fetching = null;
      },
      (err: unknown) => {
        this.fetching = null;
        throw err;
      },
    );
    return this.fetching;
  }
}
