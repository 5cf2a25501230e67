/**
 * grpc-js sends the host it dials as the TLS server name, and Node warns once per process
 * (DEP0123) when that is an IP address, as a 127.0.0.1 bootstrap or voter is. The certificate is
 * still checked against the address (its IP subject alternative name), so the warning tells the
 * user nothing to act on: it is dropped, and every other warning goes to Node's own printer.
 */
export function dropIpServernameWarning(): void {
  const printers = process.listeners('warning');
  process.removeAllListeners('warning');
  process.on('warning', (warning: Error & { code?: string }) => {
    if (warning.code === 'DEP0123') return;
    for (const print of printers) print(warning);
  });
}
