/**
 * The one atomic write (trainer/atomic-write.ts), used by the trainer and the host alike:
 * overlapping writes of one file in one process each use their own temporary name, and a set
 * of files is replaced only when every one of them is whole.
 */
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic, writeFilesAtomic } from '../../trainer/atomic-write.js';

describe('atomic writes', () => {
  it('lets overlapping writes of one file both finish, leaving one of them whole and no temporary file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ebm-atomic-'));
    const file = join(dir, 'status.json');
    const a = 'a'.repeat(1 << 20);
    const b = 'b'.repeat(1 << 20);
    await Promise.all([writeFileAtomic(file, a), writeFileAtomic(file, b)]);
    expect([a, b]).toContain(await readFile(file, 'utf8'));
    expect(await readdir(dir)).toEqual(['status.json']);
  });

  it('replaces none of a set when one cannot be written, and removes the temporary files it wrote', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ebm-atomic-'));
    await writeFile(join(dir, 'one'), 'old');
    await mkdir(join(dir, `two.tmp-${process.pid}`)); // the second file cannot be written (a full disk)
    await expect(
      writeFilesAtomic([
        [join(dir, 'one'), 'new'],
        [join(dir, 'two'), 'new'],
      ]),
    ).rejects.toThrow();
    expect((await readdir(dir)).sort()).toEqual(['one', `two.tmp-${process.pid}`]);
    expect(await readFile(join(dir, 'one'), 'utf8')).toBe('old');
  });
});
