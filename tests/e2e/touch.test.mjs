// A phone (DESIGN §5.2): the map fills the screen above a bottom sheet; one finger pans,
// two fingers pinch-zoom, and the page's own zoom stays allowed.
// Touches are sent as the browser's own touch input (CDP Input.dispatchTouchEvent).
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import {
  canvasBox,
  planeToScreen,
  saveScreenshot,
  screenToPlane,
  settleFrames,
  sharedPage,
  waitViewStill,
} from './support.mjs';

const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true };

const shared = sharedPage(PHONE);
let page;
let cdp;
let box;

before(async () => {
  ({ page } = await shared.ready());
  cdp = await page.context().newCDPSession(page);
  box = await canvasBox(page);
});

const view = () => page.evaluate(() => window.catalyseurs.state().view);

// One touch frame: `points` in canvas coordinates, one id per finger.
function touch(type, points = []) {
  return cdp.send('Input.dispatchTouchEvent', {
    type,
    touchPoints: points.map(([x, y], id) => ({ x: box.x + x, y: box.y + y, id, radiusX: 4, radiusY: 4, force: 1 })),
  });
}

// Fingers moving from `from` to `to` (arrays of [x, y], one per finger) in `steps` moves,
// a frame apart, as a real gesture arrives.
async function gesture(from, to, steps = 12) {
  await touch('touchStart', from);
  await settleFrames(page, 1);
  for (let i = 1; i <= steps; i++) {
    await touch('touchMove', from.map(([x, y], k) => [x + ((to[k][0] - x) * i) / steps, y + ((to[k][1] - y) * i) / steps]));
    await settleFrames(page, 1);
  }
  await touch('touchEnd');
  return waitViewStill(page);
}

describe('touch on a phone', () => {
  test('the layout: the map above a collapsed sheet; screenshots with the sheet closed and open', async () => {
    const layout = await page.evaluate(() => {
      const r = (id) => document.getElementById(id).getBoundingClientRect().toJSON();
      return { canvas: r('canvas'), panel: r('panel'), handle: r('sheet-handle'), open: document.getElementById('panel').classList.contains('open') };
    });
    assert.equal(layout.open, false, 'the sheet starts closed');
    assert.deepEqual([layout.canvas.left, layout.canvas.width], [0, 390], 'the map is full width');
    assert.ok(layout.canvas.height > 844 * 0.85, `the map takes most of the screen (${layout.canvas.height} px)`);
    assert.ok(layout.handle.height >= 44, `the sheet handle is a comfortable touch target (${layout.handle.height} px)`);
    await saveScreenshot(page, 'touch-phone-sheet-closed');

    await page.tap('#sheet-handle');
    await settleFrames(page, 4);
    const open = await page.evaluate(() => ({
      open: document.getElementById('panel').classList.contains('open'),
      expanded: document.getElementById('sheet-handle').getAttribute('aria-expanded'),
      panel: document.getElementById('panel').getBoundingClientRect().toJSON(),
      search: document.getElementById('search').getBoundingClientRect().toJSON(),
    }));
    assert.equal(open.open, true, 'tapping the handle opens the sheet');
    assert.equal(open.expanded, 'true', 'aria-expanded follows the sheet');
    assert.ok(open.panel.height > 844 / 2, `the open sheet is tall (${open.panel.height} px)`);
    assert.ok(open.search.top >= open.panel.top && open.search.bottom <= 844 && open.search.height > 0, 'the search field shows in the open sheet');
    await saveScreenshot(page, 'touch-phone-sheet-open');

    await page.tap('#sheet-handle');
    await settleFrames(page, 4);
    assert.equal(await page.evaluate(() => document.getElementById('panel').classList.contains('open')), false, 'tapping the handle again closes the sheet');
    assert.equal(await page.getAttribute('#sheet-handle', 'aria-expanded'), 'false');
  });

  test('a pinch zooms in around the fingers', async () => {
    const before = await view();
    const mid = [Math.round(box.width / 2), Math.round(box.height * 0.45)];
    const anchor = screenToPlane(before, mid[0], mid[1]);
    const after = await gesture([[mid[0] - 40, mid[1]], [mid[0] + 40, mid[1]]], [[mid[0] - 120, mid[1]], [mid[0] + 120, mid[1]]]);
    const factor = after.scale / before.scale;
    assert.ok(factor > 1.5, `spreading two fingers from 80 to 240 px must zoom in (×${factor.toFixed(2)})`);
    console.log(`pinch 80 → 240 px: ×${factor.toFixed(2)}`);
    // The point between the fingers stays between them.
    const now = planeToScreen(after, anchor.x, anchor.y);
    const drift = Math.hypot(now.x - mid[0], now.y - mid[1]);
    assert.ok(drift < 12, `the point between the fingers moved by ${drift.toFixed(1)} px`);
  });

  test('one finger drags the map', async () => {
    const before = await view();
    const start = [Math.round(box.width / 2), Math.round(box.height / 2)];
    const grabbed = screenToPlane(before, ...start);
    const after = await gesture([start], [[start[0] + 60, start[1] + 90]]);
    assert.equal(after.scale, before.scale, 'one finger must not zoom');
    assert.ok(after.x < before.x && after.y > before.y, 'dragging right and down shows what lies west and north');
    const end = planeToScreen(after, grabbed.x, grabbed.y);
    const error = Math.hypot(end.x - (start[0] + 60), end.y - (start[1] + 90));
    assert.ok(error < 6, `the point under the finger is ${error.toFixed(1)} px away from it`);
  });

  test('the page’s own zoom is not blocked', async () => {
    const content = await page.getAttribute('meta[name="viewport"]', 'content');
    assert.ok(content, 'a viewport meta is needed on phones');
    assert.match(content, /width=device-width/);
    assert.doesNotMatch(content, /user-scalable\s*=\s*(no|0)/i, `« ${content} » forbids zooming`);
    assert.doesNotMatch(content, /maximum-scale\s*=\s*1(\.0*)?\b/i, `« ${content} » caps zooming at 1`);
    // Only the map takes over touch gestures: the rest of the page keeps the browser's own.
    const touchAction = await page.evaluate(() => ({
      body: getComputedStyle(document.body).touchAction,
      panel: getComputedStyle(document.getElementById('panel')).touchAction,
      html: getComputedStyle(document.documentElement).touchAction,
    }));
    for (const [where, value] of Object.entries(touchAction)) assert.ok(!/none|pan-x|pan-y/.test(value) || /pinch-zoom/.test(value), `touch-action: ${value} on ${where} blocks the page’s zoom`);
    assert.deepEqual([...shared.opened.log.consoleErrors, ...shared.opened.log.pageErrors], []);
  });
});
