// Markers are where the data says, in the colour of their primary métier, and the map
// answers the wheel, a drag and its zoom buttons. The map sits beside the panel, so every
// screen position the page reports is relative to the canvas, and pointer input needs the
// canvas' offset added.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import {
  METIER_COLOURS,
  colourClose,
  decodePng,
  hex,
  lambert93,
  loadDataset,
  planeToScreen,
  saveScreenshot,
  screenToPlane,
  settleFrames,
  sharedPage,
  waitViewChange,
} from './support.mjs';

const VIEWPORT = { width: 1280, height: 800 };
// HiDPI, so that CSS-pixel positions have to be scaled to find the right device pixels.
const DPR = 2;
const MIN_SEPARATION = 16; // CSS px between marker centres for a marker to be unobstructed
const TOLERANCE = 12; // per channel, for anti-aliasing and colour management
const WHEEL_FACTOR = 1.4; // zoom per wheel notch, as documented by the map

const features = loadDataset().features;
const pioneers = features.filter((f) => f.properties.demo === false);
// Mainland départements: two characters (2A and 2B for Corsica); overseas ones have three.
const onMainland = (f) => f.properties.departement.length === 2;
const mainland = features.filter(onMainland);
const planeOf = new Map(mainland.map((f) => [f.properties.id, lambert93(...f.geometry.coordinates)]));

const shared = sharedPage({ viewport: VIEWPORT, deviceScaleFactor: DPR });
let page;
let canvasBox; // the canvas in page coordinates
let homeView; // the overview, as first drawn
let chrome; // boxes (canvas coordinates) of the DOM controls drawn over the map

before(async () => {
  ({ page } = await shared.ready());
  canvasBox = await page.evaluate(() => document.getElementById('canvas').getBoundingClientRect().toJSON());
  chrome = await page.evaluate(
    (c) => [...document.querySelectorAll('.map-controls button')].filter((b) => b.offsetParent).map((b) => {
      const r = b.getBoundingClientRect();
      return { left: r.left - c.x, top: r.top - c.y, right: r.right - c.x, bottom: r.bottom - c.y };
    }),
    canvasBox,
  );
  homeView = await view();
});

const toPage = (p) => ({ x: canvasBox.x + p.x, y: canvasBox.y + p.y });

// Where chrome covers markers by design: the DOM buttons at the top right, the legend and
// scale bar drawn at the bottom right, the attribution and demonstration badge along the
// bottom.
function underControls({ x, y }) {
  const margin = 12;
  if (chrome.some((r) => x > r.left - margin && x < r.right + margin && y > r.top - margin && y < r.bottom + margin)) return true;
  return (x > canvasBox.width - 170 && y > canvasBox.height - 170) || y > canvasBox.height - 48;
}

function inside({ x, y }, margin) {
  return x >= margin && y >= margin && x <= canvasBox.width - margin && y <= canvasBox.height - margin;
}

const view = () => page.evaluate(() => window.catalyseurs.state().view);

async function markerPositions() {
  return page.evaluate((ids) => ids.map((id) => [id, window.catalyseurs.screenPosition(id)]), features.map((f) => f.properties.id));
}

// Each marker drawn on its own, by id.
async function visibleMarkers() {
  return new Map((await markerPositions()).filter(([, p]) => p));
}

// Playwright hands the page wheel deltas divided by the device pixel ratio; a notch is
// 100 CSS px of wheel delta, as from a mouse wheel.
const NOTCH = 100 * DPR;

// Turns the wheel by `notches` (negative: zoom in) with the pointer on `p` (canvas
// coordinates). Pointer positions reach the map in whole CSS pixels, so `p` should be whole.
async function wheelAt(p, notches) {
  const before = await view();
  const at = toPage(p);
  await page.mouse.move(at.x, at.y);
  await settleFrames(page, 2);
  await page.mouse.wheel(0, notches * NOTCH);
  return waitViewChange(page, before);
}

