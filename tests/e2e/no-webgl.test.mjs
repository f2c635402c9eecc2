// A browser without WebGL 2 still gets the directory (issue 10, part 4): the page starts the
// core-only engine (catalyseurs-core.*), whose search, filters, list, card, exports and address
// work from the data, while the map area says, as a status and not a blocking error, why no
// map is drawn. Chromium is launched with WebGL switched off, not simulated. A browser without
// WebAssembly keeps the error it had: the engine is the only reader of the data, and a second
// one in JavaScript would be a copy of the core to keep in step.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import {
  axeViolations,
  downloaded,
  expectedIds,
  facetCount,
  launchBrowser,
  loadDataset,
  openPage,
  parseCsv,
  readyOutcome,
  saveScreenshot,
  sharedPage,
  shownList,
  waitReady,
} from './support.mjs';

const NO_WEBGL = ['--disable-webgl', '--disable-3d-apis'];
const MESSAGE_FR = 'Votre navigateur ne peut pas dessiner la carte (WebGL2 indisponible)\u00a0: la liste, les filtres et les fiches restent disponibles.';
const MESSAGE_EN = 'Your browser cannot draw the map (WebGL2 unavailable): the list, the filters and the cards remain available.';

const features = loadDataset().features;
const byId = new Map(features.map((f) => [f.properties.id, f]));
const shared = sharedPage({}, { browserArgs: NO_WEBGL });
let page;
let log;

before(async () => {
  ({ page } = await shared.ready());
  log = shared.opened.log;
});

// The status in the map area, as a visitor sees it.
function mapArea(p) {
  return p.evaluate(() => {
    const el = document.getElementById('no-map');
    const r = el.getBoundingClientRect();
    const shown = (id) => { const e = document.getElementById(id); return !!e && getComputedStyle(e).display !== 'none' && e.getBoundingClientRect().width > 0; };
    return {
      text: el.textContent.trim(),
      role: el.getAttribute('role'),
      visible: !el.hidden && r.width > 0 && r.height > 0 && r.top >= 0 && r.bottom <= innerHeight,
      inMap: document.getElementById('map-container').contains(el),
      canvas: shown('canvas'),
      zoom: shown('zoom-in') || shown('zoom-out') || shown('home') || shown('regional'),
      errorShown: !document.getElementById('error').hidden,
      loadingShown: !document.getElementById('loading').hidden,
      lang: document.documentElement.lang,
    };
  });
}

// A second page of the same browser, ready, handed to `check`; it must log no error.
async function onReadyPage(options, check) {
  const opened = await openPage(shared.browser, shared.site.origin, options);
  try {
    await waitReady(opened.page);
    await check(opened.page);
    assert.deepEqual(opened.log.pageErrors, []);
    assert.deepEqual(opened.log.consoleErrors, []);
  } finally {
    await opened.close();
  }
}

const countOf = (p) => p.evaluate(() => window.catalyseurs.state().matching);

