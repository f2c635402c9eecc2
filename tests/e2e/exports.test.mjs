// « Télécharger (CSV) » and « (GeoJSON) »: the catalyseurs the filters keep, downloaded as
// files. The CSV opens well in a spreadsheet program (UTF-8 byte-order mark, labels beside the
// codes, latitude and longitude); the GeoJSON is the data file's own format. Expected rows come
// from the shipped GeoJSON, filtered by the tests' own code.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { downloaded, expectedIds, loadDataset, REGION_NAMES, sharedPage } from './support.mjs';

const features = loadDataset().features;
const byId = new Map(features.map((f) => [f.properties.id, f]));
const shared = sharedPage();
let page;

before(async () => {
  ({ page } = await shared.ready());
});

// RFC 4180, enough for what the export writes (quoted fields with doubled quotes and newlines).
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; ++i) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; ++i; } else if (ch === '"') quoted = false; else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(field); field = ''; }
    else if (ch === '\n') { row.push(field); rows.push(row); row = []; field = ''; }
    else field += ch;
  }
  return rows;
}

const filters = { metiers: ['lieu'], thematiques: [], structure: [], region: ['84', '11'] };

describe('exports', () => {
  test('CSV: byte-order mark, the filtered rows, labels, position', async () => {
    await page.evaluate((f) => window.catalyseurs.setFilters(f), filters);
    const { name, bytes } = await downloaded(page, '#export-csv');
    assert.equal(name, 'catalyseurs.csv');
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'a UTF-8 byte-order mark, for spreadsheet programs');
    const [header, ...rows] = parseCsv(bytes.subarray(3).toString('utf8'));
    assert.deepEqual(header, ['id', 'nom', 'structure', 'metiers', 'thematiques', 'commune', 'code_insee', 'departement', 'region',
      'territoire', 'description', 'site', 'demo', 'structure_libelle', 'region_nom', 'latitude', 'longitude']);
    const expected = expectedIds(features, filters, '');
    assert.ok(expected.length > 3, 'the filter keeps a few entries');
    assert.deepEqual(rows.map((r) => r[0]).sort(), [...expected].sort(), 'the rows are the filtered catalyseurs');
    const column = (n) => header.indexOf(n);
    for (const r of rows) {
      const f = byId.get(r[0]);
      assert.equal(r.length, header.length);
      assert.equal(r[column('nom')], f.properties.nom);
      assert.equal(r[column('metiers')], f.properties.metiers.join(';'));
      assert.equal(r[column('region_nom')], REGION_NAMES[f.properties.region]);
      assert.ok(r[column('structure_libelle')].length > 0 && r[column('structure_libelle')] !== f.properties.structure, 'a label, not the code');
      const [lon, lat] = f.geometry.coordinates;
      assert.ok(Math.abs(Number(r[column('latitude')]) - lat) < 1e-5 && Math.abs(Number(r[column('longitude')]) - lon) < 1e-5, `${r[0]}: position`);
    }
    const association = rows.find((r) => r[column('structure')] === 'association');
    if (association) assert.equal(association[column('structure_libelle')], 'Association');
  });

  test('GeoJSON: the data file’s own features, filtered', async () => {
    const { name, bytes } = await downloaded(page, '#export-geojson');
    assert.equal(name, 'catalyseurs.geojson');
    const collection = JSON.parse(bytes.toString('utf8'));
    assert.equal(collection.type, 'FeatureCollection');
    const expected = expectedIds(features, filters, '');
    assert.deepEqual(collection.features.map((f) => f.properties.id).sort(), [...expected].sort());
    for (const f of collection.features) assert.deepEqual(f, byId.get(f.properties.id), `${f.properties.id}: same feature as the data file`);
    await page.evaluate(() => window.catalyseurs.setFilters({}));
  });
});