// Back to the overview with « Vue d’ensemble », checked.
async function goHome() {
  const now = await view();
  if (now.x === homeView.x && now.y === homeView.y && now.scale === homeView.scale) return;
  await page.click('#home');
  const back = await waitViewChange(page, now);
  assert.ok(Math.abs(back.scale / homeView.scale - 1) < 1e-9 && pixelsApart(back, homeView, back.scale) < 0.5, `« Vue d’ensemble » did not return to the overview: ${JSON.stringify(back)} vs ${JSON.stringify(homeView)}`);
}

// The pointer on the map, far from `p`, so that neither the hover ring nor a tooltip covers
// the marker there. (On the map rather than off it, so that the map sees it go.)
async function pointerAway(p, id) {
  const spots = [
    { x: 40, y: canvasBox.height / 2 }, { x: canvasBox.width / 2, y: 40 },
    { x: canvasBox.width - 220, y: canvasBox.height / 2 }, { x: canvasBox.width / 2, y: canvasBox.height - 70 },
  ];
  const far = spots.reduce((a, b) => (Math.hypot(b.x - p.x, b.y - p.y) > Math.hypot(a.x - p.x, a.y - p.y) ? b : a));
  const at = toPage(far);
  await page.mouse.move(Math.round(at.x), Math.round(at.y));
  await settleFrames(page);
  assert.notEqual(await page.evaluate(() => window.catalyseurs.state().hovered), id, `${id} is still hovered with the pointer at (${far.x}, ${far.y})`);
}

// The pixel at a marker's centre, in a screenshot of its surroundings, must be the fill of
// its primary métier; 40 px away, where there is no marker, it must not be (so that the
// match does not come from the whole map being that colour).
async function checkColour(id, p, all, expected, metier) {
  await pointerAway(p, id);
  const clamp = (v, max) => Math.min(Math.max(v, 0), max);
  const origin = { x: clamp(Math.round(p.x) - 60, canvasBox.width - 120), y: clamp(Math.round(p.y) - 60, canvasBox.height - 120) };
  const { png } = await saveScreenshot(page, `marker-${id}`, { clip: { ...toPage(origin), width: 120, height: 120 } });
  const image = decodePng(png);
  const pixelAt = (q) => image.pixel(Math.round((q.x - origin.x) * DPR), Math.round((q.y - origin.y) * DPR));
  const actual = pixelAt(p);
  if (!colourClose(actual, expected, TOLERANCE)) {
    return [`${id} (${metier}) at (${p.x.toFixed(1)}, ${p.y.toFixed(1)}): ${hex(actual)}, expected ${hex(expected)}`];
  }
  for (let k = 0; k < 8; k++) {
    const angle = (k * Math.PI) / 4;
    const q = { x: p.x + 40 * Math.cos(angle), y: p.y + 40 * Math.sin(angle) };
    if (!inside(q, 2) || underControls(q) || nearest(all, null, q) < 24) continue;
    const away = pixelAt(q);
    return colourClose(away, expected, TOLERANCE)
      ? [`${id}: the empty map 40 px away at (${q.x.toFixed(0)}, ${q.y.toFixed(0)}) has the marker colour ${hex(away)} too`]
      : [];
  }
  return [];
}

// Distance from `p` to the nearest marker other than `id`, in CSS pixels.
function nearest(all, id, p) {
  let best = Infinity;
  for (const [other, q] of all) if (other !== id) best = Math.min(best, Math.hypot(p.x - q.x, p.y - q.y));
  return best;
}

// The plane distance between two points, in CSS pixels at `scale`.
const pixelsApart = (a, b, scale) => (Math.hypot(a.x - b.x, a.y - b.y) * scale) / 1000;

// Plane metres from a mainland catalyseur to its nearest mainland neighbour, 0 when another
// one shares its place.
function neighbourDistance(id) {
  const p = planeOf.get(id);
  let best = Infinity;
  for (const [other, q] of planeOf) if (other !== id) best = Math.min(best, Math.hypot(p.x - q.x, p.y - q.y));
  return best;
}

