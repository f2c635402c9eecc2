// Geographic context at every scale, and a search that knows places. Places are centred with
// window.catalyseurs.centerOn and the names read with window.catalyseurs.labels(); what should
// be named comes from the data files (geodata/lieux.csv for the communes and their rank,
// geodata/contexte.geojson for the départements, the COG's), distances from a spherical
// formula of the test's own, never from the map.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { lambert93, loadDataset, openPage, planeToScreen, REPO_ROOT, saveScreenshot, settleFrames, sharedPage, waitReady } from './support.mjs';

const lieux = readFileSync(join(REPO_ROOT, 'geodata', 'lieux.csv'), 'utf8').trim().split('\n').slice(1).map((line) => {
  const [code, nom, lon, lat, population, seat] = line.split(',');
  return { code, nom, lon: Number(lon), lat: Number(lat), population: Number(population), seat };
});
const departements = JSON.parse(readFileSync(join(REPO_ROOT, 'geodata', 'contexte.geojson'), 'utf8'))
  .features.filter((f) => f.properties.kind === 'departement').map((f) => f.properties);
const byName = (nom) => lieux.find((l) => l.nom === nom);
const features = loadDataset().features;

const shared = sharedPage();
let page;

before(async () => {
  ({ page } = await shared.ready());
  await page.waitForFunction(() => window.catalyseurs.labels().some((l) => l.kind === 'commune'), null, { timeout: 30_000 });
});

function overlaps(labels) {
  const found = [];
  for (let i = 0; i < labels.length; ++i)
    for (let j = i + 1; j < labels.length; ++j) {
      const a = labels[i], b = labels[j];
      if (a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h) found.push(`${a.text} / ${b.text}`);
    }
  return found;
}

async function namesAt(lon, lat, widthKm) {
  assert.equal(await page.evaluate(([x, y, w]) => window.catalyseurs.centerOn(x, y, w), [lon, lat, widthKm]), true);
  await settleFrames(page, 2);
  return page.evaluate(() => window.catalyseurs.labels());
}

// Great-circle distance on a sphere of the mean Earth radius: close enough to the map's
// ellipsoidal one to order places a few kilometres apart.
function kmBetween(a, b) {
  const r = Math.PI / 180;
  const h = Math.sin(((b.lat - a.lat) * r) / 2) ** 2 + Math.cos(a.lat * r) * Math.cos(b.lat * r) * Math.sin(((b.lon - a.lon) * r) / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.sqrt(h));
}

