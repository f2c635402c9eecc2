// From the map to a catalyseur's card (DESIGN §5.1): clicking a cluster zooms onto it,
// clicking a cluster of catalyseurs at one place fans them out, clicking a marker opens its
// card, which shows the entry as the data file has it, links only to http(s) sites in a
// new tab, copies a link with the whole state around it (filters, search, card, view), and
// closes with Esc or its close button. A `javascript:` site never reaches the page.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import {
  REGION_NAMES,
  canvasBox,
  decodePng,
  lambert93,
  loadDataset,
  openPage,
  planeToScreen,
  readSiteFile,
  saveScreenshot,
  screenToPlane,
  settleFrames,
  sharedPage,
  waitReady,
  waitViewChange,
  waitViewStill,
} from './support.mjs';

const features = loadDataset().features;
const byId = new Map(features.map((f) => [f.properties.id, f.properties]));
const LABELS = JSON.parse(readSiteFile('strings.json').toString('utf8')).fr;
const CLUSTER_COLOUR = [0x1f, 0x4e, 0x79];
const WHEEL_FACTOR = 1.4;
const NOTCH = 100; // CSS px of wheel delta per notch, at a device pixel ratio of 1

const onMainland = (f) => f.properties.departement.length === 2;
const mainland = features.filter(onMainland);
const planeOf = new Map(mainland.map((f) => [f.properties.id, lambert93(...f.geometry.coordinates)]));

// Mainland catalyseurs grouped by their exact place.
const places = new Map();
for (const f of mainland) {
  const key = f.geometry.coordinates.join(',');
  if (!places.has(key)) places.set(key, []);
  places.get(key).push(f.properties.id);
}

// Plane metres from a point to the nearest mainland catalyseur elsewhere.
function clearance(plane) {
  let best = Infinity;
  for (const q of planeOf.values()) {
    const d = Math.hypot(plane.x - q.x, plane.y - q.y);
    if (d > 1) best = Math.min(best, d);
  }
  return best;
}

// « Copier le lien » writes the link to the clipboard, and the test reads it back.
const shared = sharedPage({
  setup: (p, context) => context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: shared.site.origin }),
});
let page;
let box;
let homeView;

before(async () => {
  ({ page } = await shared.ready());
  box = await canvasBox(page);
  homeView = await view();
});

const view = () => page.evaluate(() => window.catalyseurs.state().view);
const toPage = (p) => ({ x: Math.round(box.x + p.x), y: Math.round(box.y + p.y) });
const screenOf = (v, plane) => planeToScreen(v, plane.x, plane.y);
const positionOf = (id) => page.evaluate((i) => window.catalyseurs.screenPosition(i), id);

async function wheelAt(p, notches) {
  const before = await view();
  const at = toPage(p);
  await page.mouse.move(at.x, at.y);
  await settleFrames(page, 2);
  await page.mouse.wheel(0, notches * NOTCH);
  return waitViewChange(page, before);
}

async function goHome() {
  const now = await view();
  if (now.scale === homeView.scale && now.x === homeView.x && now.y === homeView.y) return;
  await page.click('#home');
  await waitViewChange(page, now);
}

// Zooms with the wheel on `plane` until the map is at least at `scale`.
async function zoomOn(plane, scale) {
  let v = await view();
  const notches = Math.ceil(Math.log(scale / v.scale) / Math.log(WHEEL_FACTOR));
  if (notches > 0) {
    const p = screenOf(v, plane);
    v = await wheelAt({ x: Math.round(p.x), y: Math.round(p.y) }, -notches);
  }
  return v;
}

async function clickOnMap(p) {
  const at = toPage(p);
  await page.mouse.click(at.x, at.y);
}

