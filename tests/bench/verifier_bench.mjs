// Browser benchmark of « Vérifier un tableur » in headless Chromium: the checker's load
// (module and gazetteer), then the time to check a file in the page (the wasm's
// readSpreadsheet and report) and to show it (problems, plot, table of every row), for the
// shipped spreadsheet and for a generated one of 10 000 rows; the command line on the same
// files for comparison.
//
//   node tests/bench/verifier_bench.mjs [--rows 10000] [--runs 5] [--site build/wasm/site] [--csv FILE]
//
// --csv also keeps the generated spreadsheet, to try by hand in the page.
//
// Figures vary with the machine and its load: compare runs made together, never against a
// fixed threshold.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { csvField } from '../../geodata/generate-demo.mjs';
import { startServer } from '../../scripts/serve.mjs';
import { launchBrowser } from '../e2e/support.mjs';

const root = resolve(new URL('../..', import.meta.url).pathname);
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const rows = Number(option('--rows', '10000'));
const runs = Number(option('--runs', '5'));
const site = resolve(root, option('--site', 'build/wasm/site'));
const cli = join(root, 'build', 'native', 'geodata', 'catalyseurs-csv');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// `n` rows of the shipped spreadsheet's shape, each in a different commune of the gazetteer
// (by name and département, so that every row is geocoded by name as a person would write it).
function generated(n) {
  const shipped = readFileSync(join(root, 'geodata', 'catalyseurs.csv'), 'utf8').split('\n')[0];
  const communes = readFileSync(join(root, 'geodata', 'communes.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
  const metiers = ['dialogue', 'experimentation', 'accompagnement', 'lieu'];
  const lines = [shipped];
  for (let i = 0; i < n; ++i) {
    const [, nom, departement] = communes[(i * 7919) % communes.length];
    lines.push([`catalyseur-${i}`, `Catalyseur fictif n° ${i}`, 'association', metiers[i % 4], 'emploi;culture', nom, '', departement, '',
      '', `Entrée générée pour la mesure, à ${nom}.`, '', 'true'].map(csvField).join(','));
  }
  return `${lines.join('\n')}\n`;
}

const work = mkdtempSync(join(tmpdir(), 'verifier-bench-'));
const files = [['catalyseurs.csv', join(root, 'geodata', 'catalyseurs.csv')], [`${rows}-lignes.csv`, join(work, `${rows}.csv`)]];
writeFileSync(files[1][1], generated(rows));
if (option('--csv', null)) writeFileSync(option('--csv', null), readFileSync(files[1][1]));

const server = await startServer(site, { port: 0, quiet: true });
const browser = await launchBrowser();
const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
const page = await context.newPage();
const loadStarted = Date.now();
await page.goto(`http://127.0.0.1:${server.address().port}/verifier.html`);
await page.waitForFunction(() => window.checker);
await page.evaluate(() => window.checker.ready);
await page.waitForSelector('#file:enabled', { state: 'attached' });
const loadMs = Date.now() - loadStarted;
const wasm = statSync(join(site, 'checker.wasm')).size;
const wasmBr = statSync(join(site, 'checker.wasm.br')).size;
console.log(`checker.wasm: ${wasm} bytes, ${wasmBr} brotli; page ready (module + gazetteer) in ${loadMs} ms`);

for (const [name, path] of files) {
  const buffer = readFileSync(path);
  const check = [];
  const total = [];
  const build = [];
  let last;
  for (let r = 0; r < runs; ++r) {
    const before = await page.evaluate(() => Number(document.body.dataset.checked || 0));
    await page.setInputFiles('#file', { name, mimeType: 'text/csv', buffer });
    await page.waitForFunction((n) => Number(document.body.dataset.checked || 0) > n, before, { timeout: 120_000 });
    last = await page.evaluate(() => window.checker.last);
    check.push(last.checkMs);
    build.push(last.buildMs);
    total.push(last.totalMs);
  }
  let cliMs = null;
  try {
    const started = process.hrtime.bigint();
    execFileSync(cli, [path, join(work, 'out.geojson')], { stdio: 'ignore' });
    cliMs = Number(process.hrtime.bigint() - started) / 1e6;
  } catch { /* not built, or problems: reported as such */ }
  console.log(`${name}: ${last.rows} rows (${last.valid} valid, ${last.rejected} rejected, ${last.issues} problems), ${buffer.length} bytes; ` +
    `check ${median(check).toFixed(0)} ms, page built ${median(build).toFixed(0)} ms, check + display ${median(total).toFixed(0)} ms (median of ${runs}); ` +
    `command line ${cliMs === null ? 'n/a' : `${cliMs.toFixed(0)} ms`} (with reading the gazetteer)`);
}

await browser.close();
server.close();
rmSync(work, { recursive: true, force: true });
