// The page as a visitor gets it: it is served, declares French, draws the map with the
// data, stays silent in the console, asks nothing of any other host, and fits a desktop
// and a phone screen.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join, sep } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, constants as zlibConstants, gunzipSync } from 'node:zlib';
import {
  REPO_ROOT,
  SITE_DIR,
  foreignRequests,
  loadDataset,
  openPage,
  readSiteFile,
  saveScreenshot,
  sharedPage,
  waitReady,
} from './support.mjs';

// No page of its own: each test opens one with the settings it checks.
const shared = sharedPage(null);

// Records when catalyseurs.ready settles, measured from the navigation's time origin.
// main.js is a module, deferred like every module, so window.catalyseurs exists by
// DOMContentLoaded, long before the WebAssembly module can have drawn anything.
function timeReady(page) {
  return page.addInitScript(() => {
    document.addEventListener('DOMContentLoaded', () => {
      window.__readyAt = null;
      window.catalyseurs?.ready.then(
        () => { window.__readyAt = performance.now(); },
        () => {},
      );
    });
  });
}

function describeSilence(log) {
  return [
    ...log.consoleErrors.map((t) => `console.error: ${t}`),
    ...log.pageErrors.map((t) => `pageerror: ${t}`),
    ...log.failedResponses.map((t) => `failed request: ${t}`),
  ].join('\n');
}

