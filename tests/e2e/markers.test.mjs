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

before(async () => {
  site = await startSite();
  browser = await launchBrowser();
  opened = await openPage(browser, site.origin, { viewport: VIEWPORT, deviceScaleFactor: DPR });
  page = opened.page;
  await waitReady(page);
});

after(async () => {
  await opened?.close();
  await browser?.close();
  await site?.close();
});

async function markerPositions() {
  return page.evaluate((ids) => ids.map((id) => [id, window.catalyseurs.screenPosition(id)]), features.map((f) => f.properties.id));
}

const view = () => page.evaluate(() => window.catalyseurs.state().view);

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

  test('an unobstructed pioneer is drawn in its primary métier colour', async () => {
    const all = (await markerPositions()).filter(([, p]) => p);
    const { png } = await saveScreenshot(page, 'markers-1280x800@2x');
    const image = decodePng(png);
    assert.equal(image.width, VIEWPORT.width * DPR);
    const pixelAt = (p) => image.pixel(Math.round(p.x * DPR), Math.round(p.y * DPR));
    const nearestOther = (id, p) =>
      Math.min(...all.filter(([other]) => other !== id).map(([, q]) => Math.hypot(p.x - q.x, p.y - q.y)));

    const checked = [];
    const wrong = [];
    for (const f of pioneers) {
      const { id, metiers } = f.properties;
      const p = all.find(([other]) => other === id)?.[1];
      if (!p || !inside(p, 20) || underControls(p) || nearestOther(id, p) < MIN_SEPARATION) continue;
      const expected = METIER_COLOURS[metiers[0]];
      assert.ok(expected, `${id}: unknown métier ${metiers[0]}`);
      const actual = pixelAt(p);
      checked.push(id);
      if (!colourClose(actual, expected, TOLERANCE)) {
        wrong.push(`${id} (${metiers[0]}) at (${p.x.toFixed(1)}, ${p.y.toFixed(1)}): ${hex(actual)}, expected ${hex(expected)}`);
        continue;
      }
      // 40 px away, where no marker is, the colour must be something else (the sea, the
      // land or a border): the check above is not passing because everything is that colour.
      for (let k = 0; k < 8; k++) {
        const angle = (k * Math.PI) / 4;
        const q = { x: p.x + 40 * Math.cos(angle), y: p.y + 40 * Math.sin(angle) };
        if (!inside(q, 2) || underControls(q) || nearestOther(null, q) < 24) continue;
        const away = pixelAt(q);
        if (colourClose(away, expected, TOLERANCE)) {
          wrong.push(`${id}: the empty map 40 px away at (${q.x.toFixed(0)}, ${q.y.toFixed(0)}) has the marker colour ${hex(away)} too`);
        }
        break;
      }
    }
    console.log(`marker colours checked on ${checked.length} unobstructed pioneers out of ${pioneers.length}`);
    assert.ok(checked.length >= Math.min(3, pioneers.length), `too few unobstructed pioneers to check (${checked.length})`);
    assert.deepEqual(wrong, []);
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
});
