import type { Socket } from 'node:net';

/**
 * max.connections.per.ip: open connections allowed from one client address, counted across every
 * listener that shares this object (a node shares one). A connection over the limit is closed as
 * soon as it is accepted, before any TLS or HTTP/2 work is spent on it, as Kafka does.
 */
export class ConnectionLimit {
  private readonly open = new Map<string, number>();
  /** Addresses refused since they last had room, so a flood is reported once, not per connection. */
  private readonly refusing = new Set<string>();

  constructor(
    readonly maxPerAddress: number,
    /** Called when an address first goes over the limit. */
    private readonly onLimitReached: (address: string, max: number) => void = () => {},
  ) {}

  /** Count `socket` against its address; false (and nothing counted) when the address is at the limit. */
  admit(socket: Socket): boolean {
    const address = socket.remoteAddress ?? 'unknown';
    const count = this.open.get(address) ?? 0;
    if (count >= this.maxPerAddress) {
      if (!this.refusing.has(address)) {
        this.refusing.add(address);
        this.onLimitReached(address, this.maxPerAddress);
      }
      return false;
    }
    this.open.set(address, count + 1);
    socket.once('close', () => {
      const left = (this.open.get(address) ?? 1) - 1;
      if (left === 0) this.open.delete(address);
      else this.open.set(address, left);
      this.refusing.delete(address);
    });
    return true;
  }

  /** Open connections counted for `address`. */
  openFrom(address: string): number {
    return this.open.get(address) ?? 0;
  }
}
