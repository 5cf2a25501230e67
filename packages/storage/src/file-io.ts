import { open as fsOpen, rename as fsRename, rm, readdir, mkdir, stat as fsStat, unlink } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';

/**
 * The file operations the log performs, behind one seam so tests can inject failures (a full disk,
 * an I/O error) without filling a real disk. Production uses node's fs/promises; nothing here is
 * synchronous, so the append and read paths never block the event loop.
 */
export interface LogFile {
  write(buffer: Buffer, offset: number, length: number, position: number): Promise<{ bytesWritten: number }>;
  read(buffer: Buffer, offset: number, length: number, position: number): Promise<{ bytesRead: number }>;
  truncate(length: number): Promise<void>;
  sync(): Promise<void>;
  datasync(): Promise<void>;
  size(): Promise<number>;
  close(): Promise<void>;
}

export interface StorageFs {
  /** Open with node's flag strings: 'r', 'r+', 'w+', 'wx+'. */
  open(path: string, flags: string): Promise<LogFile>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  readdir(path: string): Promise<string[]>;
  mkdir(path: string): Promise<void>;
  rmrf(path: string): Promise<void>;
  exists(path: string): Promise<boolean>;
  mtimeMs(path: string): Promise<number>;
  /** fsync a directory so renames and creations in it are durable. */
  syncDir(path: string): Promise<void>;
}

class NodeLogFile implements LogFile {
  constructor(private readonly fh: FileHandle) {}
  write(buffer: Buffer, offset: number, length: number, position: number): Promise<{ bytesWritten: number }> {
    return this.fh.write(buffer, offset, length, position);
  }
  read(buffer: Buffer, offset: number, length: number, position: number): Promise<{ bytesRead: number }> {
    return this.fh.read(buffer, offset, length, position);
  }
  truncate(length: number): Promise<void> {
    return this.fh.truncate(length);
  }
  sync(): Promise<void> {
    return this.fh.sync();
  }
  datasync(): Promise<void> {
    return this.fh.datasync();
  }
  async size(): Promise<number> {
    return (await this.fh.stat()).size;
  }
  close(): Promise<void> {
    return this.fh.close();
  }
}

export const nodeFs: StorageFs = {
  async open(path, flags) {
    return new NodeLogFile(await fsOpen(path, flags));
  },
  rename: (from, to) => fsRename(from, to),
  unlink: (path) => unlink(path),
  readdir: (path) => readdir(path),
  async mkdir(path) {
    await mkdir(path, { recursive: true });
  },
  rmrf: (path) => rm(path, { recursive: true, force: true }),
  async exists(path) {
    try {
      await fsStat(path);
      return true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw err;
    }
  },
  async mtimeMs(path) {
    return (await fsStat(path)).mtimeMs;
  },
  async syncDir(path) {
    const fh = await fsOpen(path, 'r');
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  },
};

/** Write the whole range, looping over short writes. */
export async function writeFully(file: LogFile, buffer: Buffer, position: number): Promise<void> {
  let done = 0;
  while (done < buffer.length) {
    const { bytesWritten } = await file.write(buffer, done, buffer.length - done, position + done);
    if (bytesWritten <= 0) throw Object.assign(new Error('write made no progress'), { code: 'EIO' });
    done += bytesWritten;
  }
}

/** Read up to `length` bytes; fewer only at end of file. */
export async function readFully(file: LogFile, buffer: Buffer, offset: number, length: number, position: number): Promise<number> {
  let done = 0;
  while (done < length) {
    const { bytesRead } = await file.read(buffer, offset + done, length - done, position + done);
    if (bytesRead === 0) break;
    done += bytesRead;
  }
  return done;
}
