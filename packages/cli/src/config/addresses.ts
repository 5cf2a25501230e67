/**
 * The address forms of listeners, advertised.listeners and controller.quorum.voters:
 * NAME://host:port and id@host:port, where host is a name, an IPv4 address or a bracketed IPv6
 * address. Each parser returns the parsed entry or what is wrong with it.
 */
export interface HostPort {
  readonly host: string;
  readonly port: number;
}

export interface ListenerAddress extends HostPort {
  /** Upper-cased, as Kafka normalises listener names. */
  readonly name: string;
}

export interface VoterAddress extends HostPort {
  readonly id: number;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; why: string };

const HOST_NAME = /^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$/;
const IPV6 = /^\[([0-9A-Fa-f:.]+)\]$/;
const LISTENER_NAME = /^[A-Za-z0-9_-]+$/;

/** Splits host:port; an empty host is allowed only where `emptyHost` says so. */
export function parseHostPort(text: string, opts: { emptyHost: boolean; minPort: number }): Parsed<HostPort> {
  const colon = text.lastIndexOf(':');
  if (colon < 0) return { ok: false, why: 'no :port' };
  const hostText = text.slice(0, colon);
  const portText = text.slice(colon + 1);
  const port = /^\d{1,5}$/.test(portText) ? Number(portText) : NaN;
  if (!(port >= opts.minPort && port <= 65535)) return { ok: false, why: `port "${portText}" is not between ${opts.minPort} and 65535` };
  const v6 = IPV6.exec(hostText);
  if (v6) return { ok: true, value: { host: v6[1]!, port } };
  if (hostText === '') return opts.emptyHost ? { ok: true, value: { host: '', port } } : { ok: false, why: 'the host is empty' };
  if (!HOST_NAME.test(hostText)) return { ok: false, why: `"${hostText}" is not a host name or address (IPv6 goes in brackets)` };
  return { ok: true, value: { host: hostText, port } };
}

/** NAME://host:port. Port 0 asks for a free port where `minPort` is 0. */
export function parseListener(entry: string, opts: { emptyHost: boolean; minPort: number }): Parsed<ListenerAddress> {
  const sep = entry.indexOf('://');
  if (sep < 0) return { ok: false, why: `"${entry}" is not NAME://host:port` };
  const name = entry.slice(0, sep);
  if (!LISTENER_NAME.test(name)) return { ok: false, why: `"${entry}": listener name "${name}" may hold only letters, digits, _ and -` };
  const hostPort = parseHostPort(entry.slice(sep + 3), opts);
  if (!hostPort.ok) return { ok: false, why: `"${entry}": ${hostPort.why}` };
  return { ok: true, value: { name: name.toUpperCase(), ...hostPort.value } };
}

/** id@host:port, as in controller.quorum.voters. */
export function parseVoter(entry: string): Parsed<VoterAddress> {
  const at = entry.indexOf('@');
  const idText = at < 0 ? '' : entry.slice(0, at);
  if (!/^\d{1,10}$/.test(idText) || Number(idText) > 2 ** 31 - 1) return { ok: false, why: `"${entry}" is not id@host:port with a node id between 0 and 2147483647` };
  const hostPort = parseHostPort(entry.slice(at + 1), { emptyHost: false, minPort: 1 });
  if (!hostPort.ok) return { ok: false, why: `"${entry}": ${hostPort.why}` };
  return { ok: true, value: { id: Number(idText), ...hostPort.value } };
}

/** Hosts that bind every interface: never an address others can reach. */
export function isWildcardHost(host: string): boolean {
  return host === '' || host === '0.0.0.0' || host === '::';
}
