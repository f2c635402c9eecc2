// Lighthouse's performance audit of our map and of the two peer pages showing the same data
// (Leaflet + markercluster, MapLibre GL JS), in one run: score, total blocking time, largest
// and first contentful paint, speed index (and layout shift, which the score also weighs),
// with each page's ratio to Leaflet. Lighthouse's
// default configuration: a mid-range phone emulated, its network and a 4× slower CPU
// simulated from what the browser recorded. Pages take turns over the runs; medians are
// printed.
//
//   node tests/bench/lighthouse_bench.mjs [--site build/wasm/site] [--runs 3] [--json FILE]
//
// The pages are the peers benchmark's (tests/bench/peer_sites.mjs), served from 127.0.0.1 by
// scripts/serve.mjs with brotli; Chromium is started by chrome-launcher with the executable
// and flags of the browser tests' launchBrowser(), headless. Nothing else is reached.
// Figures vary with the machine and its load: compare the columns of one run only.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { startServer } from '../../scripts/serve.mjs';
import { browserSettings } from '../e2e/support.mjs';
import { median } from './bench_stats.mjs';
import { assemblePeerSites, shippedSize } from './peer_sites.mjs';

const root = resolve(new URL('../..', import.meta.url).pathname);
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const site = resolve(root, option('--site', 'build/wasm/site'));
const runs = Number(option('--runs', '3'));
const jsonFile = option('--json', null);

const PAGES = { ours: '', leaflet: 'leaflet.html', maplibre: 'maplibre.html' };
const AUDITS = {
  total_blocking_time_ms: 'total-blocking-time',
  largest_contentful_paint_ms: 'largest-contentful-paint',
  first_contentful_paint_ms: 'first-contentful-paint',
  speed_index_ms: 'speed-index',
  cumulative_layout_shift: 'cumulative-layout-shift',  // the score's fifth metric
};

const size = shippedSize(site);
const sites = assemblePeerSites(site, [size]);
process.on('exit', sites.remove);  // also when the run fails before its end
const server = await startServer(sites.dirs[size], { port: 0, quiet: true });
const base = `http://127.0.0.1:${server.address().port}/`;
const settings = browserSettings();  // the browser tests' executable and flags
let chrome = null;
try {
  chrome = await chromeLauncher.launch({
    chromePath: settings.executablePath,
    chromeFlags: [...(settings.headless ? ['--headless'] : []), ...settings.args],
  });
  const results = Object.fromEntries(Object.keys(PAGES).map((name) => [name, []]));
  const foreign = new Set();
  let about = '';
  for (let run = 0; run < runs; ++run) {
    for (const [name, path] of Object.entries(PAGES)) {
      const { lhr } = await lighthouse(base + path, { port: chrome.port, onlyCategories: ['performance'], output: 'json', logLevel: 'error' });
      about = `Lighthouse ${lhr.lighthouseVersion} on ${lhr.environment.hostUserAgent.match(/Chrome\/[\d.]+/)?.[0]}`;
      if (lhr.runtimeError) throw new Error(`${name}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
      for (const request of lhr.audits['network-requests'].details?.items ?? []) {
        if (!request.url.startsWith(base) && !request.url.startsWith('data:') && !request.url.startsWith('blob:')) foreign.add(request.url);
      }
      const figures = { performance_score: lhr.categories.performance.score === null ? null : 100 * lhr.categories.performance.score };
      const warnings = [...lhr.runWarnings];
      // Audits that could not run are listed, with why, grouped by reason.
      const failed = new Map();
      for (const a of Object.values(lhr.audits).filter((x) => x.scoreDisplayMode === 'error')) {
        const why = a.errorMessage.split('\n')[0];
        failed.set(why, [...(failed.get(why) ?? []), a.id]);
      }
      for (const [why, ids] of failed) warnings.push(`${ids.join(', ')} failed: ${why}`);
      for (const [key, id] of Object.entries(AUDITS)) {
        const audit = lhr.audits[id];
        figures[key] = audit.numericValue ?? null;
      }
      results[name].push({ figures, warnings });
      console.error(`run ${run + 1}/${runs} ${name}: ${JSON.stringify(figures)}`);
    }
  }
  const medians = Object.fromEntries(Object.entries(results).map(([name, rs]) => [name, Object.fromEntries(
    Object.keys(rs[0].figures).map((key) => {
      const values = rs.map((r) => r.figures[key]).filter((v) => v !== null);
      return [key, values.length ? median(values) : null];
    }),
  )]));
  const fmt = (v) => (v === null ? '–' : Number(v.toFixed(2)));
  const ratio = (a, b) => (a === null || b === null || !b ? '–' : fmt(a / b));
  console.log(`${about}, default (mobile) configuration, medians of ${runs} runs`);
  console.table(Object.fromEntries(Object.keys(medians.ours).map((key) => [key, {
    ours: fmt(medians.ours[key]), leaflet: fmt(medians.leaflet[key]), maplibre: fmt(medians.maplibre[key]),
    'ours/leaflet': ratio(medians.ours[key], medians.leaflet[key]),
    'maplibre/leaflet': ratio(medians.maplibre[key], medians.leaflet[key]),
  }])));
  for (const [name, rs] of Object.entries(results)) {
    const warnings = [...new Set(rs.flatMap((r) => r.warnings))];
    if (warnings.length) console.log(`${name}: ${warnings.join('\n  ')}`);
  }
  if (foreign.size) console.log(`requests beyond the local server:\n  ${[...foreign].join('\n  ')}`);
  if (jsonFile) writeFileSync(resolve(jsonFile), `${JSON.stringify({ runs, medians, results }, null, 2)}\n`);
} finally {
  if (chrome) chrome.kill();
  server.close();
}
