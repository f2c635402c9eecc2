// Our map beside two peers showing the same data (Leaflet + markercluster, MapLibre GL JS),
// in one run of headless Chromium (software WebGL). Per page: start-up, bytes sent, JS heap,
// idle CPU; frame intervals and script time per frame while dragging the map and while
// zooming in and out with the wheel; a filter change until the next frame, and for ours a
// search keystroke until the next frame, each with the main-thread work it took. At the
// shipped 350 entries for all three pages, and at synthetic sizes for ours and MapLibre, which
// load the same file (tests/bench/peer_sites.mjs). Pages and sizes are interleaved over the
// rounds; medians are printed, with the ratios ours / peer.
//
//   node tests/bench/peers_bench.mjs [--site build/wasm/site] [--rounds 3]
//     [--sizes 350,10000,100000] [--json FILE]
//
// How each figure is taken (CDP is the Chrome DevTools Protocol):
// - frames are counted by a requestAnimationFrame loop in the page, so a frame is a turn of the
//   page's frame loop, whether or not the page drew anything in it; the p50/p95 are of the
//   intervals between them. Script time per frame is the page's CDP ScriptDuration (main
//   thread: JavaScript and WebAssembly) over the gesture divided by the frames counted.
// - drag: 60 mouse moves from the map's centre; wheel: 8 notches in then 8 out at the centre,
//   60 ms apart, and 300 ms for the last animation. One notch zooms each map by its own step.
// - filter → frame: from the click on a métier box (ours) or from the call that filters the
//   features and gives them to setData (MapLibre, see peers/maplibre-page.js) until the frame
//   after the one that shows the result (for MapLibre, the first frame drawn once the source is
//   updated and all its tiles loaded; « to idle » goes on until its fades are done), for each
//   of: ticking the two commonest métiers in turn, then unticking them.
// - keystroke → frame (ours): « lyon » typed in the search field, the first letter left out as
//   a warm-up, until the frame after the one that follows the result count's change.
// - main-thread and worker work of a filter change or a keystroke: the task time inside its
//   span on the page's main thread and on its dedicated workers (where MapLibre clusters), from
//   a trace of the sequence, the page marking each span with performance.mark. Both pages run
//   these sequences traced.
// - idle CPU: TaskDuration over 5 s without input; JS heap: the main thread's V8 heap after a
//   garbage collection (neither our WebAssembly memory nor MapLibre's worker).
//
// Everything is served from 127.0.0.1 by scripts/serve.mjs (same CSP for all pages, brotli).
// Figures vary with the machine and its load: compare figures from the same run only.
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startServer } from '../../scripts/serve.mjs';
import { launchBrowser } from '../e2e/support.mjs';
import { median, percentile } from './bench_stats.mjs';
import { assemblePeerSites, shippedSize } from './peer_sites.mjs';

const root = resolve(new URL('../..', import.meta.url).pathname);
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const site = resolve(root, option('--site', 'build/wasm/site'));
const rounds = Number(option('--rounds', '3'));
const sizes = option('--sizes', '350,10000,100000').split(',').map(Number);
const jsonFile = option('--json', null);
const shipped = shippedSize(site);
const READY_TIMEOUT_MS = 180_000;

const PAGES = {
  ours: { path: '', ready: () => window.catalyseurs.ready, map: '#canvas', sizes: 'all' },
  leaflet: { path: 'leaflet.html', ready: () => window.peerReadyPromise, map: '#map', sizes: 'shipped' },
  maplibre: { path: 'maplibre.html', ready: () => window.peerReadyPromise, map: '#map', sizes: 'all' },
};
const pagesAt = (size) => Object.keys(PAGES).filter((name) => PAGES[name].sizes === 'all' || size === shipped);

const sites = assemblePeerSites(site, sizes);
process.on('exit', sites.remove);  // also when the run fails before its end
// Bytes are counted where they are sent (response bodies as written, compressed when the
// server has a .br/.gz), so requests made from workers count too. One page runs at a time.
let sent = 0;
const servers = {};
for (const size of sizes) {
  const server = await startServer(sites.dirs[size], { port: 0, quiet: true });
  server.on('request', (req, res) => {
    const write = res.write.bind(res);
    const end = res.end.bind(res);
    res.write = (chunk, ...rest) => { if (chunk) sent += Buffer.byteLength(chunk); return write(chunk, ...rest); };
    res.end = (chunk, ...rest) => { if (chunk && typeof chunk !== 'function') sent += Buffer.byteLength(chunk); return end(chunk, ...rest); };
  });
  servers[size] = server;
}
const browser = await launchBrowser();  // the browser tests' own launch settings

