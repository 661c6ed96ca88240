#!/usr/bin/env node
/**
 * Draws the tray (menu-bar) icons and the Windows taskbar badge overlay into
 * resources/tray/, at 1x and 2x, with the project's Chromium: the app mark (a
 * blue disc crossed by the three arcs of the app icon) and a dot for the sync
 * state. macOS gets black "Template" images, which it tints for light and dark
 * menu bars. Run it after changing a colour or a shape; the PNGs are committed.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from '@playwright/test';

const out = resolve(import.meta.dirname, '../resources/tray');
mkdirSync(out, { recursive: true });

const STATES = {
  synced: '#2e9d5b',
  syncing: '#3d8bfd',
  offline: '#8a94a3',
  paused: '#e0a526',
  attention: '#d64545',
};

const arcs = (stroke) => `
  <g fill="none" stroke="${stroke}" stroke-width="1.3" stroke-linecap="round">
    <path d="M4.6 6.4 C 6.3 5.0, 8.7 5.0, 10.4 6.4"/>
    <path d="M4.1 8.3 C 6.1 7.0, 8.9 7.0, 10.9 8.3"/>
    <path d="M4.6 10.2 C 6.3 9.3, 8.7 9.3, 10.4 10.2"/>
  </g>`;

function stateIcon(color) {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16" width="16" height="16">
    <circle cx="7.5" cy="8" r="6.5" fill="#1f5fa8"/>${arcs('#ffffff')}
    <circle cx="12.5" cy="12.5" r="3.2" fill="${color}" stroke="#ffffff" stroke-width="1"/>
  </svg>`;
}

const template = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16" width="16" height="16">
  <circle cx="8" cy="8" r="6.3" fill="none" stroke="#000" stroke-width="1.4"/>${arcs('#000')}
</svg>`;

// A red disc: Windows draws it over the taskbar button when there is unread activity.
const overlay = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16" width="16" height="16">
  <circle cx="8" cy="8" r="7" fill="#d64545" stroke="#ffffff" stroke-width="1.2"/>
</svg>`;

const images = {
  ...Object.fromEntries(Object.entries(STATES).map(([name, color]) => [name, stateIcon(color)])),
  trayTemplate: template,
  'badge-overlay': overlay,
};

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox'],
});
try {
  for (const scale of [1, 2]) {
    const page = await browser.newPage({ viewport: { width: 16, height: 16 }, deviceScaleFactor: scale });
    for (const [name, svg] of Object.entries(images)) {
      await page.setContent(`<style>html,body{margin:0;background:transparent}</style>${svg}`);
      const file = `${name}${scale === 2 ? '@2x' : ''}.png`;
      await page.screenshot({ path: resolve(out, file), omitBackground: true });
      process.stdout.write(`${file}\n`);
    }
    await page.close();
  }
} finally {
  await browser.close();
}
