import { describe, expect, it } from 'vitest';
import {
  atomGridOptions,
  atomPrintOptions,
  filterLayout,
  printMultiple,
} from '../../protocol/filter-picture.js';

describe('printable filter pictures', () => {
  it('scales a dictionary of 64 atoms of 8×8 patches to at least 1,000 px (the screen shows ~800)', () => {
    const set = { count: 64, height: 8, width: 8 };
    expect(filterLayout(set, atomGridOptions(8, 64)).width).toBeLessThan(1000);
    const printed = filterLayout(set, atomPrintOptions(8, 64));
    expect(Math.max(printed.width, printed.height)).toBeGreaterThanOrEqual(1000);
    expect(printed.columns).toBe(8); // the same grid, larger
  });

  it('keeps a picture that is already large at the screen’s size', () => {
    const set = { count: 256, height: 28, width: 28 };
    expect(atomPrintOptions(28, 256)).toEqual(atomGridOptions(28, 256));
    expect(filterLayout(set, atomPrintOptions(28, 256)).width).toBeGreaterThanOrEqual(1000);
  });

  it('finds the smallest whole multiple that reaches the long side', () => {
    expect(printMultiple((m) => 291 * m)).toBe(4);
    expect(printMultiple((m) => 1200 * m)).toBe(1);
    expect(printMultiple((m) => 300 * m, 600)).toBe(2);
  });
});
