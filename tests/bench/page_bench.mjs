// Browser benchmark of the map page in headless Chromium (software WebGL): start-up, a
// keystroke in the search field until the list and the map are updated, frame intervals
// while panning, and idle CPU — at the shipped 350 entries and at a synthetic 100 000.
//
//   node tests/bench/page_bench.mjs [--sizes 350,100000] [--site build/wasm/site]
//
// Figures vary with the machine and its load: compare runs made together, never against
// a fixed threshold.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startServer } from '../../scripts/serve.mjs';
import { launchBrowser } from '../e2e/support.mjs';

const root = resolve(new URL('../..', import.meta.url).pathname);
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const sizes = option('--sizes', '350,100000').split(',').map(Number);
const site = resolve(root, option('--site', 'build/wasm/site'));

const work = mkdtempSync(join(tmpdir(), 'catalyseurs-bench-'));
const server = await startServer(site, { port: 0, quiet: true });
const base = `http://127.0.0.1:${server.address().port}/`;
const browser = await launchBrowser();  // the browser tests' own launch settings

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const p95 = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(s.length * 0.95))]; };

async function measure(size) {
  let body = null;
  if (size !== 350) {
    const file = join(work, `catalyseurs-${size}.geojson`);
    execFileSync('node', [join(root, 'geodata/generate-synthetic.mjs'), String(size), file], { stdio: 'ignore' });
    body = readFileSync(file);
  }
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  if (body) await page.route('**/data/catalyseurs.geojson', (route) => route.fulfill({ body, contentType: 'application/geo+json' }));
  const started = Date.now();
  await page.goto(base);
  await page.evaluate(() => window.catalyseurs.ready);
  const ready = Date.now() - started;
  await page.waitForTimeout(500);

  // Keystroke → list count updated → next frame presented.
  const keystrokes = [];
  for (const [i, letter] of [...'lyon'].entries()) {
    await page.focus('#search');
    const measured = page.evaluate(() => new Promise((done) => {
      const count = document.getElementById('count');
      const before = count.textContent;
      let t0 = 0;
      document.getElementById('search').addEventListener('keydown', () => { t0 = performance.now(); }, { once: true });
      const observer = new MutationObserver(() => {
        if (!t0 || count.textContent === before) return;
        observer.disconnect();
        const listed = performance.now() - t0;
        requestAnimationFrame(() => requestAnimationFrame(() => done({ listed, drawn: performance.now() - t0 })));
      });
      observer.observe(count, { childList: true, characterData: true, subtree: true });
      setTimeout(() => done(null), 5000);
    }));
    await page.keyboard.press(letter);
    const m = await measured;
    if (m && i > 0) keystrokes.push(m);  // the first letter also warms the page up
  }
  await page.fill('#search', '');
  await page.dispatchEvent('#search', 'input');

  // Frame intervals during a drag of the map.
  const box = await page.locator('#canvas').boundingBox();
  await page.evaluate(() => {
    window.__frames = [];
    window.__recording = true;
    const tick = (t) => { window.__frames.push(t); if (window.__recording) requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  });
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  for (let i = 0; i < 60; ++i) await page.mouse.move(box.x + box.width / 2 - i * 5, box.y + box.height / 2 - i * 2);
  await page.mouse.up();
  const frames = await page.evaluate(() => {
    window.__recording = false;  // our own rAF loop must not count as the page's idle work
    return window.__frames.slice(1).map((t, i) => t - window.__frames[i]);
  });

  // Idle CPU over 5 s.
  await page.waitForTimeout(1000);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const metrics = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  const a = await metrics();
  await page.waitForTimeout(5000);
  const b = await metrics();
  await context.close();
  return {
    size,
    ready_ms: ready,
    keystroke_to_list_ms: median(keystrokes.map((k) => k.listed)),
    keystroke_to_frame_ms: median(keystrokes.map((k) => k.drawn)),
    pan_frame_ms_median: median(frames),
    pan_frame_ms_p95: p95(frames),
    idle_cpu_percent: (100 * (b.TaskDuration - a.TaskDuration)) / 5,
  };
}

try {
  const results = [];
  for (const size of sizes) results.push(await measure(size));
  console.table(results.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'number' ? Number(v.toFixed(2)) : v]))));
} finally {
  await browser.close();
  server.close();
  rmSync(work, { recursive: true, force: true });
}
