// Markers are where the data says, in the colour of their primary métier, and the map
// answers the wheel, a drag and its zoom buttons.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  METIER_COLOURS,
  colourClose,
  decodePng,
  hex,
  lambert93,
  launchBrowser,
  loadDataset,
  openPage,
  planeToScreen,
  saveScreenshot,
  screenToPlane,
  settleFrames,
  startSite,
  waitReady,
  waitViewChange,
} from './support.mjs';

const VIEWPORT = { width: 1280, height: 800 };
// HiDPI, so that CSS-pixel positions have to be scaled to find the right device pixels.
const DPR = 2;
const MIN_SEPARATION = 16; // CSS px between marker centres for a marker to be unobstructed
const TOLERANCE = 12; // per channel, for anti-aliasing and colour management

// Screen corners the map's own controls cover: zoom buttons top right, attribution along
// the bottom right. A marker there may be hidden by design.
function underControls({ x, y }) {
  return (x > VIEWPORT.width - 120 && y < 220) || (x > VIEWPORT.width - 420 && y > VIEWPORT.height - 40);
}

function inside({ x, y }, margin) {
  return x >= margin && y >= margin && x <= VIEWPORT.width - margin && y <= VIEWPORT.height - margin;
}

const features = loadDataset().features;
const pioneers = features.filter((f) => f.properties.demo === false);
// Mainland départements: two characters (2A and 2B for Corsica); overseas ones have three.
const onMainland = (f) => f.properties.departement.length === 2;

let site;
let browser;
let opened;
let page;
let homeView; // the overview, as first drawn

before(async () => {
  site = await startSite();
  browser = await launchBrowser();
  opened = await openPage(browser, site.origin, { viewport: VIEWPORT, deviceScaleFactor: DPR });
  page = opened.page;
  await waitReady(page);
  homeView = await view();
});

after(async () => {
  await opened?.close();
  await browser?.close();
  await site?.close();
});

// Each screen marker by id, for those on screen.
async function visibleMarkers() {
  return new Map((await markerPositions()).filter(([, p]) => p));
}

// Playwright hands the page wheel deltas divided by the device pixel ratio; a notch is
// 100 CSS px of wheel delta, as from a mouse wheel.
const NOTCH = 100 * DPR;

// Turns the wheel by `notches` (negative: zoom in) with the pointer on `p`. Pointer
// positions reach the map in whole CSS pixels, so `p` should be whole too.
async function wheelAt(p, notches) {
  const before = await view();
  await page.mouse.move(p.x, p.y);
  await settleFrames(page, 2);
  await page.mouse.wheel(0, notches * NOTCH);
  return waitViewChange(page, before);
}

