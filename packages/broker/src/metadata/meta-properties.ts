import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { RunnelError } from '@runnel/protocol';

/**
 * meta.properties in a broker's data directory, as Kafka keeps it: which cluster and node the data
 * belongs to, and the incarnation id the broker registers with. Keeping the incarnation across
 * restarts lets a restarted broker re-register as itself at once, while another process claiming
 * the same node.id (from another directory) is still refused until this one's session lapses.
 */
export interface MetaProperties {
  clusterId: string;
  nodeId: number;
  incarnationId: Buffer;
}

const FILE = 'meta.properties';

function parse(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split('\n')) {
    const t = line.trim();
    if (!t || t.startsWith('#')) continue;
    const eq = t.indexOf('=');
    if (eq > 0) out.set(t.slice(0, eq).trim(), t.slice(eq + 1).trim());
  }
  return out;
}

/** Read the directory's identity, or write a new one; refuse a directory of another cluster or node. */
export async function loadOrCreateMetaProperties(dataDir: string, clusterId: string, nodeId: number): Promise<MetaProperties> {
  const path = join(dataDir, FILE);
  let text: string | null = null;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  if (text !== null) {
    const props = parse(text);
    const storedCluster = props.get('cluster.id');
    const storedNode = Number(props.get('node.id'));
    const incarnation = Buffer.from(props.get('incarnation.id') ?? '', 'base64url');
    if (storedCluster !== clusterId) {
      throw new RunnelError('INCONSISTENT_CLUSTER_ID', `${dataDir} holds data of cluster ${storedCluster}, but this node is configured for cluster ${clusterId}; use another log.dirs or the matching cluster.id`);
    }
    if (storedNode !== nodeId) {
      throw new RunnelError('INVALID_CONFIG', `${dataDir} holds data of node ${props.get('node.id')}, but this node is configured as node.id=${nodeId}; use that node.id or another log.dirs`);
    }
    if (incarnation.length !== 16) throw new RunnelError('INVALID_CONFIG', `${path} has no valid incarnation.id; remove the line to have a new one made`);
    return { clusterId, nodeId, incarnationId: incarnation };
  }
  const meta = { clusterId, nodeId, incarnationId: randomBytes(16) };
  await mkdir(dataDir, { recursive: true });
  const tmp = `${path}.tmp`;
  const handle = await open(tmp, 'w');
  try {
    await handle.writeFile(`# Written by runnel: the identity of this data directory.\nversion=1\ncluster.id=${clusterId}\nnode.id=${nodeId}\nincarnation.id=${meta.incarnationId.toString('base64url')}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(tmp, path);
  return meta;
}