async function cardShown() {
  await page.locator('#card').waitFor({ state: 'visible', timeout: 5_000 });
  return page.evaluate(() => {
    const text = (id) => document.getElementById(id).textContent;
    const visible = (id) => {
      const el = document.getElementById(id);
      return !el.hidden && getComputedStyle(el).display !== 'none' && el.getClientRects().length > 0;
    };
    const site = document.getElementById('card-site');
    return {
      title: text('card-title'),
      meta: text('card-meta'),
      demoVisible: visible('card-demo'),
      demo: text('card-demo'),
      metiers: [...document.querySelectorAll('#card-metiers li')].map((li) => li.textContent.trim()),
      thematiques: [...document.querySelectorAll('#card-thematiques li')].map((li) => li.textContent.trim()),
      territoire: text('card-territoire'),
      description: text('card-description'),
      site: { visible: visible('card-site'), href: site.getAttribute('href'), target: site.getAttribute('target'), rel: site.getAttribute('rel') ?? '', text: site.textContent },
    };
  });
}

// Closes a card left open, with its close button, so that it covers no marker.
async function closeAnyCard() {
  if (await page.locator('#card').isVisible()) {
    await page.click('#card-close');
    await page.locator('#card').waitFor({ state: 'hidden', timeout: 5_000 });
  }
}

// The card against the data file.
async function assertCard(id) {
  const p = byId.get(id);
  await page.waitForFunction((i) => window.catalyseurs.state().selected === i, id, { timeout: 5_000 }).catch(() => {});
  await settleFrames(page, 2);
  const card = await cardShown();
  assert.equal(card.title, p.nom, 'the card’s title is the catalyseur’s name');
  assert.equal(card.meta, [LABELS[`structure_${p.structure}`], p.commune, REGION_NAMES[p.region]].join(' · '), 'structure · commune · region');
  assert.deepEqual(card.metiers, p.metiers.map((m) => LABELS[`metier_${m}`]), 'the métier tags, primary first');
  assert.deepEqual(card.thematiques, (p.thematiques ?? []).map((t) => LABELS[`thematique_${t}`]), 'the thématiques');
  assert.equal(card.description, p.description, 'the description');
  if (p.territoire) assert.ok(card.territoire.includes(p.territoire), `the territoire « ${p.territoire} »`);
  assert.equal(card.demoVisible, p.demo === true, 'the demonstration line shows exactly on fictitious entries');
  if (p.demo) assert.match(card.demo, /fictive/);
  if (p.site && /^https?:\/\//.test(p.site)) {
    assert.equal(card.site.visible, true, '« Site web ↗ » shows for an http(s) site');
    assert.equal(card.site.href, p.site);
    assert.equal(card.site.target, '_blank', 'the site opens in a new tab');
    assert.ok(card.site.rel.split(/\s+/).includes('noopener'), `rel="${card.site.rel}" must include noopener`);
    assert.equal(card.site.text, 'Site web ↗');
  } else {
    assert.equal(card.site.visible, false, 'no site link without a site');
    assert.equal(card.site.href, null, 'no href left over from another card');
  }
  const state = await page.evaluate(() => window.catalyseurs.state());
  assert.equal(state.selected, id, 'state().selected');
  return card;
}

// Centres of the cluster bubbles drawn in the canvas (their fill is #1F4E79), largest first.
async function findClusters() {
  await page.mouse.move(5, 5); // over the panel: no tooltip on the map
  await settleFrames(page);
  const { png } = await saveScreenshot(page, 'card-overview', { clip: { x: box.x, y: box.y, width: box.width, height: box.height } });
  const image = decodePng(png);
  const isFill = (x, y) => {
    const c = image.pixel(x, y);
    return c && c.every((v, i) => Math.abs(v - CLUSTER_COLOUR[i]) <= 10);
  };
  const seen = new Uint8Array(image.width * image.height);
  const blobs = [];
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      if (seen[y * image.width + x] || !isFill(x, y)) continue;
      let n = 0;
      let sx = 0;
      let sy = 0;
      const stack = [[x, y]];
      seen[y * image.width + x] = 1;
      while (stack.length) {
        const [px, py] = stack.pop();
        n++;
        sx += px;
        sy += py;
        for (const [qx, qy] of [[px + 1, py], [px - 1, py], [px, py + 1], [px, py - 1]]) {
          if (qx < 0 || qy < 0 || qx >= image.width || qy >= image.height || seen[qy * image.width + qx] || !isFill(qx, qy)) continue;
          seen[qy * image.width + qx] = 1;
          stack.push([qx, qy]);
        }
      }
      if (n >= 150) blobs.push({ x: sx / n, y: sy / n, n });
    }
  }
  return blobs.sort((a, b) => b.n - a.n);
}

