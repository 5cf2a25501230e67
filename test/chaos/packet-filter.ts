import { execFile } from 'node:child_process';
import { mkdirSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const CGROUP2 = '/sys/fs/cgroup/unified';

/**
 * Real packet loss between cluster nodes on one machine. Each node listens on its own loopback
 * address and runs in its own cgroup (v2); a NAT rule per cgroup rewrites the source of every
 * connection a node opens to that node's address, so a filter rule "drop from A to B" matches
 * exactly A's packets to B, whichever side opened the connection. Clients (the chaos workload)
 * connect from 127.0.0.1 and are never filtered. Needs root, iptables and a cgroup v2 mount.
 * All rules live in chains of this run's own, removed by close().
 */
export class PacketFilter {
  private readonly filterChain: string;
  private readonly natChain: string;
  private readonly cgroupRoot: string;

  private constructor(private readonly tag: string, private readonly hosts: Map<number, string>) {
    this.filterChain = `RUNNEL-F-${tag}`;
    this.natChain = `RUNNEL-N-${tag}`;
    this.cgroupRoot = `runnel-chaos-${tag}`;
  }

  /** Chains and cgroups for nodes with these addresses. */
  static async create(tag: string, hosts: Map<number, string>): Promise<PacketFilter> {
    const f = new PacketFilter(tag, hosts);
    await iptables('-N', f.filterChain);
    await iptables('-I', 'INPUT', '-i', 'lo', '-j', f.filterChain);
    await iptables('-t', 'nat', '-N', f.natChain);
    await iptables('-t', 'nat', '-I', 'POSTROUTING', '-o', 'lo', '-j', f.natChain);
    for (const [id, host] of hosts) {
      mkdirSync(join(CGROUP2, f.cgroupRoot, `node-${id}`), { recursive: true });
      await iptables('-t', 'nat', '-A', f.natChain, '-m', 'cgroup', '--path', `${f.cgroupRoot}/node-${id}`, '-j', 'SNAT', '--to-source', host);
    }
    return f;
  }

  /** Put a freshly started node process in its cgroup, before it opens any connection. */
  place(id: number, pid: number): void {
    writeFileSync(join(CGROUP2, this.cgroupRoot, `node-${id}`, 'cgroup.procs'), String(pid));
  }

  /** Drop every packet node `from` sends to node `to` (optionally only to or from one of the ports). */
  async drop(from: number, to: number, port?: { dport?: number; sport?: number }): Promise<void> {
    const match = port?.dport !== undefined ? ['-p', 'tcp', '--dport', String(port.dport)] : port?.sport !== undefined ? ['-p', 'tcp', '--sport', String(port.sport)] : [];
    await iptables('-A', this.filterChain, '-s', this.host(from), '-d', this.host(to), ...match, '-j', 'DROP');
  }

  /** Let everything through again. */
  async heal(): Promise<void> {
    await iptables('-F', this.filterChain);
  }

  async close(): Promise<void> {
    await iptables('-D', 'INPUT', '-i', 'lo', '-j', this.filterChain).catch(() => undefined);
    await iptables('-F', this.filterChain).catch(() => undefined);
    await iptables('-X', this.filterChain).catch(() => undefined);
    await iptables('-t', 'nat', '-D', 'POSTROUTING', '-o', 'lo', '-j', this.natChain).catch(() => undefined);
    await iptables('-t', 'nat', '-F', this.natChain).catch(() => undefined);
    await iptables('-t', 'nat', '-X', this.natChain).catch(() => undefined);
    // A cgroup can only go once its processes have exited.
    for (const dir of [...[...this.hosts.keys()].map((id) => join(this.cgroupRoot, `node-${id}`)), this.cgroupRoot]) {
      try {
        rmdirSync(join(CGROUP2, dir));
      } catch {
        // Already gone, or a process outlived the cluster; nothing else to do.
      }
    }
  }

  private host(id: number): string {
    const h = this.hosts.get(id);
    if (!h) throw new Error(`no address for node ${id}`);
    return h;
  }
}

async function iptables(...args: string[]): Promise<void> {
  try {
    await run('iptables', ['-w', ...args]);
  } catch (err) {
    throw new Error(`iptables ${args.join(' ')} failed: ${(err as { stderr?: string }).stderr?.trim() || (err as Error).message}`);
  }
}
