import { Admin } from '@runnel/client';
import { connectTo, type ConnectionFlags } from './bootstrap.js';

/** Run `fn` with an Admin client on the reachable cluster, closing it afterwards. */
export async function withAdmin<T>(flags: ConnectionFlags, fn: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = new Admin({ ...(await connectTo(flags)), clientId: 'runnel-cli' });
  try {
    return await fn(admin);
  } finally {
    await admin.close();
  }
}