// The two métiers most entries have, at each size: the filter every page applies.
const commonMetiers = Object.fromEntries(sizes.map((size) => {
  const counts = new Map();
  const data = JSON.parse(readFileSync(join(sites.dirs[size], 'data/catalyseurs.geojson'), 'utf8'));
  for (const f of data.features) for (const m of f.properties.metiers) counts.set(m, (counts.get(m) ?? 0) + 1);
  return [size, [...counts].sort((a, b) => b[1] - a[1]).slice(0, 2).map(([m]) => m)];
}));

const metricsOf = async (cdp) => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));

// Frame intervals and script time per frame while `gesture` runs.
async function framesDuring(page, cdp, gesture) {
  await page.evaluate(() => {
    window.__frames = [];
    window.__recording = true;
    const tick = (t) => { window.__frames.push(t); if (window.__recording) requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  });
  const a = await metricsOf(cdp);
  await gesture();
  const b = await metricsOf(cdp);
  const intervals = await page.evaluate(() => {
    window.__recording = false;  // our own loop must not count as the page's idle work
    return window.__frames.slice(1).map((t, i) => t - window.__frames[i]);
  });
  return {
    p50: median(intervals),
    p95: percentile(intervals, 0.95),
    scriptPerFrame: (1000 * (b.ScriptDuration - a.ScriptDuration)) / Math.max(1, intervals.length),
  };
}

async function drag(page, x, y) {
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (let i = 0; i < 60; ++i) await page.mouse.move(x - i * 5, y - i * 2);
  await page.mouse.up();
}

async function wheel(page, x, y) {
  await page.mouse.move(x, y);
  for (const dy of [-100, 100]) {
    for (let i = 0; i < 8; ++i) {
      await page.mouse.wheel(0, dy);
      await page.waitForTimeout(60);
    }
  }
  await page.waitForTimeout(300);
}

// Arms a timer in the page: from the next `event` (seen first, on window) until the frame
// after the one that follows a change of the result count; null after 10 s without a change.
// The span is marked for the trace (bench:start, bench:end).
function armCountTimer(page, event) {
  return page.evaluate((name) => {
    window.__timed = new Promise((done) => {
      const count = document.getElementById('count');
      const before = count.textContent;
      let t0 = 0;
      let timer = 0;
      addEventListener(name, () => { t0 = performance.now(); performance.mark('bench:start'); }, { once: true, capture: true });
      const observer = new MutationObserver(() => {
        if (!t0 || count.textContent === before) return;
        observer.disconnect();
        requestAnimationFrame(() => requestAnimationFrame(() => {
          clearTimeout(timer);
          performance.mark('bench:end');
          done(performance.now() - t0);
        }));
      });
      observer.observe(count, { childList: true, characterData: true, subtree: true });
      timer = setTimeout(() => { observer.disconnect(); done(null); }, 10_000);
    });
  }, event);
}

const FILTER_STEPS = ([a, b]) => [[a], [a, b], [b], []];

async function filterOurs(page, metiers) {
  const details = page.locator('details[data-group="metiers"]');
  if ((await details.count()) && !(await details.evaluate((d) => d.open))) await details.locator('summary').click();
  const out = [];
  let ticked = [];
  for (const step of FILTER_STEPS(metiers)) {
    const value = [...ticked, ...step].find((m) => ticked.includes(m) !== step.includes(m));
    const box = page.locator(`input[name="metiers"][value="${value}"]`);
    await box.scrollIntoViewIfNeeded();
    const { x, y, width, height } = await box.boundingBox();
    await page.mouse.move(x + width / 2, y + height / 2);  // hovering is not part of the change
    await armCountTimer(page, 'click');
    await page.mouse.down();
    await page.mouse.up();
    out.push({ ms: await page.evaluate(() => window.__timed) });
    ticked = step;
  }
  return out;
}

async function filterMaplibre(page, metiers) {
  await page.evaluate(() => window.peerLoadFeatures());
  const out = [];
  for (const step of FILTER_STEPS(metiers)) {
    out.push(await page.evaluate(async (values) => {
      const t0 = performance.now();
      performance.mark('bench:start');
      await window.peerFilterMetiers(values);
      await new Promise((r) => requestAnimationFrame(r));
      performance.mark('bench:end');
      const ms = performance.now() - t0;
      return { ms, idleMs: (await window.peerFilterSettled) - t0 };
    }, step));
  }
  return out;
}

// The first letter wakes the search up and is left out.
async function keystrokesOurs(page) {
  const out = [];
  await page.focus('#search');
  for (const [i, letter] of [...'lyon'].entries()) {
    await armCountTimer(page, 'keydown');
    await page.keyboard.press(letter);
    out.push({ ms: await page.evaluate(() => window.__timed), warmUp: i === 0 });
  }
  await page.fill('#search', '');
  await page.dispatchEvent('#search', 'input');
  return out;
}

// Runs `changes` (→ [{ms, …}], ms null for a change that never showed) under a trace, and
// adds to each completed one the task time within its marked span on the page's main thread
// (mainMs) and on its dedicated workers (workerMs). Tasks are the trace's top-level ones
// (ThreadControllerImpl::RunTask), counted for the part of them inside the span.
async function withWork(page, changes) {
  await browser.startTracing(page, { categories: ['toplevel', 'blink.user_timing'] });
  let out;
  let trace;
  try {
    out = await changes();
  } finally {
    trace = JSON.parse(await browser.stopTracing());
  }
  const events = trace.traceEvents ?? trace;
  const marks = events.filter((e) => e.cat === 'blink.user_timing' && e.name.startsWith('bench:')).sort((a, b) => a.ts - b.ts);
  const spans = [];
  for (let i = 0; i + 1 < marks.length; ++i) {
    if (marks[i].name === 'bench:start' && marks[i + 1].name === 'bench:end') spans.push([marks[i].ts, marks[i + 1].ts]);
  }
  const pid = marks[0]?.pid;
  const threadName = new Map(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.pid === pid).map((e) => [e.tid, e.args.name]));
  const tasks = events.filter((e) => e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask' && e.pid === pid);
  const within = ([from, to], thread) => tasks.reduce((sum, e) => (threadName.get(e.tid) === thread
    ? sum + Math.max(0, Math.min(to, e.ts + e.dur) - Math.max(from, e.ts)) : sum), 0) / 1000;
  const completed = out.filter((c) => c.ms !== null);
  if (completed.length !== spans.length) throw new Error(`${completed.length} changes completed, ${spans.length} marked in the trace`);
  completed.forEach((c, i) => Object.assign(c, { mainMs: within(spans[i], 'CrRendererMain'), workerMs: within(spans[i], 'DedicatedWorker thread') }));
  return out.filter((c) => !c.warmUp);
}

const settle = (page) => page.waitForTimeout(500);
// The median of each figure over the changes that completed; null where none did.
function medianOf(changes) {
  const done = changes.filter((c) => c.ms !== null);
  const of = (key) => (done.length && done[0][key] !== undefined ? median(done.map((c) => c[key])) : null);
  return { ms: of('ms'), mainMs: of('mainMs'), workerMs: of('workerMs'), idleMs: of('idleMs') };
}
const NONE = medianOf([]);

async function measure(name, size) {
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
  if (process.env.PEERS_DEBUG) console.error('measuring', name, size);
  await page.goto(`http://127.0.0.1:${servers[size].address().port}/${spec.path}`);
  // A page that never becomes ready fails the run instead of hanging it.
  let timer;
  await Promise.race([page.evaluate(spec.ready), new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${name} at ${size}: not ready after ${READY_TIMEOUT_MS / 1000} s: ${errors.join('; ')}`)), READY_TIMEOUT_MS);
  })]).finally(() => clearTimeout(timer));
  const ready = Date.now() - started;
  await page.waitForTimeout(500);  // late requests (e.g. a favicon) land in the byte count
  const bytes = sent;
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = (await cdp.send('Runtime.getHeapUsage')).usedSize;

  const a = await metricsOf(cdp);
  await page.waitForTimeout(5000);
  const b = await metricsOf(cdp);

  // Filters and search at the opening view, before any gesture has moved it.
  const filterer = { ours: filterOurs, maplibre: filterMaplibre }[name];
  const filter = filterer ? medianOf(await withWork(page, () => filterer(page, commonMetiers[size]))) : NONE;
  await settle(page);
  const keystroke = name === 'ours' ? medianOf(await withWork(page, () => keystrokesOurs(page))) : NONE;
  await settle(page);

  const box = await page.locator(spec.map).boundingBox();
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  const dragged = await framesDuring(page, cdp, () => drag(page, x, y));
  await settle(page);
  const zoomed = await framesDuring(page, cdp, () => wheel(page, x, y));
  await context.close();
  return {
    metrics: {
      ready_ms: ready,
      bytes_kB: bytes / 1024,
      js_heap_MB: heap / 2 ** 20,
      idle_cpu_percent: (100 * (b.TaskDuration - a.TaskDuration)) / 5,
      drag_frame_p50_ms: dragged.p50,
      drag_frame_p95_ms: dragged.p95,
      drag_script_ms_per_frame: dragged.scriptPerFrame,
      wheel_frame_p50_ms: zoomed.p50,
      wheel_frame_p95_ms: zoomed.p95,
      wheel_script_ms_per_frame: zoomed.scriptPerFrame,
      filter_to_frame_ms: filter.ms,
      filter_main_thread_ms: filter.mainMs,
      filter_to_idle_ms: filter.idleMs,
      filter_worker_ms: filter.workerMs,
      keystroke_to_frame_ms: keystroke.ms,
      keystroke_main_thread_ms: keystroke.mainMs,
    },
    errors,
  };
}

try {
  const results = Object.fromEntries(sizes.map((size) => [size, Object.fromEntries(pagesAt(size).map((name) => [name, []]))]));
  for (let r = 0; r < rounds; ++r) {
    for (const size of sizes) for (const name of pagesAt(size)) results[size][name].push(await measure(name, size));
  }
  const fmt = (v) => (v === null || v === undefined ? '–' : Number(v.toFixed(2)));
  const ratio = (a, b) => (a === null || b === null || a === undefined || b === undefined || !b ? null : a / b);
  const report = { chromium: browser.version(), rounds, sizes, filter_metiers: commonMetiers, medians: {}, ratios: {}, runs: results };
  for (const size of sizes) {
    const med = Object.fromEntries(Object.entries(results[size]).map(([page, runs]) => {
      const names = Object.keys(runs[0].metrics);
      return [page, Object.fromEntries(names.map((m) => {
        const values = runs.map((run) => run.metrics[m]).filter((v) => v !== null);
        return [m, values.length ? median(values) : null];
      }))];
    }));
    const names = Object.keys(med.ours);
    const ratios = {};
    for (const peer of ['leaflet', 'maplibre']) {
      if (med[peer]) ratios[`ours/${peer}`] = Object.fromEntries(names.map((m) => [m, ratio(med.ours[m], med[peer][m])]));
    }
    report.medians[size] = med;
    report.ratios[size] = ratios;
    console.log(`\n${size} entries (${size === shipped ? 'shipped data' : 'synthetic'}), medians of ${rounds} rounds`);
    console.table(Object.fromEntries(names.filter((m) => Object.values(med).some((p) => p[m] !== null)).map((m) => [m, {
      ...Object.fromEntries(Object.keys(PAGES).map((page) => [page, fmt(med[page]?.[m])])),
      ...Object.fromEntries(Object.entries(ratios).map(([k, r]) => [k, fmt(r[m])])),
    }])));
  }
  for (const size of sizes) {
    for (const [k, rs] of Object.entries(results[size])) {
      const errs = [...new Set(rs.flatMap((x) => x.errors))];
      if (errs.length) console.log(`${k} at ${size}: console errors/warnings:\n  ${errs.join('\n  ')}`);
    }
  }
  if (jsonFile) writeFileSync(resolve(jsonFile), `${JSON.stringify(report, null, 2)}\n`);
} finally {
  await browser.close();
  for (const server of Object.values(servers)) server.close();
}
