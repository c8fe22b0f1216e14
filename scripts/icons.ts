/**
 * Renders the app's icon (icon-art.ts) into assets/: icon.svg (the drawing), icons/<n>x<n>.png
 * for n in 16…1024 (Linux's icon set, and the window's icon, 256), icon.png (1024), icon.ico
 * (Windows) and icon.icns (macOS). electron-builder finds them there (build.directories.
 * buildResources is assets), so packaging needs no converter. The PNGs are rendered by a real
 * browser: Debian's chromium through playwright-core (CHROMIUM_PATH overrides the path).
 * Run: npm run icons; commit what it writes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { encodeIcns, encodeIco, iconSizes, icnsTypes, icoSizes, iconSvg, smallUpTo } from './icon-art.js';

const assets = join(import.meta.dirname, '..', 'assets');
mkdirSync(join(assets, 'icons'), { recursive: true });
const full = iconSvg('full');
const small = iconSvg('small');
writeFileSync(join(assets, 'icon.svg'), full);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
const pngs = new Map<number, Uint8Array>();
try {
  const page = await browser.newPage();
  for (const size of iconSizes) {
    await page.setViewportSize({ width: size, height: size });
    const svg = (size <= smallUpTo ? small : full).replace(
      /width="\d+" height="\d+"/,
      `width="${size}" height="${size}"`,
    );
    await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
    const png = await page.locator('svg').screenshot({ omitBackground: true });
    pngs.set(size, png);
    writeFileSync(join(assets, 'icons', `${size}x${size}.png`), png);
  }
} finally {
  await browser.close();
}
const png = (size: number): Uint8Array => {
  const found = pngs.get(size);
  if (!found) throw new Error(`no ${size}px rendering`);
  return found;
};
writeFileSync(join(assets, 'icon.png'), png(1024));
writeFileSync(join(assets, 'icon.ico'), encodeIco(icoSizes.map((size) => ({ size, png: png(size) }))));
writeFileSync(
  join(assets, 'icon.icns'),
  encodeIcns(icnsTypes.map(([type, size]) => ({ type, png: png(size) }))),
);
console.log(`assets/: icon.svg, icon.png, icon.ico, icon.icns and icons/ (${iconSizes.join(', ')} px)`);