describe('without WebGL 2', () => {
  test('the browser really has no WebGL 2, and the page serves the data anyway', async () => {
    assert.equal(await page.evaluate(() => document.createElement('canvas').getContext('webgl2')), null, 'WebGL 2 must be off in this browser');
    await waitReady(page);
    assert.equal(await page.evaluate(() => window.catalyseurs.drawsMap), false);
    assert.equal(await countOf(page), features.length, 'every catalyseur is served');
    assert.ok(log.requests.some((u) => u.endsWith('/catalyseurs-core.wasm')), 'the core-only engine is loaded');
    assert.ok(!log.requests.some((u) => u.endsWith('/catalyseurs.wasm')), 'the map engine, which cannot run, is not downloaded');
  });

  test('the map area says why, in French, as a status', async () => {
    const area = await mapArea(page);
    assert.equal(area.text, MESSAGE_FR);
    assert.equal(area.role, 'status');
    assert.ok(area.visible && area.inMap, 'shown in the map area, on screen');
    assert.equal(area.errorShown, false, 'not an error: the page works');
    assert.equal(area.loadingShown, false);
    assert.equal(area.canvas, false, 'no empty canvas');
    assert.equal(area.zoom, false, 'no controls acting on a map that is not drawn');
    await saveScreenshot(page, 'no-webgl-desktop');
    assert.deepEqual(await axeViolations(page), [], 'the page without its map stays accessible');
  });

  test('the search « Lyon » filters the list', async () => {
    assert.equal(await page.getAttribute('#search', 'maxlength'), '200', 'the field holds no more than the engine reads');
    await page.fill('#search', 'Lyon');
    const expected = expectedIds(features, {}, 'Lyon');
    assert.ok(expected.length > 0 && expected.length < features.length);
    await page.waitForFunction((n) => window.catalyseurs.state().matching === n, expected.length);
    const list = await shownList(page);
    assert.equal(list.more, 0, 'a handful: all listed');
    assert.deepEqual([...list.ids].sort(), [...expected].sort());
  });

  test('a facet checkbox changes the count', async () => {
    await page.click('#reset');
    await page.waitForFunction((n) => window.catalyseurs.state().matching === n, features.length);
    const want = facetCount(features, {}, '', 'metiers', 'lieu');
    assert.ok(want > 0 && want < features.length);
    await page.check('input[name="metiers"][value="lieu"]');
    await page.waitForFunction((n) => window.catalyseurs.state().matching === n, want);
    assert.match(await page.textContent('#count'), new RegExp(`^${want} catalyseurs$`));
    assert.deepEqual(await page.evaluate(() => window.catalyseurs.state().matchingIds.sort()), expectedIds(features, { metiers: ['lieu'] }, '').sort());
  });

  test('a click on a list item opens its card', async () => {
    const first = page.locator('#results li[data-id]').first();
    const id = await first.getAttribute('data-id');
    await first.locator('button').click();
    await page.locator('#card').waitFor({ state: 'visible' });
    assert.equal(await page.textContent('#card-title'), byId.get(id).properties.nom);
    assert.equal(await page.evaluate(() => window.catalyseurs.state().selected), id);
    assert.match(await page.evaluate(() => window.location.search), new RegExp(`id=${id}`), 'the card is in the address');
    await saveScreenshot(page, 'no-webgl-card');
  });

  test('the CSV export downloads the filtered rows', async () => {
    const { name, bytes } = await downloaded(page, '#export-csv');
    assert.equal(name, 'catalyseurs.csv');
    const [header, ...rows] = parseCsv(bytes.subarray(3).toString('utf8'));
    assert.equal(header[0], 'id');
    assert.deepEqual(rows.map((r) => r[0]).sort(), expectedIds(features, { metiers: ['lieu'] }, '').sort());
  });

  test('map-only questions answer harmlessly', async () => {
    const answers = await page.evaluate(() => ({
      position: window.catalyseurs.screenPosition(window.catalyseurs.state().matchingIds[0]),
      labels: window.catalyseurs.labels(),
      home: window.catalyseurs.home() ?? 'undefined',
      project: window.catalyseurs.project(2.35, 48.85)?.epsg,
    }));
    assert.deepEqual(answers, { position: null, labels: [], home: 'undefined', project: 2154 });
  });

  test('no page error, no console error', () => {
    assert.deepEqual(log.pageErrors, []);
    assert.deepEqual(log.consoleErrors, []);
    assert.deepEqual(log.failedResponses, []);
  });

  test('the address restores search, filters and card', async () => {
    const expected = expectedIds(features, { metiers: ['accompagnement'] }, 'Lyon');
    assert.ok(expected.length > 0);
    await onReadyPage({ path: `/?q=Lyon&metier=accompagnement&id=${expected[0]}` }, async (p) => {
      assert.equal(await p.inputValue('#search'), 'Lyon');
      assert.equal(await p.isChecked('input[name="metiers"][value="accompagnement"]'), true);
      assert.deepEqual([...(await shownList(p)).ids].sort(), [...expected].sort());
      assert.equal(await p.textContent('#card-title'), byId.get(expected[0]).properties.nom);
    });
  });

  test('English with lang=en; a phone gets the drawer open', async () => {
    await onReadyPage({ path: '/?lang=en', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }, async (p) => {
      const area = await mapArea(p);
      assert.equal(area.text, MESSAGE_EN);
      assert.equal(area.lang, 'en');
      assert.ok(area.visible, 'the status stays in sight above the drawer');
      assert.equal(await p.evaluate(() => document.getElementById('panel').classList.contains('open')), true);
      assert.ok(await p.isVisible('#search'), 'the search is at hand');
      await saveScreenshot(p, 'no-webgl-phone-en');
    });
  });
});

describe('without WebAssembly', () => {
  test('the page says the browser cannot run the map', async () => {
    // V8 without its compilers has no WebAssembly, as in browsers' hardened « no JIT »
    // modes; this Chromium ignores --noexpose_wasm.
    const browser = await launchBrowser(['--js-flags=--jitless']);
    try {
      const opened = await openPage(browser, shared.site.origin);
      assert.equal(await opened.page.evaluate(() => typeof WebAssembly), 'undefined', 'WebAssembly must be off in this browser');
      const box = opened.page.locator('#error');
      await box.waitFor({ state: 'visible' });
      const text = await box.innerText();
      assert.match(text, /Navigateur non pris en charge/);
      assert.match(text, /WebAssembly/);
      assert.match(await readyOutcome(opened.page, 3_000), /^rejected/);
      assert.deepEqual(opened.log.pageErrors, []);
      await saveScreenshot(opened.page, 'no-wasm-jitless');
    } finally {
      await browser.close();
    }
  });
});
