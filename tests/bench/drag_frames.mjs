// The page's script time per frame while the map only moves, for two builds of the site
// measured in turn in one headless Chromium (software WebGL) at 1280×800: the mouse drags the
// map round a circle for a few seconds, or the wheel zooms in and out, and the time Chromium
// counts as script (Performance.getMetrics ScriptDuration: our JavaScript, the WebAssembly it
// calls and the WebGL calls it makes) is divided by the animation frames in that time.
// Views: the overview, a region close enough for the départements, the regional view and an
// overseas inset.
//
//   node tests/bench/drag_frames.mjs --before SITE --after SITE [--rounds 5] [--seconds 3]
//                                    [--shots DIR]
//
// With --shots, a screenshot of each view is written per build before it is dragged, so that
// the two pictures can be compared. Compare the two columns of one run only: figures vary
// with the machine and its load.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startServer } from '../../scripts/serve.mjs';
import { launchBrowser } from '../e2e/support.mjs';

const root = resolve(new URL('../..', import.meta.url).pathname);
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const sites = { before: option('--before', null), after: option('--after', 'build/wasm/site') };
if (!sites.before) {
  console.error('usage: node tests/bench/drag_frames.mjs --before SITE --after SITE [--rounds 5] [--seconds 3] [--shots DIR]');
  process.exit(2);
}
const rounds = Number(option('--rounds', '5'));
const seconds = Number(option('--seconds', '3'));
const shots = option('--shots', null);
if (shots) mkdirSync(shots, { recursive: true });

// Each view: the page's query, then where to centre it (lon, lat, km across), and the gesture.
const VIEWS = {
  overview: { query: '', gesture: 'drag' },
  departements: { query: '', centerOn: [4.83, 45.76, 320], gesture: 'drag' },
  regional: { query: '?vue=regions', gesture: 'drag' },
  inset: { query: '', centerOn: [-53.1, 4.0, 600], gesture: 'drag' },
  zoom: { query: '', gesture: 'wheel' },
};

const servers = {};
for (const [name, dir] of Object.entries(sites)) servers[name] = await startServer(resolve(root, dir), { port: 0, quiet: true });
const browser = await launchBrowser();

async function measure(build, viewName) {
  const view = VIEWS[viewName];
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(`http://127.0.0.1:${servers[build].address().port}/${view.query}`);
  await page.evaluate(() => window.catalyseurs.ready);
  if (view.centerOn) await page.evaluate(([lon, lat, km]) => window.catalyseurs.centerOn(lon, lat, km), view.centerOn);
  const box = await page.locator('#canvas').boundingBox();
  const cx = box.x + box.width / 2, cy = box.y + box.height / 2;
  // Away from the map, so that no hover or tooltip shows in the screenshot.
  await page.mouse.move(5, 5);
  await page.waitForTimeout(400);
  if (shots) writeFileSync(join(shots, `${viewName}-${build}.png`), await page.screenshot({ clip: box }));

  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const metrics = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  await page.evaluate(() => {
    window.__frames = 0;
    window.__counting = true;
    const tick = () => { window.__frames++; if (window.__counting) requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  });
  await page.mouse.move(cx, cy);
  const start = await metrics();
  const framesAtStart = await page.evaluate(() => window.__frames);
  const until = Date.now() + seconds * 1000;
  if (view.gesture === 'drag') {
    // Round a circle of 120 px, so that the map stays in view however long the drag lasts.
    await page.mouse.down();
    for (let step = 0; Date.now() < until; ++step) {
      const a = step * 0.12;
      await page.mouse.move(cx + 120 * Math.sin(a), cy + 120 * (1 - Math.cos(a)));
    }
    await page.mouse.up();
  } else {
    for (let step = 0; Date.now() < until; ++step) {
      await page.mouse.wheel(0, step % 16 < 8 ? -60 : 60);
      await page.waitForTimeout(16);
    }
  }
  const end = await metrics();
  const frames = (await page.evaluate(() => { window.__counting = false; return window.__frames; })) - framesAtStart;
  await context.close();
  const script = (end.ScriptDuration - start.ScriptDuration) * 1000;
  return { scriptPerFrame: script / frames, frames, errors };
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const runs = {};
for (const viewName of Object.keys(VIEWS)) runs[viewName] = { before: [], after: [] };
for (let round = 0; round < rounds; round++) {
  // Alternate which build goes first, so that neither always gets the warmer browser.
  const order = round % 2 ? ['after', 'before'] : ['before', 'after'];
  for (const viewName of Object.keys(VIEWS))
    for (const build of order) runs[viewName][build].push(await measure(build, viewName));
}
await browser.close();
for (const s of Object.values(servers)) s.close();

const table = {};
for (const [viewName, byBuild] of Object.entries(runs)) {
  const b = median(byBuild.before.map((r) => r.scriptPerFrame));
  const a = median(byBuild.after.map((r) => r.scriptPerFrame));
  table[viewName] = {
    'before ms/frame': Number(b.toFixed(3)),
    'after ms/frame': Number(a.toFixed(3)),
    'after/before': Number((a / b).toFixed(2)),
    'frames before': median(byBuild.before.map((r) => r.frames)),
    'frames after': median(byBuild.after.map((r) => r.frames)),
  };
}
console.table(table);
for (const [viewName, byBuild] of Object.entries(runs))
  for (const [build, rs] of Object.entries(byBuild)) {
    const errs = [...new Set(rs.flatMap((r) => r.errors))];
    if (errs.length) console.log(`${viewName} ${build}: page errors:\n  ${errs.join('\n  ')}`);
  }
