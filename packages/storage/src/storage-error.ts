import { RunnelError } from '@runnel/protocol';

const DISK_ERRORS = new Set(['ENOSPC', 'EIO', 'EDQUOT', 'EROFS', 'EFBIG', 'EBADF', 'ENXIO']);

/**
 * Disk failures become KAFKA_STORAGE_ERROR (retriable on another replica) with what failed and
 * where; anything else is rethrown untouched so real bugs are not disguised as disk trouble.
 */
export function storageError(err: unknown, what: string): Error {
  if (err instanceof RunnelError) return err;
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code !== undefined && DISK_ERRORS.has(code)) {
    const hint = code === 'ENOSPC' || code === 'EDQUOT' ? 'the disk is full; free space or lower retention' : 'check the disk';
    return new RunnelError('KAFKA_STORAGE_ERROR', `${what} failed with ${code}: ${hint}`, { cause: err });
  }
  return err instanceof Error ? err : new Error(String(err));
}