describe('the page', () => {
  test('index.html is served in French with a real title', async () => {
    const response = await fetch(`${shared.site.origin}/`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/html/);
    const html = await response.text();
    assert.match(html, /<html[^>]*\slang="fr"/, 'the page must declare lang="fr"');
    const title = html.match(/<title>([^<]*)<\/title>/);
    assert.ok(title, 'the page must have a <title>');
    assert.ok(title[1].trim().length >= 10, `the title is too thin: "${title[1]}"`);
    assert.doesNotMatch(title[1], /^(untitled|document|emscripten)/i);
  });

  test('desktop 1280×800: ready, silent, self-hosted', async () => {
    const opened = await openPage(shared.browser, shared.site.origin, {
      viewport: { width: 1280, height: 800 },
      setup: (page) => timeReady(page),
    });
    try {
      const { page, log, response, started } = opened;
      assert.equal(response.status(), 200);
      await waitReady(page);
      const wallMs = Date.now() - started;
      const readyAt = await page.evaluate(() => window.__readyAt);
      assert.equal(await page.locator('#error').isVisible(), false, 'no error may be shown');
      assert.equal(await page.locator('#loading').isVisible(), false, 'the loading overlay must go away');

      // Every shipped catalyseur is valid, so all of them are on the map and no notice shows.
      const features = loadDataset().features;
      const state = await page.evaluate(() => window.catalyseurs.state());
      assert.equal(state.total, features.length, 'every catalyseur of the shipped file must be loaded');
      assert.ok(state.visible > 0, 'some markers must be in view');
      assert.equal(await page.locator('#notice').isVisible(), false, 'the shipped data must not be reported as partly invalid');
      // The panel on the left, the map filling the rest; the core draws at the canvas' size.
      const layout = await page.evaluate(() => {
        const box = (id) => document.getElementById(id).getBoundingClientRect().toJSON();
        const c = document.getElementById('canvas');
        return { panel: box('panel'), canvas: box('canvas'), width: c.width, height: c.height };
      });
      assert.equal(layout.panel.left, 0);
      assert.equal(layout.panel.width, 340, 'the desktop panel is 340 px wide');
      assert.deepEqual([layout.canvas.left, layout.canvas.top, layout.canvas.right, layout.canvas.bottom], [340, 0, 1280, 800], 'the map fills the rest of the window');
      assert.deepEqual([state.view.width, state.view.height], [layout.canvas.width, layout.canvas.height], 'the core’s viewport must be the canvas');
      assert.deepEqual([layout.width, layout.height], [940, 800], 'one canvas pixel per CSS pixel at 1×');

      await saveScreenshot(page, 'desktop-1280x800');
      assert.equal(describeSilence(log), '', 'the console must stay free of errors');
      assert.deepEqual(foreignRequests(log.requests, shared.site.origin), [], 'no request may leave the page’s own server');
      for (const file of ['main.js', 'bridge.js', 'catalyseurs.js', 'catalyseurs.wasm', 'data/catalyseurs.geojson', 'data/territoires.geojson']) {
        assert.ok(log.requests.includes(`${shared.site.origin}/${file}`), `${file} should have been requested`);
      }
      // index.html asks for what the first frame needs at once; the scripts must then use
      // those responses, not fetch the files a second time.
      const html = readSiteFile('index.html').toString('utf8');
      const preloaded = [...html.matchAll(/<link rel="(?:module)?preload" href="([^"]+)"/g)].map((m) => m[1]);
      assert.ok(preloaded.includes('bridge.js') && preloaded.includes('data/catalyseurs.geojson'), 'the modules and the data must be preloaded');
      for (const file of [...preloaded, 'catalyseurs.js', 'catalyseurs.wasm', 'catalyseurs.data']) {
        const times = log.requests.filter((url) => url === `${shared.site.origin}/${file}`).length;
        assert.equal(times, 1, `${file} was requested ${times} times: a preload that the page does not reuse`);
      }
      assert.deepEqual(log.warnings.filter((w) => /preload/i.test(w)), [], 'no preload may go unused or mismatched');
      console.log(`desktop: ready ${readyAt === null ? '?' : Math.round(readyAt)} ms after navigation start (${wallMs} ms seen from the test), ${state.total} catalyseurs, ${state.visible} in view, ${log.requests.length} requests`);
    } finally {
      await opened.close();
    }
  });

  test('phone 390×844 at 3×, touch: ready, silent, crisp', async () => {
    const opened = await openPage(shared.browser, shared.site.origin, {
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 3,
      isMobile: true,
      hasTouch: true,
      setup: (page) => timeReady(page),
    });
    try {
      const { page, log } = opened;
      await waitReady(page);
      const readyAt = await page.evaluate(() => window.__readyAt);
      assert.equal(await page.locator('#error').isVisible(), false);
      const canvas = await page.evaluate(() => {
        const c = document.getElementById('canvas');
        const r = c.getBoundingClientRect();
        const sheet = document.getElementById('panel').getBoundingClientRect();
        return { top: r.top, left: r.left, cssWidth: r.width, cssHeight: r.height, width: c.width, height: c.height, dpr: window.devicePixelRatio, sheetTop: sheet.top, sheetBottom: sheet.bottom };
      });
      assert.equal(canvas.dpr, 3);
      // Full width, from the top of the screen down to the collapsed bottom sheet.
      assert.deepEqual([canvas.left, canvas.top, canvas.cssWidth], [0, 0, 390], 'the canvas must span the phone screen');
      assert.equal(canvas.sheetBottom, 844, 'the bottom sheet sits at the bottom of the screen');
      assert.ok(canvas.sheetTop >= 844 - 80, `the collapsed sheet must leave the screen to the map (its top is at ${canvas.sheetTop} px)`);
      // The sheet's rounded top corners may overlap the map a little, or leave a sliver.
      assert.ok(Math.abs(canvas.top + canvas.cssHeight - canvas.sheetTop) <= 16, `the map must reach the collapsed sheet (canvas ends at ${canvas.top + canvas.cssHeight}, sheet starts at ${canvas.sheetTop})`);
      // One canvas pixel per device pixel, or the map is blurred on HiDPI screens.
      assert.deepEqual([canvas.width, canvas.height], [Math.round(canvas.cssWidth * 3), Math.round(canvas.cssHeight * 3)], 'the canvas must be drawn at device resolution');
      const state = await page.evaluate(() => window.catalyseurs.state());
      assert.deepEqual([state.view.width, state.view.height], [canvas.cssWidth, canvas.cssHeight], 'the core’s viewport must be the canvas');
      assert.ok(state.visible > 0, 'some markers must be in view on a phone');
      await saveScreenshot(page, 'phone-390x844');
      assert.equal(describeSilence(log), '', 'the console must stay free of errors');
      assert.deepEqual(foreignRequests(log.requests, shared.site.origin), []);
      console.log(`phone: ready ${readyAt === null ? '?' : Math.round(readyAt)} ms after navigation start, ${state.visible} markers in view`);
    } finally {
      await opened.close();
    }
  });

  test('pre-compressed files: present, up to date, and their sizes', () => {
    // The types the build compresses, read from the script itself so that the two cannot
    // drift apart; every other file must be of a type that is compressed already.
    const script = readFileSync(join(REPO_ROOT, 'scripts', 'precompress.sh'), 'utf8');
    const handled = [...script.matchAll(/-name '\*\.([a-z0-9]+)'/g)].map((m) => m[1]);
    for (const ext of ['html', 'js', 'css', 'wasm', 'json', 'geojson', 'svg']) {
      assert.ok(handled.includes(ext), `precompress.sh must handle .${ext} files (it handles ${handled.join(', ')})`);
    }
    const COMPRESSED_ALREADY = ['otf', 'woff2', 'woff', 'png', 'jpg', 'jpeg', 'webp', 'avif', 'ico'];
    const extension = (f) => (f.match(/\.([^./]+)$/)?.[1] ?? '').toLowerCase();
    const files = readdirSync(SITE_DIR, { recursive: true })
      .map(String)
      .filter((f) => !/\.(br|gz)$/.test(f) && !basename(f).startsWith('.') && statSync(join(SITE_DIR, f)).isFile())
      .map((f) => f.split(sep).join('/'))
      .sort();
    const rows = [];
    const missing = [];
    const stale = [];
    const unexpected = [];
    const uncovered = [];
    let totalRaw = 0;
    let totalBr = 0;
    for (const file of files) {
      const raw = readSiteFile(file);
      const has = (suffix) => existsSync(join(SITE_DIR, file + suffix));
      const compressible = handled.includes(extension(file));
      if (compressible && (!has('.br') || !has('.gz'))) missing.push(file);
      if (!compressible && (has('.br') || has('.gz'))) unexpected.push(file);
      if (!compressible && !COMPRESSED_ALREADY.includes(extension(file))) uncovered.push(file);
      // The server prefers these to the file itself: a stale one ships an older program.
      if (has('.br') && !brotliDecompressSync(readSiteFile(`${file}.br`)).equals(raw)) stale.push(`${file}.br`);
      if (has('.gz') && !gunzipSync(readSiteFile(`${file}.gz`)).equals(raw)) stale.push(`${file}.gz`);
      // What visitors download: the shipped .br, or the file itself when it is sent as is.
      const br = has('.br') ? readSiteFile(`${file}.br`).length : raw.length;
      totalRaw += raw.length;
      totalBr += br;
      const kb = (n) => `${(n / 1024).toFixed(1)} KiB`.padStart(11);
      const note = has('.br') ? '' : ` (sent as is; brotli would give ${kb(brotliCompressSync(raw, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11 } }).length).trim()})`;
      rows.push(`  ${file.padEnd(26)} ${kb(raw.length)} raw ${kb(br)} sent${note}`);
    }
    console.log(`site sizes:\n${rows.join('\n')}\n  ${'total'.padEnd(26)} ${(totalRaw / 1024).toFixed(1).padStart(7)} KiB raw ${(totalBr / 1024).toFixed(1).padStart(7)} KiB sent with brotli`);
    for (const file of ['catalyseurs.wasm', 'catalyseurs.js', 'index.html', 'main.js', 'bridge.js', 'style.css', 'strings.json', 'inter.otf', 'data/catalyseurs.geojson', 'data/territoires.geojson']) {
      assert.ok(files.includes(file), `${file} is missing from the site`);
    }
    // Static hosting with no compression on the fly relies on these (DESIGN §6).
    assert.deepEqual(missing, [], `every ${handled.join('/')} file must ship with .br and .gz beside it`);
    assert.deepEqual(stale, [], 'these pre-compressed files do not match the file beside them');
    assert.deepEqual(unexpected, [], 'pre-compressed variants of files precompress.sh does not handle are left over from an older build');
    assert.deepEqual(uncovered, [], 'these files are neither pre-compressed nor of an already compressed type');
  });
});
