/**
 * Loads the digits a VAE config asks for and splits them: the embedded MNIST set or the
 * user's IDX files, held out by `testFraction` unless separate test files are given.
 */
import type { DataSource } from '../../protocol/digits.js';
import type { DataSplit } from './digits.js';
import { loadEmbeddedDigits } from './embedded.js';
import { readIdxDigits } from './idx.js';
import { shuffleDigits, splitDigits } from './split.js';

export async function loadDataSplit(source: DataSource, testFraction: number): Promise<DataSplit> {
  if (source.kind === 'embedded') {
    const digits = await loadEmbeddedDigits();
    const split = splitDigits(digits, testFraction);
    return { ...split, description: `the ${digits.count} embedded MNIST digits` };
  }
  const all = await readIdxDigits(source.images, source.labels);
  const size = `${all.height}×${all.width}`;
  if (!source.testImages || !source.testLabels) {
    const split = splitDigits(all, testFraction);
    return { ...split, description: `${all.count} images of ${size} from ${source.images}` };
  }
  const test = await readIdxDigits(source.testImages, source.testLabels);
  if (test.width !== all.width || test.height !== all.height) {
    throw new Error(
      `${source.testImages} has images of ${test.height}×${test.width} but ${source.images} has ${size}; they must match.`,
    );
  }
  return {
    train: all,
    test: shuffleDigits(test),
    description: `${all.count} training and ${test.count} test images of ${size} from ${source.images} and ${source.testImages}`,
  };
}
