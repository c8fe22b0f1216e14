/**
 * Data files are read only when they are regular files of a sane size (issue 13): a FIFO, a
 * device, a link to /dev/zero, an oversized file, a PNG bomb and a gzip bomb are refused at once,
 * each with the file named and the reason in plain words.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeGreyImage, readGreyImage } from '../../../trainer/data/images/decode.js';
import { readImageFolder } from '../../../trainer/data/images/read-folder.js';
import { gunzipBounded } from '../../../trainer/data/idx.js';
import { readDataFile } from '../../../trainer/data/read-file.js';

let dir: string;
const posix = process.platform !== 'win32';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ebm-bounded-'));
});

/** A small real PNG whose header claims `width` × `height` (the data is not read past the header). */
function pngClaiming(width: number, height: number): Uint8Array {
  const png = new PNG({ width: 2, height: 2 });
  png.data.fill(255);
  const bytes = new Uint8Array(PNG.sync.write(png));
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  view.setUint32(16, width, false);
  view.setUint32(20, height, false);
  return bytes;
}

describe('reading a data file', () => {
  it.runIf(posix)('refuses a FIFO at once instead of waiting for a writer', async () => {
    const fifo = join(dir, 'pipe.png');
    execFileSync('mkfifo', [fifo]);
    await expect(readDataFile(fifo, 1024)).rejects.toThrow(
      `${fifo}: cannot be read (it is a named pipe (FIFO), not a regular file).`,
    );
    // …and a folder of photos holding it names it too, instead of hanging.
    const folder = join(dir, 'with-fifo');
    execFileSync('mkdir', [folder]);
    execFileSync('mkfifo', [join(folder, 'pipe.png')]);
    await expect(readImageFolder(folder)).rejects.toThrow(/pipe\.png: cannot be read \(it is a named pipe/);
  });

  it.runIf(posix)('refuses /dev/zero, directly and through a link named like a photo', async () => {
    await expect(readDataFile('/dev/zero', 1024)).rejects.toThrow(
      '/dev/zero: cannot be read (it is a device, not a regular file).',
    );
    const link = join(dir, 'zero.png');
    await symlink('/dev/zero', link);
    await expect(readGreyImage(link)).rejects.toThrow(`${link}: cannot be read (it is a device`);
  });

  it('refuses a file over the cap, naming the cap, and reads one at the cap', async () => {
    const file = join(dir, 'big.bin');
    await writeFile(file, new Uint8Array(2 * 1024 * 1024 + 1));
    await expect(readDataFile(file, 2 * 1024 * 1024)).rejects.toThrow(
      `${file}: is larger than 2 MiB, the most this lab reads from one file.`,
    );
    // A code for the window, the file and the cap its parameters.
    await expect(readDataFile(file, 2 * 1024 * 1024)).rejects.toMatchObject({
      said: { code: 'fileTooLarge', params: { file, max: '2 MiB' } },
    });
    expect((await readDataFile(file, 2 * 1024 * 1024 + 1)).length).toBe(2 * 1024 * 1024 + 1);
  });

  it('says plainly when the file is missing or a folder', async () => {
    await expect(readDataFile(join(dir, 'nope.png'), 10)).rejects.toThrow(
      'nope.png: cannot be read (no such file).',
    );
    await expect(readDataFile(dir, 10)).rejects.toThrow(`${dir}: cannot be read (it is a folder).`);
  });

  it('refuses a PNG whose header claims more pixels than the JPEG limit, before decoding it', () => {
    expect(() => decodeGreyImage(pngClaiming(12000, 12000), 'huge.png')).toThrow(
      'huge.png: 12000×12000 pixels (144 MP) is more than the 100 MP this lab decodes.',
    );
  });

  it('says a truncated PNG is truncated (not pngjs’s "read requests waitng on finished stream")', () => {
    const png = new PNG({ width: 16, height: 16 });
    png.data.fill(128);
    const whole = new Uint8Array(PNG.sync.write(png));
    expect(() => decodeGreyImage(whole.subarray(0, whole.length - 30), 'cut.png')).toThrow(
      /^cut\.png: looks like a PNG image but could not be decoded \(the file ends before its image data does; it may be truncated\)\.$/,
    );
  });

  it('stops a gzip bomb at the output cap', () => {
    const bomb = gzipSync(new Uint8Array(8 * 1024 * 1024)); // 8 MiB of zeros in ~8 KiB
    expect(bomb.length).toBeLessThan(64 * 1024);
    expect(() => gunzipBounded(bomb, 'bomb.gz', 1024 * 1024)).toThrow(
      'bomb.gz: decompresses to more than 1 MiB, the most this lab reads from one file.',
    );
    expect(gunzipBounded(bomb, 'bomb.gz', 8 * 1024 * 1024).length).toBe(8 * 1024 * 1024);
  });
});
