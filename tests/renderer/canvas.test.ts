import { describe, expect, it } from 'vitest';
import { clearedContext, drawGreyGrid } from '../../renderer/lib/canvas.js';
import { gridLayout } from '../../renderer/lib/images.js';

/** The few calls of a 2-D context these helpers make, recorded. */
function fakeContext() {
  const calls: string[] = [];
  const puts: { data: Uint8ClampedArray; x: number; y: number; width: number }[] = [];
  const ctx = {
    fillStyle: '',
    setTransform: (...m: number[]) => calls.push(`transform ${m.join(' ')}`),
    fillRect: (...r: number[]) => calls.push(`fill ${ctx.fillStyle} ${r.join(' ')}`),
    createImageData: (width: number, height: number) => ({
      width,
      height,
      data: new Uint8ClampedArray(width * height * 4),
    }),
    putImageData: (image: { data: Uint8ClampedArray; width: number }, x: number, y: number) =>
      puts.push({ data: image.data, x, y, width: image.width }),
  };
  return { ctx, calls, puts };
}

describe('canvas helpers', () => {
  it('clears the whole canvas to the background in CSS pixels, scaled by the pixel ratio', () => {
    const { ctx, calls } = fakeContext();
    const canvas = { width: 200, height: 100, getContext: () => ctx } as unknown as HTMLCanvasElement;
    expect(clearedContext(canvas, '#fff', 2)).toBe(ctx);
    expect(calls).toEqual(['transform 2 0 0 2 0 0', 'fill #fff 0 0 100 50']);
    expect(clearedContext(undefined, '#fff')).toBeNull();
  });

  it('puts a grid of grey images at the given corner in ink, paper and gap colours', () => {
    const { ctx, puts } = fakeContext();
    const layout = gridLayout(2, 2, 1, 1, 1);
    const colors = { ink: [0, 0, 0], paper: [255, 255, 255], gap: [9, 9, 9] } as const;
    const images = { pixels: Uint8Array.of(0, 255), count: 2, width: 1, height: 1 };
    drawGreyGrid(ctx as unknown as CanvasRenderingContext2D, images, layout, 1, colors, 5, 7);
    expect(puts).toHaveLength(1);
    const { data, x, y, width } = puts[0]!;
    expect([x, y, width]).toEqual([5, 7, 3]);
    // paper for 0, the gap, ink for 255
    expect(Array.from(data)).toEqual([255, 255, 255, 255, 9, 9, 9, 255, 0, 0, 0, 255]);
  });
});
