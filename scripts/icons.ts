// `npm run icons`: renders public/icon/*.svg to public/icon/<size>.png with headless Chromium.
// The PNGs are committed, so builds never need this script.
import { mkdir, readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';

const ICONS = resolve(import.meta.dirname, '../public/icon');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// Scaled down, the full mark's inner borders blur into grey at 16 px: that size has its own drawing.
const SOURCE_OF_SIZE: Record<number, string> = { 16: 'icon-16.svg', 32: 'icon.svg', 48: 'icon.svg', 128: 'icon.svg' };

await mkdir(ICONS, { recursive: true });
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
try {
  for (const [size, source] of Object.entries(SOURCE_OF_SIZE)) {
    const svg = await readFile(resolve(ICONS, source), 'utf8');
    const page = await browser.newPage({ viewport: { width: Number(size), height: Number(size) } });
    await page.setContent(
      `<body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg width="${size}" height="${size}" style="display:block" `)}</body>`,
    );
    const file = resolve(ICONS, `${size}.png`);
    await page.screenshot({ path: file, omitBackground: true });
    await page.close();
    console.log(`${file} (${source})`);
  }
} finally {
  await browser.close();
}
