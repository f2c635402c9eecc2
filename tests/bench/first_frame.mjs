// The time to the first complete frame with data, for two builds of the site measured in
// turn, in the same browser and under the same load: did a change delay the first frame?
// Each visit is a fresh browser context at 1280×800; « ready » is window.catalyseurs.ready,
// « after wasm » the part of it spent once the engine's bytes have arrived (compiling,
// loading the data, drawing).
//
//   node tests/bench/first_frame.mjs --before SITE --after SITE [--rounds 8]
//
// Figures vary with the machine and its load: compare the two columns of one run, never
// against a fixed threshold.
import { resolve } from 'node:path';
import { startServer } from '../../scripts/serve.mjs';
import { launchBrowser } from '../e2e/support.mjs';

const root = resolve(new URL('../..', import.meta.url).pathname);
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const sites = { before: option('--before', null), after: option('--after', 'build/wasm/site') };
if (!sites.before) {
  console.error('usage: node tests/bench/first_frame.mjs --before SITE --after SITE [--rounds 8]');
  process.exit(2);
}
const rounds = Number(option('--rounds', '8'));

const servers = {};
for (const [name, dir] of Object.entries(sites)) servers[name] = await startServer(resolve(root, dir), { port: 0, quiet: true });
const browser = await launchBrowser();
const runs = { before: [], after: [] };
for (let round = 0; round < rounds; round++) {
  // Alternate which build goes first, so that neither always gets the warmer browser.
  const order = round % 2 ? ['after', 'before'] : ['before', 'after'];
  for (const name of order) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(`http://127.0.0.1:${servers[name].address().port}/`);
    const ready = await page.evaluate(async () => { await window.catalyseurs.ready; return performance.now(); });
    const wasm = await page.evaluate(() => performance.getEntriesByType('resource').find((e) => e.name.endsWith('/catalyseurs.wasm'))?.responseEnd ?? 0);
    runs[name].push({ ready, afterWasm: ready - wasm });
    await context.close();
  }
}
await browser.close();
for (const s of Object.values(servers)) s.close();

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const row = (name) => ({
  build: name,
  ready_ms_median: Math.round(median(runs[name].map((r) => r.ready))),
  ready_ms_all: runs[name].map((r) => Math.round(r.ready)).join(' '),
  after_wasm_ms_median: Math.round(median(runs[name].map((r) => r.afterWasm))),
});
const table = [row('before'), row('after')];
console.table(table);
console.log(`after / before (median ready): ${(table[1].ready_ms_median / table[0].ready_ms_median).toFixed(2)}`);
