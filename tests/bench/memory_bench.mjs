// The engine's memory with big directories: for each size, the page is opened on a synthetic
// file of that many entries (geodata/generate-synthetic.mjs) and, once it is ready or has
// said why not, the size of the WebAssembly memory (what the wasm heap grew to) and the
// main thread's JS heap are printed, with the page's own verdict.
//
//   node tests/bench/memory_bench.mjs [--sizes 350,100000,1000000] [--site build/wasm/site]
//
// The wasm memory never shrinks: its size is the peak of the whole start-up.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startServer } from '../../scripts/serve.mjs';
import { launchBrowser } from '../e2e/support.mjs';

const root = resolve(new URL('../..', import.meta.url).pathname);
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const sizes = option('--sizes', '350,100000,1000000').split(',').map(Number);
const site = resolve(root, option('--site', 'build/wasm/site'));

// A copy of the site whose data/catalyseurs.geojson each size replaces, served as is (a
// file of hundreds of MB is too large to hand to the browser through Playwright).
const work = mkdtempSync(join(tmpdir(), 'catalyseurs-memory-'));
const served = join(work, 'site');
cpSync(site, served, { recursive: true });
const shipped = join(work, 'shipped.geojson');
cpSync(join(served, 'data/catalyseurs.geojson'), shipped);
for (const ext of ['.br', '.gz']) rmSync(join(served, `data/catalyseurs.geojson${ext}`), { force: true });
const server = await startServer(served, { port: 0, quiet: true });
const base = `http://127.0.0.1:${server.address().port}/`;
const browser = await launchBrowser();
const rows = [];
try {
  for (const size of sizes) {
    const file = join(served, 'data/catalyseurs.geojson');
    if (size === 350) cpSync(shipped, file);
    else execFileSync('node', [join(root, 'geodata/generate-synthetic.mjs'), String(size), file], { stdio: 'ignore' });
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    // Keep a hand on the engine's memory: the module is not global.
    // instantiate() gives {module, instance} for bytes and an Instance for a compiled module,
    // which is how the page does it (web/boot.js compiles while it downloads).
    await page.addInitScript(() => {
      const keep = (result) => {
        const instance = result instanceof WebAssembly.Instance ? result : result.instance;
        window.__wasmMemory = Object.values(instance.exports).find((e) => e instanceof WebAssembly.Memory);
        return result;
      };
      const streaming = WebAssembly.instantiateStreaming;
      WebAssembly.instantiateStreaming = (...a) => streaming(...a).then(keep);
      const plain = WebAssembly.instantiate;
      WebAssembly.instantiate = (...a) => plain(...a).then(keep);
    });
    const started = Date.now();
    await page.goto(base);
    const verdict = await page.evaluate(() => Promise.race([
      window.catalyseurs.ready.then(() => 'ready', (e) => `refused: ${e.message}`),
      new Promise((done) => setTimeout(() => done('pending after 180 s'), 180_000)),
    ]));
    const ms = Date.now() - started;
    const shown = await page.evaluate(() => (document.getElementById('error')?.hidden === false ? document.getElementById('error').innerText.replace(/\s+/g, ' ').trim() : ''));
    const wasm = await page.evaluate(() => window.__wasmMemory?.buffer.byteLength ?? 0);
    await cdp.send('HeapProfiler.collectGarbage');
    const js = (await cdp.send('Runtime.getHeapUsage')).usedSize;
    rows.push({
      entries: size,
      file_MB: +(statSync(file).size / 1e6).toFixed(1),
      outcome: verdict,
      ms,
      wasm_memory_MB: +(wasm / 2 ** 20).toFixed(1),
      js_heap_MB: +(js / 2 ** 20).toFixed(1),
      message: shown.slice(0, 160),
    });
    console.error(JSON.stringify(rows.at(-1)));
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
  rmSync(work, { recursive: true, force: true });
}
console.table(rows);