describe('from the map to the card', () => {
  test('clicking a cluster zooms onto it', async () => {
    await closeAnyCard();
    await goHome();
    const clusters = await findClusters();
    assert.ok(clusters.length >= 3, `cluster bubbles in #1F4E79 must be drawn at the overview (${clusters.length} found)`);
    // A big one away from the edges.
    const target = clusters.find((c) => c.x > 100 && c.x < box.width - 200 && c.y > 100 && c.y < box.height - 150);
    assert.ok(target, 'no cluster away from the edges');
    const before = await view();
    const aimed = screenToPlane(before, target.x, target.y);
    await clickOnMap(target);
    const after = await waitViewChange(page, before);
    assert.ok(after.scale > before.scale * 1.2, `the map must zoom in (scale ${before.scale} → ${after.scale})`);
    const now = screenOf(after, aimed);
    const off = Math.hypot(now.x - after.width / 2, now.y - after.height / 2);
    assert.ok(off < Math.min(after.width, after.height) / 4, `the cluster must end up near the middle of the map (${off.toFixed(0)} px away)`);
    assert.equal((await page.evaluate(() => window.catalyseurs.state())).selected, null, 'a cluster click selects nothing');
  });

  test('clicking a marker on its own opens its card', async () => {
    await closeAnyCard();
    await goHome();
    // The real pioneer farthest from any other catalyseur is the easiest to single out.
    const [id, plane, gap] = mainland
      .filter((f) => f.properties.demo === false)
      .map((f) => [f.properties.id, planeOf.get(f.properties.id), clearance(planeOf.get(f.properties.id))])
      .sort((a, b) => b[2] - a[2])[0];
    await zoomOn(plane, (80 / gap) * 1000);
    const p = await positionOf(id);
    assert.ok(p, `${id} must be drawn on its own once its neighbours are 80 px away`);
    await clickOnMap(p);
    await assertCard(id);
    await saveScreenshot(page, 'card-marker');
  });

  test('Esc closes the card just opened by clicking its marker', async () => {
    // Straight after the click on the marker, as a mouse user would: no Tab to the map first.
    assert.ok(await page.locator('#card').isVisible(), 'the previous test leaves a card opened from the map');
    const focused = await page.evaluate(() => document.activeElement?.id || document.activeElement?.tagName);
    await page.keyboard.press('Escape');
    await page.locator('#card').waitFor({ state: 'hidden', timeout: 3_000 }).catch(() => {});
    const state = await page.evaluate(() => window.catalyseurs.state());
    assert.equal(state.selected, null, `Esc must close the card (the focus was on « ${focused} » after clicking the map)`);
    assert.equal(await page.locator('#card').isVisible(), false);
  });

  test('catalyseurs at one place fan out; a fanned-out marker opens its card; « Copier le lien »; close button', async () => {
    await closeAnyCard();
    await goHome();
    // The biggest group at one place, preferring one with a fictitious entry that has a site.
    const groups = [...places.entries()].filter(([, ids]) => ids.length >= 3);
    groups.sort((a, b) => Number(b[1].some((i) => byId.get(i).site && byId.get(i).demo)) - Number(a[1].some((i) => byId.get(i).site && byId.get(i).demo)) || b[1].length - a[1].length);
    assert.ok(groups.length > 0, 'the data has no place with three catalyseurs or more');
    const [, ids] = groups[0];
    const plane = planeOf.get(ids[0]);
    await zoomOn(plane, (120 / clearance(plane)) * 1000);
    let positions = [];
    for (let click = 0; click < 6; click++) {
      const v = await view();
      await clickOnMap(screenOf(v, plane));
      await settleFrames(page, 4);
      await waitViewStill(page);
      positions = await Promise.all(ids.map(positionOf));
      if (positions.every(Boolean)) break;
    }
    assert.ok(positions.every(Boolean), `clicking the cluster at ${ids.length} catalyseurs’ common place must fan them out (${positions.filter(Boolean).length} shown)`);
    const centre = screenOf(await view(), plane);
    const radii = positions.map((q) => Math.hypot(q.x - centre.x, q.y - centre.y));
    assert.ok(Math.min(...radii) > 10, `fanned-out markers must leave their common place (radii ${radii.map((r) => r.toFixed(1)).join(', ')})`);
    assert.ok(Math.max(...radii) - Math.min(...radii) < 1, `fanned-out markers form a ring (radii ${radii.map((r) => r.toFixed(1)).join(', ')})`);
    for (let i = 0; i < positions.length; i++) {
      for (let j = i + 1; j < positions.length; j++) {
        const d = Math.hypot(positions[i].x - positions[j].x, positions[i].y - positions[j].y);
        assert.ok(d >= 12, `${ids[i]} and ${ids[j]} are only ${d.toFixed(1)} px apart once fanned out`);
      }
    }
    await page.mouse.move(5, 5);
    await saveScreenshot(page, 'card-fan-out');

    const chosen = ids.find((i) => byId.get(i).site && byId.get(i).demo) ?? ids[0];
    await clickOnMap(positions[ids.indexOf(chosen)]);
    await assertCard(chosen);
    await saveScreenshot(page, 'card-fanned-marker');

    // The link carries the whole state around the card, as the address does: a filter and
    // a search the card matches, and the view.
    const metier = byId.get(chosen).metiers[0];
    const q = byId.get(chosen).commune;
    await page.check(`input[name="metiers"][value="${metier}"]`);
    await page.fill('#search', q);
    await page.waitForFunction((text) => window.catalyseurs.state().q === text, q);
    const shown = await view();
    const viewText = `${Math.round(shown.x)},${Math.round(shown.y)},${Number(shown.scale).toPrecision(4)}`;
    await page.waitForFunction((v) => new URLSearchParams(window.location.search).get('view') === v, viewText);

    await page.click('#card-copy');
    await page.locator('#card-copied').filter({ hasText: /\S/ }).waitFor({ timeout: 5_000 });
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    const link = new URL(copied);
    assert.equal(link.origin, shared.site.origin, `the link « ${copied} » must point at this map`);
    assert.equal(copied, page.url(), 'the link is what the address bar shows');
    assert.equal(link.searchParams.get('id'), chosen, `the link « ${copied} » must carry id=${chosen}`);
    assert.equal(link.searchParams.get('metier'), metier);
    assert.equal(link.searchParams.get('q'), q);
    assert.equal(link.searchParams.get('view'), viewText);

    await page.click('#card-close');
    await page.locator('#card').waitFor({ state: 'hidden', timeout: 5_000 });
    assert.equal((await page.evaluate(() => window.catalyseurs.state())).selected, null, 'the close button must clear the selection');

    // The link opens the same card, with the same filter, search and view.
    const other = await openPage(shared.browser, shared.site.origin, { path: `${link.pathname}${link.search}` });
    try {
      await waitReady(other.page);
      await other.page.locator('#card').waitFor({ state: 'visible', timeout: 5_000 });
      assert.equal(await other.page.textContent('#card-title'), byId.get(chosen).nom, 'the link opens the card');
      const state = await other.page.evaluate(() => window.catalyseurs.state());
      assert.equal(state.selected, chosen);
      assert.deepEqual(state.filters, { metiers: [metier], thematiques: [], structure: [], region: [] });
      assert.equal(state.q, q);
      assert.equal(await other.page.inputValue('#search'), q);
      assert.equal(await other.page.isChecked(`input[name="metiers"][value="${metier}"]`), true);
      const [x, y, scale] = viewText.split(',').map(Number);
      assert.ok(Math.abs(state.view.x - x) < 1e-6 && Math.abs(state.view.y - y) < 1e-6 && Math.abs(state.view.scale / scale - 1) < 1e-9,
        `the link's view ${viewText} must be the view shown: ${JSON.stringify(state.view)}`);
      assert.ok(Math.abs(state.view.scale / shown.scale - 1) < 1e-3 && Math.hypot(state.view.x - shown.x, state.view.y - shown.y) < 1,
        'and the view the link was copied from, to the URL\'s precision');
    } finally {
      await other.close();
    }
    await page.click('#reset');
  });
});