// The pixel at a marker's centre, in a screenshot of its surroundings, must be the fill of
// its primary métier; 40 px away, where there is no marker, it must not be (so that the
// match does not come from the whole map being that colour).
async function checkColour(id, p, all, expected, metier) {
  // The pointer away from the marker, so that no hover effect covers it.
  await page.mouse.move(VIEWPORT.width / 2, VIEWPORT.height - 5);
  await settleFrames(page);
  const origin = { x: Math.round(p.x) - 60, y: Math.round(p.y) - 60 };
  const { png } = await saveScreenshot(page, `marker-${id}`, { clip: { ...origin, width: 120, height: 120 } });
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

async function markerPositions() {
  return page.evaluate((ids) => ids.map((id) => [id, window.catalyseurs.screenPosition(id)]), features.map((f) => f.properties.id));
}

const view = () => page.evaluate(() => window.catalyseurs.state().view);

// Distance from `p` to the nearest marker other than `id`, in CSS pixels.
function nearest(all, id, p) {
  let best = Infinity;
  for (const [other, q] of all) if (other !== id) best = Math.min(best, Math.hypot(p.x - q.x, p.y - q.y));
  return best;
}

// The plane distance between two points, in CSS pixels at `scale`.
const pixelsApart = (a, b, scale) => (Math.hypot(a.x - b.x, a.y - b.y) * scale) / 1000;

describe('markers', () => {
  test('the dataset has real pioneers on the mainland', () => {
    assert.ok(pioneers.length > 0, 'no entry with demo: false');
    assert.ok(pioneers.filter(onMainland).length > 0);
  });

  test('mainland markers sit at their Lambert-93 position', async () => {
    const v = await view();
    const positions = new Map(await markerPositions());
    const mainland = features.filter(onMainland);
    const misplaced = [];
    for (const f of mainland) {
      const [lon, lat] = f.geometry.coordinates;
      const plane = lambert93(lon, lat);
      const expected = planeToScreen(v, plane.x, plane.y);
      const got = positions.get(f.properties.id);
      if (!got) {
        // The overview shows all of the mainland, so every marker there is in view.
        misplaced.push(`${f.properties.id}: not on screen, expected at (${expected.x.toFixed(1)}, ${expected.y.toFixed(1)})`);
      } else if (Math.hypot(got.x - expected.x, got.y - expected.y) > 0.5) {
        misplaced.push(`${f.properties.id}: at (${got.x.toFixed(1)}, ${got.y.toFixed(1)}), expected (${expected.x.toFixed(1)}, ${expected.y.toFixed(1)})`);
      }
    }
    assert.deepEqual(misplaced, [], `${misplaced.length} of ${mainland.length} mainland markers are misplaced`);
  });

  test('every pioneer that can be seen alone is drawn in its primary métier colour', async () => {
    const checked = [];
    const wrong = [];
    const skipped = [];
    for (const f of pioneers) {
      const { id, metiers } = f.properties;
      const expected = METIER_COLOURS[metiers[0]];
      assert.ok(expected, `${id}: unknown métier ${metiers[0]}`);
      let all = await visibleMarkers();
      let p = all.get(id);
      if (!p || !inside(p, 20) || underControls(p)) {
        skipped.push(`${id} (not clear of the edges and controls)`);
        continue;
      }
      // A neighbour drawn over a marker hides its colour: zoom in around the marker, which
      // stays in place, until the neighbours are far enough. Markers at the very same
      // place cannot be told apart this way.
      const gap = nearest(all, id, p);
      let notches = 0;
      let cursor = null;
      if (gap < MIN_SEPARATION) {
        if (gap < 0.01) {
          skipped.push(`${id} (same place as another marker)`);
          continue;
        }
        notches = Math.ceil(Math.log((1.25 * MIN_SEPARATION) / gap) / Math.log(1.4));
        cursor = { x: Math.round(p.x), y: Math.round(p.y) };
        await wheelAt(cursor, -notches);
        all = await visibleMarkers();
        p = all.get(id);
      }
      if (p && inside(p, 20) && !underControls(p) && nearest(all, id, p) >= MIN_SEPARATION) {
        checked.push(notches ? `${id} (zoomed in ${notches} notches)` : id);
        wrong.push(...(await checkColour(id, p, all, expected, metiers[0])));
      } else {
        skipped.push(`${id} (not alone after zooming in)`);
      }
      if (notches) {
        // Around the same pointer position, so that the two zooms cancel out.
        await wheelAt(cursor, notches);
        const now = await view();
        assert.ok(Math.abs(now.scale / homeView.scale - 1) < 1e-6 && pixelsApart(now, homeView, now.scale) < 0.5, `the view did not return to the overview: ${JSON.stringify(now)} vs ${JSON.stringify(homeView)}`);
      }
    }
    console.log(`marker colour checked for ${checked.length} of ${pioneers.length} pioneers: ${checked.join(', ')}; skipped: ${skipped.join(', ') || 'none'}`);
    assert.deepEqual(wrong, []);
    assert.ok(checked.length >= 1, 'no pioneer could be seen alone');
  });
});

describe('navigation', () => {
  test('the wheel zooms in and out around the cursor', async () => {
    const before = await view();
    // Off-centre, so that keeping the point under the cursor is not the same as keeping
    // the centre.
    const cursor = { x: Math.round(before.width * 0.38), y: Math.round(before.height * 0.62) };
    const anchor = screenToPlane(before, cursor.x, cursor.y);
    await page.mouse.move(cursor.x, cursor.y);
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
  });

  test('dragging pans the map with the pointer', async () => {
    const before = await view();
    const start = { x: Math.round(before.width * 0.45), y: Math.round(before.height * 0.5) };
    const delta = { x: 150, y: 90 };
    const grabbed = screenToPlane(before, start.x, start.y);
    await page.mouse.move(start.x, start.y);
    await settleFrames(page);
    await page.mouse.down();
    await settleFrames(page);
    for (let i = 1; i <= 10; i++) {
      await page.mouse.move(start.x + (delta.x * i) / 10, start.y + (delta.y * i) / 10);
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

  test('the zoom buttons zoom around the centre, and « Vue d’ensemble » returns to the overview', async (t) => {
    const buttons = await findZoomButtons();
    if (buttons.length < 3) {
      t.skip(`the zoom buttons were not found in the top-right corner (${buttons.length} found)`);
      return;
    }
    const [plus, minus, home] = buttons;
    const before = await view();
    await page.mouse.click(plus.x, plus.y);
    const zoomedIn = await waitViewChange(page, before);
    assert.ok(zoomedIn.scale > before.scale * 1.05, `« + »: scale ${before.scale} → ${zoomedIn.scale}`);
    assert.ok(pixelsApart(zoomedIn, before, zoomedIn.scale) < 0.5, '« + » must keep the centre in place');

    await page.mouse.click(minus.x, minus.y);
    const zoomedOut = await waitViewChange(page, zoomedIn);
    assert.ok(zoomedOut.scale < zoomedIn.scale / 1.05, `« − »: scale ${zoomedIn.scale} → ${zoomedOut.scale}`);
    assert.ok(pixelsApart(zoomedOut, zoomedIn, zoomedOut.scale) < 0.5, '« − » must keep the centre in place');

    // Wander off, then come back.
    await page.mouse.click(plus.x, plus.y);
    const wandered = await waitViewChange(page, zoomedOut);
    await page.mouse.move(VIEWPORT.width / 2, VIEWPORT.height / 2);
    await page.mouse.down();
    await page.mouse.move(VIEWPORT.width / 2 - 200, VIEWPORT.height / 2 + 100, { steps: 5 });
    await page.mouse.up();
    const moved = await waitViewChange(page, wandered);
    await page.mouse.click(home.x, home.y);
    const back = await waitViewChange(page, moved);
    assert.ok(Math.abs(back.scale / homeView.scale - 1) < 1e-9, `home: scale ${back.scale}, overview ${homeView.scale}`);
    assert.ok(pixelsApart(back, homeView, back.scale) < 0.5, 'home must return to the overview’s centre');
  });
});

// The zoom buttons are drawn into the canvas, so they are found in a screenshot: in the
// top-right corner, the bluish button fills of the light theme, one above the other.
// Returns their centres, top to bottom.
async function findZoomButtons() {
  await page.mouse.move(VIEWPORT.width / 2, VIEWPORT.height - 5);
  await settleFrames(page);
  const area = { x: VIEWPORT.width - 160, y: 0, width: 160, height: 260 };
  const { png } = await saveScreenshot(page, 'zoom-buttons', { clip: area });
  const image = decodePng(png);
  const bluish = (x, y) => {
    const c = image.pixel(x, y);
    return c && c[2] > 200 && c[2] - c[0] > 50 && c[2] - c[1] > 20 && c[0] > 120;
  };
  // Rows and columns rich in button colour; buttons are squares at least 20 CSS px wide.
  const minRun = 20 * DPR;
  const columns = [];
  for (let x = 0; x < image.width; x++) {
    let run = 0;
    for (let y = 0; y < image.height; y++) run += bluish(x, y) ? 1 : 0;
    if (run >= minRun) columns.push(x);
  }
  if (columns.length < minRun) return [];
  const cx = (columns[0] + columns[columns.length - 1]) / 2;
  const blobs = [];
  let startRow = -1;
  for (let y = 0; y <= image.height; y++) {
    let run = 0;
    for (const x of columns) run += y < image.height && bluish(x, y) ? 1 : 0;
    const inside = run >= columns.length / 2;
    if (inside && startRow < 0) startRow = y;
    if (!inside && startRow >= 0) {
      if (y - startRow >= minRun) blobs.push((startRow + y - 1) / 2);
      startRow = -1;
    }
  }
  return blobs.map((cy) => ({ x: area.x + cx / DPR, y: area.y + cy / DPR }));
}