// Compares every mainland marker drawn on its own with its Lambert-93 position in `v`.
function checkPositions(positions, v, checked, misplaced) {
  for (const [id, got] of positions) {
    const plane = planeOf.get(id);
    if (!got || !plane) continue;
    const expected = planeToScreen(v, plane.x, plane.y);
    checked.add(id);
    if (Math.hypot(got.x - expected.x, got.y - expected.y) > 0.5) {
      misplaced.push(`${id} at scale ${v.scale.toFixed(3)}: at (${got.x.toFixed(1)}, ${got.y.toFixed(1)}), expected (${expected.x.toFixed(1)}, ${expected.y.toFixed(1)})`);
    }
  }
}

describe('markers', () => {
  test('the dataset has real pioneers on the mainland', () => {
    assert.ok(pioneers.length > 0, 'no entry with demo: false');
    assert.ok(pioneers.filter(onMainland).length > 0);
  });

  test('mainland markers sit at their Lambert-93 position, at the overview and zoomed in', async () => {
    const state = await page.evaluate(() => window.catalyseurs.state());
    // The overview shows everything, as single markers or inside clusters.
    assert.equal(state.visible, state.total, 'the overview must show every catalyseur');
    const checked = new Set();
    const misplaced = [];
    checkPositions(await markerPositions(), homeView, checked, misplaced);
    const atOverview = checked.size;
    // Clusters hide most markers at the overview: zoom in around a few cities, with the
    // wheel (which keeps the city under the pointer), to see markers on their own there.
    const cities = [
      [2.3488, 48.85341], [4.84671, 45.74846], [1.44367, 43.60426], [-1.6778, 48.1173], [3.0573, 50.6292], [-0.5792, 44.8378],
      [5.3698, 43.2965], [7.7455, 48.5839], [-1.5536, 47.2184], [5.0415, 47.322], [1.9093, 47.9029], [3.0863, 45.7772],
    ];
    for (const [lon, lat] of cities) {
      const plane = lambert93(lon, lat);
      const p = planeToScreen(homeView, plane.x, plane.y);
      const cursor = { x: Math.round(p.x), y: Math.round(p.y) };
      for (const notches of [-3, -3]) {
        const v = await wheelAt(cursor, notches);
        checkPositions(await markerPositions(), v, checked, misplaced);
      }
      await goHome();
    }
    console.log(`marker positions checked for ${checked.size} of ${mainland.length} mainland catalyseurs (${atOverview} at the overview)`);
    assert.deepEqual(misplaced, [], `${misplaced.length} mainland markers are misplaced`);
    assert.ok(atOverview >= 1, 'no mainland marker is drawn on its own at the overview');
    assert.ok(checked.size >= 50, `only ${checked.size} mainland markers could be seen on their own`);
  });

  test('every pioneer that can be seen alone is drawn in its primary métier colour', async () => {
    const checked = [];
    const wrong = [];
    const skipped = [];
    for (const f of pioneers.filter(onMainland)) {
      const { id, metiers } = f.properties;
      const expected = METIER_COLOURS[metiers[0]];
      assert.ok(expected, `${id}: unknown métier ${metiers[0]}`);
      const gap = neighbourDistance(id);
      if (gap < 1) {
        // Zooming never separates catalyseurs of the same commune; the fan-out does
        // (checked with the card).
        skipped.push(`${id} (same place as another catalyseur)`);
        continue;
      }
      const plane = planeOf.get(id);
      const start = planeToScreen(homeView, plane.x, plane.y);
      if (!inside(start, 20) || underControls(start)) {
        skipped.push(`${id} (not clear of the edges and controls)`);
        continue;
      }
      // Zoom in on the marker, which stays under the pointer, until it is out of any cluster
      // and its neighbours are far enough not to cover it.
      const cursor = { x: Math.round(start.x), y: Math.round(start.y) };
      const wanted = ((1.25 * MIN_SEPARATION) / gap) * 1000;
      let all = await visibleMarkers();
      let v = homeView;
      const needed = Math.ceil(Math.log(wanted / homeView.scale) / Math.log(WHEEL_FACTOR));
      if (needed > 0) {
        v = await wheelAt(cursor, -needed);
        all = await visibleMarkers();
      }
      for (let extra = 0; extra < 8 && !all.get(id); extra++) {
        v = await wheelAt(cursor, -1);
        all = await visibleMarkers();
      }
      const p = all.get(id);
      if (p && inside(p, 20) && !underControls(p) && nearest(all, id, p) >= MIN_SEPARATION) {
        checked.push(`${id} (×${(v.scale / homeView.scale).toFixed(1)})`);
        wrong.push(...(await checkColour(id, p, all, expected, metiers[0])));
      } else {
        skipped.push(`${id} (not alone after zooming in: ${p ? `at (${p.x.toFixed(0)}, ${p.y.toFixed(0)})` : 'still clustered'})`);
      }
      await goHome();
    }
    console.log(`marker colour checked for ${checked.length} of ${pioneers.length} pioneers: ${checked.join(', ')}; skipped: ${skipped.join(', ') || 'none'}`);
    assert.deepEqual(wrong, []);
    assert.ok(checked.length >= 1, 'no pioneer could be seen alone');
  });
});

