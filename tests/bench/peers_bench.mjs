// Our map beside two peers showing the same data (Leaflet + markercluster, MapLibre GL JS),
// in one run of headless Chromium (software WebGL): start-up, bytes sent, JS heap, idle CPU,
// frame interval while dragging. Pages are interleaved over 3 rounds; medians are printed.
//
//   node tests/bench/peers_bench.mjs [--site build/wasm/site] [--rounds 3]
//
// Everything is served from 127.0.0.1 by scripts/serve.mjs (same CSP for all pages).
// Compare figures from the same run only.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startServer } from '../../scripts/serve.mjs';
import { launchBrowser } from '../e2e/support.mjs';

const root = resolve(new URL('../..', import.meta.url).pathname);
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const site = resolve(root, option('--site', 'build/wasm/site'));
const rounds = Number(option('--rounds', '3'));

// Temp site: our build, plus the peer pages and the library files they load, side by side.
const work = mkdtempSync(join(tmpdir(), 'catalyseurs-peers-'));
cpSync(site, work, { recursive: true });
cpSync(join(root, 'tests/bench/peers'), work, { recursive: true });
cpSync(join(root, 'assets/markers.json'), join(work, 'markers.json'));
const nm = join(root, 'node_modules');
for (const f of ['leaflet/dist/leaflet.js', 'leaflet/dist/leaflet.css',
  'leaflet.markercluster/dist/leaflet.markercluster.js', 'leaflet.markercluster/dist/MarkerCluster.css',
  'leaflet.markercluster/dist/MarkerCluster.Default.css',
  'maplibre-gl/dist/maplibre-gl.mjs', 'maplibre-gl/dist/maplibre-gl-worker.mjs', 'maplibre-gl/dist/maplibre-gl.css']) {
  cpSync(join(nm, f), join(work, f.split('/').pop()));
}

const server = await startServer(work, { port: 0, quiet: true });
// Bytes are counted where they are sent (response bodies as written, compressed when the
// server has a .br/.gz), so requests made from workers count too.
let sent = 0;
server.on('request', (req, res) => {
  const write = res.write.bind(res);
  const end = res.end.bind(res);
  res.write = (chunk, ...rest) => { if (chunk) sent += Buffer.byteLength(chunk); return write(chunk, ...rest); };
  res.end = (chunk, ...rest) => { if (chunk && typeof chunk !== 'function') sent += Buffer.byteLength(chunk); return end(chunk, ...rest); };
});
const base = `http://127.0.0.1:${server.address().port}/`;
const browser = await launchBrowser();  // the browser tests' own launch settings

const PAGES = {
  ours: { path: '', ready: () => window.catalyseurs.ready, map: '#canvas' },
  leaflet: { path: 'leaflet.html', ready: () => window.peerReadyPromise, map: '#map' },
  maplibre: { path: 'maplibre.html', ready: () => window.peerReadyPromise, map: '#map' },
};
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

async function measure(name) {
  const spec = PAGES[name];
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors = [];
  page.on('crash', () => errors.push('renderer crashed'));
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') errors.push(m.text()); });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  sent = 0;
  const started = Date.now();
  if (process.env.PEERS_DEBUG) console.error('measuring', name);
  await page.goto(base + spec.path);
  // A page that never becomes ready fails the run instead of hanging it.
  await Promise.race([page.evaluate(spec.ready), page.waitForTimeout(60000).then(() => { throw new Error(`${name}: not ready after 60 s: ${errors.join('; ')}`); })]);
  const ready = Date.now() - started;
  await page.waitForTimeout(500);  // late requests (e.g. a favicon) land in the byte count
  const bytes = sent;
  await cdp.send('HeapProfiler.collectGarbage');
  // Main-thread V8 heap only: neither our wasm linear memory nor MapLibre's worker heap counts.
  const heap = (await cdp.send('Runtime.getHeapUsage')).usedSize;

  // Idle CPU over 5 s (main thread task time).
  const metrics = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  const a = await metrics();
  await page.waitForTimeout(5000);
  const b = await metrics();

  // rAF intervals during a 60-step drag over the map.
  const box = await page.locator(spec.map).boundingBox();
  await page.evaluate(() => {
    window.__frames = [];
    window.__recording = true;
    const tick = (t) => { window.__frames.push(t); if (window.__recording) requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  });
  const x = box.x + box.width / 2, y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (let i = 0; i < 60; ++i) await page.mouse.move(x - i * 5, y - i * 2);
  await page.mouse.up();
  const frames = await page.evaluate(() => {
    window.__recording = false;
    return window.__frames.slice(1).map((t, i) => t - window.__frames[i]);
  });
  await context.close();
  return { ready_ms: ready, bytes_kB: bytes / 1024, js_heap_MB: heap / 2 ** 20,
    idle_cpu_percent: (100 * (b.TaskDuration - a.TaskDuration)) / 5, drag_frame_ms: median(frames), errors };
}

try {
  const results = Object.fromEntries(Object.keys(PAGES).map((k) => [k, []]));
  for (let r = 0; r < rounds; ++r) for (const name of Object.keys(PAGES)) results[name].push(await measure(name));
  const metrics = ['ready_ms', 'bytes_kB', 'js_heap_MB', 'idle_cpu_percent', 'drag_frame_ms'];
  const med = Object.fromEntries(Object.entries(results).map(([k, rs]) => [k, Object.fromEntries(metrics.map((m) => [m, median(rs.map((x) => x[m]))]))]));
  const fmt = (v) => Number(v.toFixed(2));
  const ratio = (a, b) => (b ? fmt(a / b) : '–');
  console.table(Object.fromEntries(metrics.map((m) => [m, {
    ours: fmt(med.ours[m]), leaflet: fmt(med.leaflet[m]), maplibre: fmt(med.maplibre[m]),
    'ours/leaflet': ratio(med.ours[m], med.leaflet[m]), 'ours/maplibre': ratio(med.ours[m], med.maplibre[m]),
  }])));
  for (const [k, rs] of Object.entries(results)) {
    const errs = [...new Set(rs.flatMap((x) => x.errors))];
    if (errs.length) console.log(`${k}: console errors/warnings:\n  ${errs.join('\n  ')}`);
  }
} finally {
  await browser.close();
  server.close();
  rmSync(work, { recursive: true, force: true });
}
