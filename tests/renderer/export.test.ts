// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { exportName, hasPngSignature, standaloneSvg } from '../../renderer/lib/export.js';

describe('exports', () => {
  it('makes bare, safe file names the host accepts', () => {
    expect(exportName('Loss curves', 'png')).toBe('loss-curves.png');
    expect(exportName('../../etc/passwd', 'csv')).toBe('etc-passwd.csv');
    expect(exportName('***', 'png')).toBe('export.png');
  });

  it('recognises the PNG signature', () => {
    expect(hasPngSignature(Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0))).toBe(true);
    expect(hasPngSignature(Uint8Array.of(0x89, 0x50))).toBe(false);
  });

  it('writes computed styles inline so the SVG looks the same outside the page', () => {
    document.body.innerHTML = `<style>.curve { stroke: rgb(1, 2, 3); fill: none }</style>
      <svg><path class="curve" d="M0 0L1 1"/></svg>`;
    const text = standaloneSvg(document.querySelector('svg')!);
    expect(text).toContain('xmlns="http://www.w3.org/2000/svg"');
    expect(text).toMatch(/<path[^>]*style="[^"]*stroke:\s*rgb\(1, 2, 3\)/);
  });
});
