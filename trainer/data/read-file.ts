/**
 * Reads a data file the user named, with checks before a byte is read: it must be a regular
 * file (a FIFO would block the read forever, a device such as /dev/zero never ends, a socket
 * is not data), and no larger than a cap that depends on what it holds. The file is opened
 * non-blocking, so that opening a FIFO returns at once and its type can be checked on the open
 * handle (no window between a check and the read); at most cap + 1 bytes are ever read.
 * Every error names the file and says what is wrong in plain words.
 */
import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { SaidError, sayShared } from '../../protocol/texts.js';

/** Caps by kind of file, in bytes. */
export const FILE_LIMITS = {
  /** One photo (PNG or JPEG). */
  image: 256 * 2 ** 20,
  /** One IDX file (images or labels, gzip-compressed or not); and what a .gz may expand to. */
  idx: 1024 * 2 ** 20,
} as const;

export const formatBytes = (bytes: number): string =>
  bytes >= 2 ** 30
    ? `${(bytes / 2 ** 30).toFixed(bytes % 2 ** 30 === 0 ? 0 : 1)} GiB`
    : bytes >= 2 ** 20
      ? `${(bytes / 2 ** 20).toFixed(bytes % 2 ** 20 === 0 ? 0 : 1)} MiB`
      : `${bytes} bytes`;

/** Why an open, read or write failed, in plain words. */
export function describeFsError(error: unknown): string {
  const code = (error as { code?: string }).code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a folder';
    case 'ENOTDIR':
      return 'a part of the path is a file, not a folder';
    case 'ENOSPC':
      return 'the disk is full';
    case 'EDQUOT':
      return 'the disk quota is used up';
    case 'EROFS':
      return 'the disk is read-only';
    case 'EIO':
      return 'the disk reported an input/output error';
    case 'ELOOP':
      return 'it is a loop of symbolic links';
    case 'ENAMETOOLONG':
      return 'the name is too long';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

function kindOf(stats: Awaited<ReturnType<FileHandle['stat']>>): string | null {
  if (stats.isFile()) return null;
  if (stats.isDirectory()) return 'it is a folder';
  if (stats.isFIFO()) return 'it is a named pipe (FIFO), not a regular file';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'it is a device, not a regular file';
  if (stats.isSocket()) return 'it is a socket, not a regular file';
  return 'it is not a regular file';
}

/** The bytes of `file`, a regular file of at most `maxBytes` bytes. */
export async function readDataFile(file: string, maxBytes: number): Promise<Uint8Array> {
  let handle: FileHandle;
  try {
    handle = await open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    throw new SaidError(sayShared('fileUnreadable', { file, why: describeFsError(error) }));
  }
  const tooBig = () => new SaidError(sayShared('fileTooLarge', { file, max: formatBytes(maxBytes) }));
  try {
    const stats = await handle.stat();
    const kind = kindOf(stats);
    if (kind) throw new SaidError(sayShared('fileUnreadable', { file, why: kind }));
    if (stats.size > maxBytes) throw tooBig();
    // The size may change under us: read at most one byte past the cap and refuse if it is there.
    const buffer = new Uint8Array(Math.min(stats.size, maxBytes) + 1);
    let filled = 0;
    while (filled < buffer.length) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    if (filled > maxBytes) throw tooBig();
    return buffer.subarray(0, filled);
  } catch (error) {
    if (error instanceof Error && error.message.startsWith(`${file}: `)) throw error;
    throw new SaidError(sayShared('fileUnreadable', { file, why: describeFsError(error) }));
  } finally {
    await handle.close();
  }
}
