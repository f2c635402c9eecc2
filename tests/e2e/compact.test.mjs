// The compact layout (embed=1, or any frame under 700 px): the map first and nearly full
// frame, the panel a drawer opened and closed by its handle (pointer and keyboard), panel=0
// for the map alone; the canvas' overlays (attribution, scale bar, legend or its toggle, demo
// badge) clear of each other, of the insets and of the page's controls. The overlays' and
// insets' boxes are the engine's (the state request with layout), the controls' the page's
// own DOM boxes, measured here.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { openPage, saveScreenshot, settleFrames, sharedPage, waitReady } from './support.mjs';

const shared = sharedPage(null);

const FRAMES = [
  { width: 600, height: 400, path: '/?embed=1', name: 'compact-600x400' },
  { width: 400, height: 300, path: '/?embed=1', name: 'compact-400x300' },
  { width: 800, height: 600, path: '/?embed=1', name: 'compact-800x600' },
  { width: 650, height: 500, path: '/', name: 'compact-650x500' },
];

// A page of its own for `frame`, ready, given to `check(page, log)`, then closed.
async function withPage(frame, check) {
  const opened = await openPage(shared.browser, shared.site.origin, { viewport: { width: frame.width, height: frame.height }, path: frame.path });
  try {
    await waitReady(opened.page);
    await settleFrames(opened.page, 6);
    await check(opened.page, opened.log);
  } finally {
    await opened.close();
  }
}

// What the engine drew where, through the page's own bridge module.
const engineLayout = (page) =>
  page.evaluate(async () => (await import('./bridge.js')).send({ type: 'state', layout: true }).state.layout);

// The page's controls over the map, in CSS pixels from the canvas' top-left.
const pageBoxes = (page) =>
  page.evaluate(() => {
    const canvas = document.getElementById('canvas').getBoundingClientRect();
    const box = (el) => {
      const r = el.getBoundingClientRect();
      return { left: r.left - canvas.left, top: r.top - canvas.top, right: r.right - canvas.left, bottom: r.bottom - canvas.top };
    };
    const shown = (el) => el.getBoundingClientRect().width > 0 && getComputedStyle(el).visibility !== 'hidden';
    const controls = [...document.querySelectorAll('.map-controls button')].filter(shown).map((el) => ({ id: el.id, ...box(el) }));
    const handle = document.getElementById('sheet-handle');
    return { canvas: canvas.toJSON(), controls, handle: shown(handle) ? box(handle) : null, legendButton: shown(document.getElementById('legend-toggle')) ? box(document.getElementById('legend-toggle')) : null };
  });

const overlap = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
const named = (overlays) => Object.entries(overlays).filter(([, b]) => b && typeof b === 'object');

function overlapProblems(layout, dom) {
  const problems = [];
  const overlays = named(layout.overlays);
  const chrome = [...dom.controls.map((c) => [`control #${c.id}`, c]), ...(dom.handle ? [['the drawer handle', dom.handle]] : [])];
  for (let i = 0; i < overlays.length; i++) {
    const [name, b] = overlays[i];
    if (b.left < 0 || b.top < 0 || b.right > dom.canvas.width + 0.5 || b.bottom > dom.canvas.height + 0.5) problems.push(`${name} runs off the map`);
    for (const [other, c] of overlays.slice(i + 1)) if (overlap(b, c)) problems.push(`${name} overlaps ${other}`);
    for (const inset of layout.insets) if (overlap(b, inset.box)) problems.push(`${name} overlaps the inset ${inset.territory}`);
    for (const [what, c] of chrome) if (overlap(b, c)) problems.push(`${name} overlaps ${what}`);
  }
  for (const inset of layout.insets) for (const [what, c] of chrome) if (overlap(inset.box, c)) problems.push(`the inset ${inset.territory} is under ${what}`);
  for (let i = 0; i < chrome.length; i++) for (const [what, c] of chrome.slice(i + 1)) if (overlap(chrome[i][1], c)) problems.push(`${chrome[i][0]} overlaps ${what}`);
  return problems;
}

