// « Vue par région » (DESIGN §5.1): a toggle button, mirrored in state().regional, in its
// aria-pressed and in the URL, that switches the map to a choropleth of the counts per
// region. The fills are read from screenshots at points placed with the independent
// Lambert-93 formula, and compared with counts worked out from the data file.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import {
  canvasBox,
  decodePng,
  expectedIds,
  hex,
  lambert93,
  loadDataset,
  openPage,
  planeToScreen,
  saveScreenshot,
  settleFrames,
  sharedPage,
  waitReady,
} from './support.mjs';

const features = loadDataset().features;
const byId = new Map(features.map((f) => [f.properties.id, f.properties]));

// A point well inside each mainland region, away from where its count label goes.
const INSIDE = {
  11: [3.3, 48.56], 24: [2.4, 47.08], 27: [6.02, 47.24], 28: [-1.4, 49.3], 32: [3.06, 50.63], 44: [6.18, 48.69],
  52: [0.2, 48.0], 53: [-3.57, 48.28], 75: [1.26, 45.83], 76: [2.57, 44.35], 84: [3.08, 45.78], 93: [6.06, 43.41], 94: [8.97, 41.7],
};
// Open sea in the Bay of Biscay.
const SEA = [-4.5, 45.5];

const shared = sharedPage();
let page;
let box;

before(async () => {
  ({ page } = await shared.ready());
  box = await canvasBox(page);
});

const state = () => page.evaluate(() => window.catalyseurs.state());

async function urlParam(name, expected) {
  await page.waitForFunction(([n, e]) => new URL(location.href).searchParams.get(n) === e, [name, expected], { timeout: 3_000 }).catch(() => {});
  return new URL(page.url()).searchParams.get(name);
}

// The most common colour in an 11×11 CSS-pixel square around `p`, leaving out the white
// and near-black of labels and borders: the fill there.
function fillAt(image, p) {
  const counts = new Map();
  for (let dy = -5; dy <= 5; dy++) {
    for (let dx = -5; dx <= 5; dx++) {
      const c = image.pixel(Math.round(p.x + dx), Math.round(p.y + dy));
      if (!c || c.every((v) => v > 245) || c.every((v) => v < 120)) continue;
      const key = hex(c);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  const best = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
  return best ? best[0] : null;
}

const rgb = (h) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16));
const luminance = (h) => {
  const [r, g, b] = rgb(h).map((v) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};
const distance = (a, b) => Math.max(...rgb(a).map((v, i) => Math.abs(v - rgb(b)[i])));

// Fills of the mainland regions and of the sea, in the map as drawn now.
async function readFills(name) {
  await page.mouse.move(5, 5); // over the panel: no hover tooltip on the map
  await settleFrames(page, 3);
  const v = (await state()).view;
  const { png } = await saveScreenshot(page, name, { clip: { x: box.x, y: box.y, width: box.width, height: box.height } });
  const image = decodePng(png);
  const at = ([lon, lat]) => {
    const plane = lambert93(lon, lat);
    return planeToScreen(v, plane.x, plane.y);
  };
  const fills = {};
  for (const [code, point] of Object.entries(INSIDE)) fills[code] = fillAt(image, at(point));
  return { fills, sea: fillAt(image, at(SEA)) };
}

function countsPerRegion(filters) {
  const counts = Object.fromEntries(Object.keys(INSIDE).map((c) => [c, 0]));
  for (const id of expectedIds(features, filters, '')) if (byId.get(id).region in counts) counts[byId.get(id).region]++;
  return counts;
}

// More catalyseurs, a darker fill; every region with some stands out from the sea.
function checkChoropleth({ fills, sea }, counts, what) {
  const wrong = [];
  for (const [code, n] of Object.entries(counts)) {
    if (!fills[code]) wrong.push(`region ${code}: no fill found`);
    else if (n > 0 && distance(fills[code], sea) < 12) wrong.push(`region ${code} (${n} catalyseurs) is filled ${fills[code]}, indistinguishable from the sea ${sea}`);
  }
  const codes = Object.keys(counts).filter((c) => fills[c]);
  for (const a of codes) {
    for (const b of codes) {
      if (counts[a] > counts[b] && luminance(fills[a]) > luminance(fills[b]) + 1e-6) {
        wrong.push(`region ${a} (${counts[a]}) is lighter (${fills[a]}) than region ${b} (${counts[b]}, ${fills[b]})`);
      }
    }
  }
  const distinct = new Set(codes.map((c) => fills[c])).size;
  if (distinct < 3) wrong.push(`only ${distinct} fill colours across ${codes.length} regions`);
  return wrong.map((w) => `${what}: ${w}`);
}

describe('« Vue par région »', () => {
  test('the button toggles the regional view: state, aria-pressed, URL', async () => {
    const button = page.locator('#regional');
    assert.equal(await button.textContent(), 'Vue par région');
    assert.equal(await button.getAttribute('aria-pressed'), 'false');
    assert.equal((await state()).regional, false);
    const before = await readFills('regional-off');

    await button.click();
    await page.waitForFunction(() => window.catalyseurs.state().regional === true, null, { timeout: 5_000 }).catch(() => {});
    assert.equal((await state()).regional, true, 'state().regional after the click');
    assert.equal(await button.getAttribute('aria-pressed'), 'true');
    assert.equal(await urlParam('vue', 'regions'), 'regions', 'the URL carries vue=regions');
    const on = await readFills('regional-view');
    const changed = Object.keys(INSIDE).filter((c) => on.fills[c] !== before.fills[c]);
    assert.ok(changed.length >= Object.keys(INSIDE).length / 2, `the regions must be filled differently in the regional view (changed: ${changed.join(', ')})`);

    await button.click();
    await page.waitForFunction(() => window.catalyseurs.state().regional === false, null, { timeout: 5_000 }).catch(() => {});
    assert.equal((await state()).regional, false, 'a second click switches it off');
    assert.equal(await button.getAttribute('aria-pressed'), 'false');
    assert.equal(await urlParam('vue', null), null, 'the URL loses vue=regions');
  });

  test('the choropleth follows the counts, with and without a filter', async () => {
    await page.click('#regional');
    await page.waitForFunction(() => window.catalyseurs.state().regional === true, null, { timeout: 5_000 });
    const all = await readFills('regional-all');
    const wrong = checkChoropleth(all, countsPerRegion({}), 'all catalyseurs');
    await page.locator('input[name="metiers"][value="lieu"]').click();
    await page.waitForFunction(() => window.catalyseurs.state().filters.metiers.includes('lieu'), null, { timeout: 5_000 });
    const lieu = await readFills('regional-lieu');
    wrong.push(...checkChoropleth(lieu, countsPerRegion({ metiers: ['lieu'] }), 'métier « lieu »'));
    assert.ok(Object.keys(INSIDE).some((c) => all.fills[c] !== lieu.fills[c]), 'the fills must follow the filters');
    assert.deepEqual(wrong, [], `fills ${JSON.stringify(all.fills)} then ${JSON.stringify(lieu.fills)}`);
  });

  test('?vue=regions opens the map in the regional view', async () => {
    const other = await openPage(shared.browser, shared.site.origin, { path: '/?vue=regions' });
    try {
      await waitReady(other.page);
      assert.equal(await other.page.evaluate(() => window.catalyseurs.state().regional), true);
      assert.equal(await other.page.getAttribute('#regional', 'aria-pressed'), 'true');
      assert.deepEqual([...other.log.consoleErrors, ...other.log.pageErrors], []);
    } finally {
      await other.close();
    }
  });
});