describe('navigation', () => {
  test('the wheel zooms in and out around the cursor', async () => {
    await goHome();
    const before = await view();
    // Off-centre, so that keeping the point under the cursor is not the same as keeping
    // the centre.
    const cursor = { x: Math.round(before.width * 0.38), y: Math.round(before.height * 0.62) };
    const anchor = screenToPlane(before, cursor.x, cursor.y);
    const at = toPage(cursor);
    await page.mouse.move(at.x, at.y);
    await settleFrames(page);
    await page.mouse.wheel(0, -300);
    const zoomed = await waitViewChange(page, before);
    assert.ok(zoomed.scale > before.scale * 1.05, `scale ${before.scale} → ${zoomed.scale}: wheel up must zoom in`);
    const drift = pixelsApart(anchor, screenToPlane(zoomed, cursor.x, cursor.y), zoomed.scale);
    assert.ok(drift < 1.5, `the point under the cursor moved by ${drift.toFixed(2)} px`);

    await page.mouse.wheel(0, 300);
    const back = await waitViewChange(page, zoomed);
    assert.ok(back.scale < zoomed.scale / 1.05, `scale ${zoomed.scale} → ${back.scale}: wheel down must zoom out`);
    const drift2 = pixelsApart(anchor, screenToPlane(back, cursor.x, cursor.y), back.scale);
    assert.ok(drift2 < 1.5, `the point under the cursor moved by ${drift2.toFixed(2)} px when zooming out`);
    assert.ok(Math.abs(back.scale / before.scale - 1) < 1e-6, `as many notches out as in must cancel out (${before.scale} → ${back.scale})`);
    const expectedFactor = WHEEL_FACTOR ** (300 / NOTCH);
    assert.ok(Math.abs(zoomed.scale / before.scale / expectedFactor - 1) < 0.02, `${300 / NOTCH} notches: ×${(zoomed.scale / before.scale).toFixed(3)}, expected ×${expectedFactor.toFixed(3)}`);
  });

  test('dragging pans the map with the pointer', async () => {
    const before = await view();
    const start = { x: Math.round(before.width * 0.45), y: Math.round(before.height * 0.5) };
    const delta = { x: 150, y: 90 };
    const grabbed = screenToPlane(before, start.x, start.y);
    const from = toPage(start);
    await page.mouse.move(from.x, from.y);
    await settleFrames(page);
    await page.mouse.down();
    await settleFrames(page);
    for (let i = 1; i <= 10; i++) {
      await page.mouse.move(from.x + (delta.x * i) / 10, from.y + (delta.y * i) / 10);
      await settleFrames(page, 2);
    }
    await page.mouse.up();
    await settleFrames(page);
    const after = await view();
    assert.equal(after.scale, before.scale, 'a drag must not zoom');
    // The plane point grabbed is now under the pointer.
    const end = planeToScreen(after, grabbed.x, grabbed.y);
    const error = Math.hypot(end.x - (start.x + delta.x), end.y - (start.y + delta.y));
    assert.ok(error < 3, `the grabbed point is ${error.toFixed(1)} px away from the pointer (now at (${end.x.toFixed(1)}, ${end.y.toFixed(1)}))`);
  });

  test('the view reaches the address once the drag ends, not while the button is held', async () => {
    const viewInAddress = () => page.evaluate(() => new URLSearchParams(window.location.search).get('view'));
    const centre = toPage({ x: canvasBox.width / 2, y: canvasBox.height / 2 });
    await page.mouse.move(centre.x, centre.y);
    await page.mouse.down();
    await page.mouse.move(centre.x + 40, centre.y + 30, { steps: 4 });
    const held = await viewInAddress();
    await page.waitForTimeout(600);  // four times the settling delay, the button still down
    assert.equal(await viewInAddress(), held, 'the address must not follow a drag in progress');
    await page.mouse.up();
    await page.waitForFunction((h) => new URLSearchParams(window.location.search).get('view') !== h, held, { timeout: 5_000 });
    const written = (await viewInAddress()).split(',').map(Number);
    const now = await view();
    assert.equal(written.length, 3, `view=x,y,scale: ${written}`);
    assert.ok(Math.abs(written[0] - now.x) <= 1 && Math.abs(written[1] - now.y) <= 1, `the address holds the view the drag left (${written} vs ${now.x}, ${now.y})`);
  });

  test('the zoom buttons zoom around the centre, and « Vue d’ensemble » returns to the overview', async () => {
    for (const [id, label] of [['#zoom-in', 'Zoomer'], ['#zoom-out', 'Dézoomer'], ['#home', 'Vue d’ensemble']]) {
      assert.equal(await page.locator(id).getAttribute('aria-label'), label, `${id} needs its French name`);
      assert.equal(await page.locator(id).isVisible(), true, `${id} must be visible`);
    }
    const before = await view();
    await page.click('#zoom-in');
    const zoomedIn = await waitViewChange(page, before);
    assert.ok(zoomedIn.scale > before.scale * 1.05, `« + »: scale ${before.scale} → ${zoomedIn.scale}`);
    assert.ok(pixelsApart(zoomedIn, before, zoomedIn.scale) < 0.5, '« + » must keep the centre in place');

    await page.click('#zoom-out');
    const zoomedOut = await waitViewChange(page, zoomedIn);
    assert.ok(zoomedOut.scale < zoomedIn.scale / 1.05, `« − »: scale ${zoomedIn.scale} → ${zoomedOut.scale}`);
    assert.ok(pixelsApart(zoomedOut, zoomedIn, zoomedOut.scale) < 0.5, '« − » must keep the centre in place');

    // Wander off, then come back.
    await page.click('#zoom-in');
    const wandered = await waitViewChange(page, zoomedOut);
    const centre = toPage({ x: canvasBox.width / 2, y: canvasBox.height / 2 });
    await page.mouse.move(centre.x, centre.y);
    await page.mouse.down();
    await page.mouse.move(centre.x - 200, centre.y + 100, { steps: 5 });
    await page.mouse.up();
    const moved = await waitViewChange(page, wandered);
    await page.click('#home');
    const back = await waitViewChange(page, moved);
    assert.ok(Math.abs(back.scale / homeView.scale - 1) < 1e-9, `home: scale ${back.scale}, overview ${homeView.scale}`);
    assert.ok(pixelsApart(back, homeView, back.scale) < 0.5, 'home must return to the overview’s centre');
  });
});