describe('context and places', () => {
  // Préfectures over the mainland and every DROM, at widths from 10 to 300 km: the préfecture
  // is named, and from 60 km across its département too (the COG's name).
  const places = [
    ['Quimper', 300], ['Rennes', 120], ['Lille', 60], ['Arras', 120], ['Strasbourg', 30], ['Dijon', 10], ['Lyon', 150],
    ['Marseille', 80], ['Toulouse', 200], ['Bordeaux', 40], ['Ajaccio', 100], ['Orléans', 250], ['Limoges', 20],
    ['Basse-Terre', 60], ['Fort-de-France', 40], ['Cayenne', 150], ['Saint-Denis', 80], ['Mamoudzou', 30],
  ];
  for (const [nom, width] of places) {
    test(`${nom} at ${width} km across`, async () => {
      const place = lieux.find((l) => l.nom === nom && l.seat);
      assert.ok(place, `${nom} is a chef-lieu in lieux.csv`);
      const labels = await namesAt(place.lon, place.lat, width);
      const names = new Set(labels.map((l) => l.text));
      assert.ok(names.has(nom), `${nom} is named: ${[...names].slice(0, 20).join(', ')}`);
      // Its département's name goes at the COG shape's label point: named when that is well
      // inside the view (the view is about 0.85 times as high as it is wide).
      const departement = departements.find((d) => d.chef_lieu === place.code);
      const labelPoint = departement && { lon: departement.label[0], lat: departement.label[1] };
      if (departement && width >= 60 && kmBetween(place, labelPoint) < 0.3 * width) {
        assert.ok(names.has(departement.nom), `its département, ${departement.nom}, is named`);
      }
      assert.deepEqual(overlaps(labels), [], 'no two names over each other');
    });
  }

  test('every DROM inset is titled by name, on a desktop and on a phone', async () => {
    for (const viewport of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
      const other = await openPage(shared.browser, shared.site.origin, { viewport });
      try {
        await waitReady(other.page);
        const titles = (await other.page.evaluate(() => window.catalyseurs.labels())).filter((l) => l.kind === 'territoire').map((l) => l.text);
        for (const drom of [/Guadel/, /Martini/, /Guyane/, /Réunion/, /Mayotte/]) {
          assert.ok(titles.some((t) => drom.test(t)), `${drom} titled at ${viewport.width}×${viewport.height}: ${titles.join(', ')}`);
        }
        assert.ok(!titles.some((t) => /^\d+$/.test(t)), `no inset titled by its number: ${titles.join(', ')}`);
        await saveScreenshot(other.page, `insets-${viewport.width}x${viewport.height}`);
      } finally {
        await other.close();
      }
    }
  });

  test('screenshots at five scales', async () => {
    for (const [name, lon, lat, width] of [['france', 2.5, 46.6, 1100], ['bretagne', -2.9, 48.2, 300], ['paris', 2.35, 48.85, 100],
      ['lyon', 4.84, 45.76, 30], ['quimper', -4.1, 48.0, 10]]) {
      await namesAt(lon, lat, width);
      await saveScreenshot(page, `scale-${name}`);
    }
  });

  // French elides « de » before a vowel and contracts it with « Le »: no « Autour de Orléans ».
  for (const [search, offered] of [['Orléans', /Autour d’Orléans \(45\)/], ['Le Havre', /Autour du Havre \(76\)/]]) {
    test(`the place offered for « ${search} » reads ${offered.source.replace(/\\/g, '')}`, async () => {
      await page.fill('#search', search);
      await page.dispatchEvent('#search', 'input');
      const offer = page.locator('#places .place', { hasText: search.replace(/^Le /, '') });
      await offer.first().waitFor();
      assert.match(await offer.first().textContent(), offered);
      await page.fill('#search', '');
      await page.dispatchEvent('#search', 'input');
    });
  }

  test('a commune without a catalyseur lists the nearest ones, with distances', async () => {
    const lorient = byName('Lorient');
    assert.ok(!features.some((f) => f.properties.commune === 'Lorient'), 'the test needs a commune with no catalyseur');
    await page.fill('#search', 'Lorient');
    await page.dispatchEvent('#search', 'input');
    const offer = page.locator('#places .place', { hasText: 'Lorient' });
    await offer.first().waitFor();
    assert.match(await offer.first().textContent(), /Autour de Lorient \(56\)/);
    await offer.first().click();
    assert.equal(await page.inputValue('#search'), '', 'the search gives way to the place');
    assert.match(await page.textContent('#around'), /Lorient/);
    const listed = await page.evaluate(() => [...document.querySelectorAll('#results li[data-id]')].slice(0, 8).map((li) => ({
      id: li.dataset.id, distance: li.querySelector('.distance')?.textContent ?? '',
    })));
    const expected = features
      .map((f) => ({ id: f.properties.id, km: kmBetween(lorient, { lon: f.geometry.coordinates[0], lat: f.geometry.coordinates[1] }) }))
      .sort((a, b) => a.km - b.km);
    for (const [i, item] of listed.entries()) {
      const km = expected.find((e) => e.id === item.id).km;
      assert.ok(Math.abs(km - expected[i].km) < 1, `${item.id} is the ${i + 1}th nearest (${km.toFixed(1)} km vs ${expected[i].km.toFixed(1)})`);
      const shown = Number(item.distance.replace(/[^\d,]/g, '').replace(',', '.'));
      assert.ok(Math.abs(shown - km) <= Math.max(0.6, km * 0.02), `« ${item.distance} » for ${km.toFixed(2)} km`);
      assert.match(item.distance, /\u00a0(km|m)$/, 'a no-break space before the unit');
    }
    await page.click('#around-clear');
    assert.equal(await page.isHidden('#around'), true);
  });

  test('one letter off still finds it: « toulouze »', async () => {
    await page.fill('#search', 'toulouze');
    await page.dispatchEvent('#search', 'input');
    await page.locator('#places .place', { hasText: 'Toulouse' }).first().waitFor();
    await page.fill('#search', '');
    await page.dispatchEvent('#search', 'input');
  });

  test('a département by its number: « 29 »', async () => {
    await page.fill('#search', '29');
    await page.dispatchEvent('#search', 'input');
    await page.locator('#places .place', { hasText: 'Finistère' }).first().waitFor();
    await page.fill('#search', '');
    await page.dispatchEvent('#search', 'input');
  });

  test('« Autour de moi » after the browser grants the position; a clear message when it refuses', async () => {
    const brest = byName('Brest');
    const granted = await openPage(shared.browser, shared.site.origin, {
      setup: async (p, context) => {
        await context.grantPermissions(['geolocation'], { origin: shared.site.origin });
        await context.setGeolocation({ latitude: brest.lat, longitude: brest.lon });
      },
    });
    try {
      await waitReady(granted.page);
      await granted.page.click('#around-me');
      await granted.page.waitForSelector('#around:not([hidden])');
      const first = await granted.page.evaluate(() => document.querySelector('#results li[data-id]').dataset.id);
      const nearest = features.map((f) => ({ id: f.properties.id, km: kmBetween(brest, { lon: f.geometry.coordinates[0], lat: f.geometry.coordinates[1] }) }))
        .sort((a, b) => a.km - b.km)[0];
      assert.ok(kmBetween(brest, { lon: features.find((f) => f.properties.id === first).geometry.coordinates[0], lat: features.find((f) => f.properties.id === first).geometry.coordinates[1] }) - nearest.km < 1);
    } finally {
      await granted.close();
    }
    const refused = await openPage(shared.browser, shared.site.origin);
    try {
      await waitReady(refused.page);
      await refused.page.click('#around-me');
      await refused.page.waitForFunction(() => document.getElementById('around-status').textContent.length > 0, null, { timeout: 20_000 });
      assert.match(await refused.page.textContent('#around-status'), /position|géolocalisation/);
    } finally {
      await refused.close();
    }
  });

  test('the card never hides its marker nor the insets’ titles', async () => {
    await page.evaluate(() => window.catalyseurs.home());
    // The easternmost mainland catalyseur: under the card, on the right, at the overview.
    const east = features.filter((f) => f.properties.region.length === 2 && !['01', '02', '03', '04', '06'].includes(f.properties.region))
      .sort((a, b) => b.geometry.coordinates[0] - a.geometry.coordinates[0])[0];
    assert.equal(await page.evaluate((id) => window.catalyseurs.select(id), east.properties.id), true);
    await settleFrames(page, 3);
    const [lon, lat] = east.geometry.coordinates;
    const { view, card, canvas } = await page.evaluate(() => ({
      view: window.catalyseurs.state().view,
      card: document.getElementById('card').getBoundingClientRect().toJSON(),
      canvas: document.getElementById('canvas').getBoundingClientRect().toJSON(),
    }));
    const { x, y } = lambert93(lon, lat);
    const marker = planeToScreen(view, x, y);
    const inCard = marker.x + canvas.left >= card.left && marker.x + canvas.left <= card.right &&
                   marker.y + canvas.top >= card.top && marker.y + canvas.top <= card.bottom;
    assert.ok(!inCard, `the marker of ${east.properties.id} (${marker.x.toFixed(0)}, ${marker.y.toFixed(0)}) is under the card`);
    for (const title of (await page.evaluate(() => window.catalyseurs.labels())).filter((l) => l.kind === 'territoire')) {
      const left = title.x + canvas.left, top = title.y + canvas.top;
      assert.ok(left + title.w < card.left || left > card.right || top + title.h < card.top || top > card.bottom, `${title.text} under the card`);
    }
    await page.evaluate(() => window.catalyseurs.select(''));
  });

  test('« Dans la zone affichée » keeps to the view', async () => {
    await page.evaluate(() => window.catalyseurs.centerOn(4.84, 45.76, 30));
    await page.check('#list-in-view');
    await settleFrames(page, 2);
    const state = await page.evaluate(() => window.catalyseurs.state());
    const listed = await page.evaluate(() => document.querySelectorAll('#results li[data-id]').length);
    assert.ok(listed > 0 && listed < state.matching, `${listed} listed of ${state.matching}`);
    await page.uncheck('#list-in-view');
  });
});