const drawer = (page) =>
  page.evaluate(() => ({
    open: document.getElementById('panel').classList.contains('open'),
    expanded: document.getElementById('sheet-handle').getAttribute('aria-expanded'),
    searchVisible: document.getElementById('search').getBoundingClientRect().height > 0,
    focused: document.activeElement?.id || document.activeElement?.tagName,
  }));

describe('the compact layout', () => {
  for (const frame of FRAMES) {
    test(`${frame.width}×${frame.height} ${frame.path}: the map first, nothing over anything`, async () => {
      await withPage(frame, async (page, log) => {
        const dom = await pageBoxes(page);
        assert.ok(dom.canvas.width >= 0.7 * frame.width && dom.canvas.height >= 0.7 * frame.height, `the map takes ${dom.canvas.width}×${dom.canvas.height} of ${frame.width}×${frame.height}`);
        assert.ok(dom.handle, 'the drawer’s handle shows');
        assert.ok(dom.controls.some((c) => c.id === 'zoom-in') && dom.controls.some((c) => c.id === 'regional'), 'the map’s controls show');
        const layout = await engineLayout(page);
        assert.ok(layout.overlays.attribution, 'the credits are drawn');
        assert.ok(layout.overlays.legend || layout.overlays.legendToggle, 'the legend, or the button it collapsed into');
        assert.ok(layout.overlays.badge, 'the demonstration badge is drawn (the shipped data has fictitious entries)');
        assert.ok(layout.insets.length >= 5, 'the insets are drawn');
        assert.deepEqual(overlapProblems(layout, dom), []);
        // The page's button for the toggle is where the engine draws it.
        if (layout.overlays.legendToggle) {
          assert.ok(dom.legendButton, 'a button sits over the legend’s toggle');
          for (const side of ['left', 'top', 'right', 'bottom']) assert.ok(Math.abs(dom.legendButton[side] - layout.overlays.legendToggle[side]) <= 1, `the toggle button’s ${side}`);
        } else {
          assert.equal(dom.legendButton, null, 'no toggle button while the legend is open');
        }
        await saveScreenshot(page, frame.name);
        assert.deepEqual([...log.consoleErrors, ...log.pageErrors], []);
      });
    });
  }

  test('the drawer opens and closes with its handle, by pointer and keyboard, and its filters work', async () => {
    await withPage(FRAMES[0], async (page) => {
      const chromeBefore = (await engineLayout(page)).chrome;
      assert.deepEqual(await drawer(page), { open: false, expanded: 'false', searchVisible: false, focused: 'BODY' }, 'closed at first');

      await page.click('#sheet-handle');
      let d = await drawer(page);
      assert.equal(d.open, true, 'a click opens it');
      assert.equal(d.expanded, 'true');
      assert.equal(d.searchVisible, true, 'the search field shows in the open drawer');
      const panel = await page.evaluate(() => document.getElementById('panel').getBoundingClientRect().toJSON());
      assert.ok(panel.left === 0 && panel.top === 0 && panel.height === 400 && panel.width < 600, `a drawer down the left side (${JSON.stringify(panel)})`);
      await saveScreenshot(page, 'compact-600x400-drawer');

      // A filter inside it filters.
      const total = (await page.evaluate(() => window.catalyseurs.state())).matching;
      await page.check('input[name="metiers"][value="lieu"]');
      const state = await page.evaluate(() => window.catalyseurs.state());
      assert.deepEqual(state.filters.metiers, ['lieu']);
      assert.ok(state.matching > 0 && state.matching < total, 'the tick narrows what the map shows');
      assert.equal(await page.textContent('#sheet-count'), String(state.matching), 'the handle shows the count');
      // Opening the drawer did not move what the engine keeps clear: the map stays put.
      assert.deepEqual((await engineLayout(page)).chrome, chromeBefore);

      await page.click('#sheet-handle');
      assert.equal((await drawer(page)).open, false, 'a second click closes it');

      // Keyboard: Enter opens, Tab goes into it, Escape closes it and gives the focus back.
      await page.focus('#sheet-handle');
      await page.keyboard.press('Enter');
      d = await drawer(page);
      assert.equal(d.open, true, 'Enter on the handle opens the drawer');
      assert.equal(d.focused, 'sheet-handle', 'the focus stays on the handle');
      await page.keyboard.press('Tab');
      assert.equal((await drawer(page)).focused, 'search', 'Tab goes into the drawer, to the search field');
      await page.keyboard.press('Tab');
      assert.equal((await drawer(page)).focused, 'skip-to-map', 'then « Aller à la carte »');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Space');
      assert.deepEqual((await page.evaluate(() => window.catalyseurs.state())).filters.metiers.sort(), ['dialogue', 'lieu'], 'Space ticks the next box');
      await page.keyboard.press('Escape');
      d = await drawer(page);
      assert.equal(d.open, false, 'Escape closes the drawer');
      assert.equal(d.focused, 'sheet-handle', 'and the focus goes back to the handle');
      await page.keyboard.press('Space');
      assert.equal((await drawer(page)).open, true, 'Space opens it too');
      await page.keyboard.press('Escape');

      // The skip link leads to the list, in the drawer it opens.
      await page.focus('.skip-link');
      await page.keyboard.press('Enter');
      d = await drawer(page);
      assert.equal(d.open, true, 'the skip link opens the drawer');
      assert.equal(d.focused, 'results', 'and takes the focus to the list');
    });
  });

  test('the collapsed legend opens on its toggle, still clear of everything', async () => {
    await withPage(FRAMES[1], async (page) => {
      let layout = await engineLayout(page);
      assert.ok(layout.overlays.legendCollapsed && layout.overlays.legendToggle, 'at 400×300 the legend is collapsed');
      assert.equal(layout.overlays.legend, null);
      assert.equal(await page.getAttribute('#legend-toggle', 'aria-expanded'), 'false');
      await page.click('#legend-toggle');
      await settleFrames(page, 4);
      layout = await engineLayout(page);
      assert.ok(layout.overlays.legend, 'clicked, the legend shows');
      assert.ok(layout.overlays.legend.bottom <= layout.overlays.legendToggle.top, 'above its toggle');
      assert.equal(await page.getAttribute('#legend-toggle', 'aria-expanded'), 'true');
      assert.deepEqual(overlapProblems(layout, await pageBoxes(page)), [], 'the overview made room for it');
      await saveScreenshot(page, 'compact-400x300-legend');
      // From the keyboard, it closes again.
      await page.focus('#legend-toggle');
      await page.keyboard.press('Enter');
      await settleFrames(page, 4);
      assert.equal((await engineLayout(page)).overlays.legend, null);
      assert.equal(await page.getAttribute('#legend-toggle', 'aria-expanded'), 'false');
    });
  });

  for (const [width, height, path] of [[600, 400, '/?embed=1&panel=0'], [1280, 800, '/?panel=0']]) {
    test(`panel=0 at ${width}×${height}: the map alone`, async () => {
      await withPage({ width, height, path }, async (page) => {
        const shown = await page.evaluate(() => ({
          panel: document.getElementById('panel').getBoundingClientRect().width,
          handle: document.getElementById('sheet-handle').getBoundingClientRect().width,
          canvas: document.getElementById('canvas').getBoundingClientRect().toJSON(),
        }));
        assert.equal(shown.panel, 0, 'no panel');
        assert.equal(shown.handle, 0, 'no handle');
        assert.deepEqual([shown.canvas.left, shown.canvas.top, shown.canvas.width, shown.canvas.height], [0, 0, width, height], 'the map fills the frame');
        assert.deepEqual(overlapProblems(await engineLayout(page), await pageBoxes(page)), []);
      });
    });
  }

  test('panel=collapsed on a wide screen: the drawer, closed', async () => {
    await withPage({ width: 1280, height: 800, path: '/?panel=collapsed' }, async (page) => {
      const canvas = await page.evaluate(() => document.getElementById('canvas').getBoundingClientRect().toJSON());
      assert.deepEqual([canvas.left, canvas.width], [0, 1280], 'the map is full width');
      assert.equal((await drawer(page)).open, false);
      await page.click('#sheet-handle');
      assert.equal((await drawer(page)).searchVisible, true, 'the handle opens the drawer');
    });
  });
});
