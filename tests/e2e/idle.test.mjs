// Nothing is redrawn while nothing changes (DESIGN §5.3: idle CPU ≈ 0), and a keystroke
// in the search reaches the list quickly. The figures are printed, measured in headless
// Chromium with software WebGL; only facts that do not depend on the machine's speed are
// asserted.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { loadDataset, sharedPage } from './support.mjs';

const IDLE_MS = 10_000;
const features = loadDataset().features;

// Counts animation-frame callbacks and WebGL draws from the start, before the map exists.
function instrument() {
  window.__frames = 0;
  window.__draws = 0;
  const raf = window.requestAnimationFrame.bind(window);
  window.requestAnimationFrame = (callback) => raf((time) => { window.__frames++; callback(time); });
  const proto = window.WebGL2RenderingContext && WebGL2RenderingContext.prototype;
  if (proto) {
    for (const name of ['drawArrays', 'drawElements', 'drawArraysInstanced', 'drawElementsInstanced', 'drawRangeElements', 'clear']) {
      const original = proto[name];
      proto[name] = function (...args) { window.__draws++; return original.apply(this, args); };
    }
  }
}

const shared = sharedPage({ setup: (p) => p.addInitScript(instrument) });
let page;
let cdp;

before(async () => {
  ({ page } = await shared.ready());
  cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
});

async function metrics() {
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  const m = Object.fromEntries(list.map((x) => [x.name, x.value]));
  const counters = await page.evaluate(() => ({ frames: window.__frames, draws: window.__draws }));
  return { task: m.TaskDuration, script: m.ScriptDuration, layout: m.LayoutDuration, style: m.RecalcStyleDuration, ...counters };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

describe('idle and responsiveness', () => {
  test(`no frame is drawn over ${IDLE_MS / 1000} s of idle`, async () => {
    const state = await page.evaluate(() => window.catalyseurs.state());
    assert.equal(state.total, features.length, `measured with the full dataset (${features.length} entries)`);
    // The pointer off the page and a short pause, so that start-up frames are over.
    await page.mouse.move(0, 0);
    await page.waitForTimeout(1_000);
    const start = await metrics();
    assert.ok(start.draws > 0, 'the instrumentation must see the map’s draws');
    await page.waitForTimeout(IDLE_MS);
    const end = await metrics();
    const seconds = IDLE_MS / 1000;
    const cpu = end.task - start.task;
    console.log(
      `idle ${seconds} s at ${state.total} entries: main-thread tasks ${(cpu * 1000).toFixed(1)} ms (${((100 * cpu) / seconds).toFixed(3)} % of one core), ` +
        `script ${((end.script - start.script) * 1000).toFixed(1)} ms, style+layout ${((end.style - start.style + end.layout - start.layout) * 1000).toFixed(1)} ms, ` +
        `${end.frames - start.frames} animation frames, ${end.draws - start.draws} WebGL draw calls`,
    );
    assert.equal(end.draws - start.draws, 0, 'nothing may be drawn while nothing changes');
    assert.ok(end.frames - start.frames <= 2, `no animation loop may keep running while idle (${end.frames - start.frames} frames)`);
  });

  test('one change draws one frame', async () => {
    await page.mouse.move(0, 0);
    await page.waitForTimeout(500);
    const drawn = () => page.evaluate(() => window.catalyseurs.framesDrawn);
    const settle = () => page.waitForTimeout(600);
    let before = await drawn();
    assert.ok(before > 0, 'the map has drawn its first frames');
    await page.evaluate(() => window.catalyseurs.setFilters({ metiers: ['dialogue'] }));
    await settle();
    assert.equal(await drawn() - before, 1, 'a filter change draws one frame');
    before = await drawn();
    await page.evaluate(() => window.catalyseurs.search('a'));
    await settle();
    assert.equal(await drawn() - before, 1, 'a search draws one frame');
    before = await drawn();
    await page.evaluate(() => { window.catalyseurs.search(''); window.catalyseurs.setFilters({}); });
    await settle();
    assert.equal(await drawn() - before, 1, 'two requests in one task draw one frame');
    before = await drawn();
    await settle();
    assert.equal(await drawn() - before, 0, 'nothing more is drawn once the changes are shown');
  });

  test('a keystroke in the search updates the list: measured', async () => {
    // Timestamps taken in the page: the key reaching the field, the input event (before the
    // page's own handler, which runs the search in the core), and the count redrawn, with
    // the core's state read then.
    await page.evaluate(() => {
      window.__timing = [];
      const search = document.getElementById('search');
      const count = document.getElementById('count');
      let pending = null;
      window.addEventListener('keydown', (e) => { if (e.target === search) pending = { key: performance.now() }; }, true);
      window.addEventListener('input', (e) => { if (e.target === search && pending) pending.input = performance.now(); }, true);
      new MutationObserver(() => {
        if (!pending || pending.input === undefined) return;
        pending.list = performance.now();
        pending.q = window.catalyseurs.state().q;
        pending.matching = window.catalyseurs.state().matching;
        pending.count = count.textContent;
        window.__timing.push(pending);
        pending = null;
      }).observe(count, { childList: true, characterData: true, subtree: true });
    });
    await page.click('#search');
    const word = 'montagne';
    const timings = [];
    for (const letter of word) {
      const before = await page.evaluate(() => window.__timing.length);
      await page.keyboard.press(letter);
      await page.waitForFunction((n) => window.__timing.length > n, before, { timeout: 5_000 }).catch(() => {});
      timings.push(await page.evaluate((n) => window.__timing[n], before));
    }
    const done = timings.filter(Boolean);
    const toList = done.map((t) => t.list - t.key);
    const inPage = done.map((t) => t.list - t.input);
    if (done.length) {
      console.log(
        `keystroke → updated count and list at ${features.length} entries (${done.length} keys): median ${median(toList).toFixed(1)} ms, max ${Math.max(...toList).toFixed(1)} ms; ` +
          `of which the input handler (core search + panel redraw): median ${median(inPage).toFixed(1)} ms`,
      );
    }
    const prefixes = [...word].map((_, i) => word.slice(0, i + 1));
    assert.deepEqual(done.map((t) => t.q), prefixes.slice(0, done.length), 'the core must see every prefix typed');
    assert.equal(done.length, word.length, `the count must be redrawn after each key (${done.length} of ${word.length})`);
    for (const t of done) assert.equal(t.count.replace(/\D/g, '') || '0', String(t.matching), `the count « ${t.count} » shown for « ${t.q} »`);
    assert.equal(await page.inputValue('#search'), word);
  });
});