describe('javascript: links', () => {
  test('an entry whose site is javascript: is rejected, and no javascript: link ever appears', async () => {
    const victim = features.find((f) => f.properties.site && f.properties.demo);
    const { id, nom } = victim.properties;
    const other = await openPage(shared.browser, shared.site.origin, {
      setup: async (p) => {
        await p.route('**/data/catalyseurs.geojson', async (route) => {
          const original = await route.fetch();
          const headers = { ...original.headers() };
          for (const name of Object.keys(headers)) if (['content-encoding', 'content-length', 'transfer-encoding'].includes(name)) delete headers[name];
          const data = JSON.parse(await original.text());
          data.features.find((f) => f.properties.id === id).properties.site = 'javascript:alert(1)';
          await route.fulfill({ status: 200, headers, body: JSON.stringify(data) });
        });
        // Watches every link the page ever makes, including ones removed again.
        await p.addInitScript(() => {
          window.__javascriptLinks = [];
          const check = (el) => {
            if (el.nodeType !== 1) return;
            for (const a of [el, ...el.querySelectorAll('[href]')]) {
              const href = a.getAttribute && a.getAttribute('href');
              if (href && /^\s*javascript:/i.test(href)) window.__javascriptLinks.push(href);
            }
          };
          new MutationObserver((records) => {
            for (const r of records) {
              if (r.type === 'attributes') check(r.target);
              for (const n of r.addedNodes) check(n);
            }
          }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['href'] });
        });
      },
      path: `/?id=${encodeURIComponent(id)}`,
    });
    const dialogs = [];
    other.page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });
    try {
      const p = other.page;
      await waitReady(p);
      const state = await p.evaluate(() => window.catalyseurs.state());
      assert.equal(state.total, features.length - 1, 'the entry must be rejected by the core');
      assert.ok(!state.matchingIds.includes(id), `${id} must not be among the catalyseurs`);
      assert.equal(state.selected, null, 'its permalink must not open a card');
      assert.equal(await p.locator('#card').isVisible(), false);
      assert.ok(other.log.warnings.some((w) => w.includes(id) && /javascript|http/.test(w)), 'the console must say why the entry was rejected');
      // Its name finds nothing, and every other card still opens.
      await p.click('#search');
      await p.keyboard.type(nom, { delay: 5 });
      await p.waitForFunction((q) => window.catalyseurs.state().q === q, nom);
      await settleFrames(p, 2);
      assert.equal(await p.locator(`#results li[data-id="${id}"]`).count(), 0, 'the rejected entry must not be listed');
      const first = p.locator('#results li[data-id] button').first();
      if (await first.count()) {
        await first.click();
        await p.locator('#card').waitFor({ state: 'visible', timeout: 5_000 });
      }
      assert.equal(await p.locator('a[href^="javascript:" i]').count(), 0, 'no javascript: link in the page');
      assert.deepEqual(await p.evaluate(() => window.__javascriptLinks), [], 'no javascript: link may ever be made');
      assert.deepEqual(dialogs, [], 'nothing may run');
      assert.deepEqual(other.log.pageErrors, []);
    } finally {
      await other.close();
    }
  });
});
