// The projector compiled to WebAssembly, with its trimmed proj.db, must give the same
// metres as PROJ's cs2cs for every territory's legal CRS (DESIGN §4).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { join } from 'node:path';
import { FIXTURES_DIR, readTsv, sharedPage } from './support.mjs';

const TERRITORIES = [
  'metropole', 'guadeloupe', 'martinique', 'guyane', 'reunion', 'mayotte', 'saint-pierre-et-miquelon',
  'saint-barthelemy', 'saint-martin', 'wallis-et-futuna', 'polynesie-francaise', 'nouvelle-caledonie',
];

const reference = readTsv(join(FIXTURES_DIR, 'projection', 'reference.tsv')).map(([territory, place, lon, lat, epsg, x, y]) => ({
  territory, place, lon: Number(lon), lat: Number(lat), epsg: Number(epsg), x: Number(x), y: Number(y),
}));

const shared = sharedPage();

describe('project() in the browser', () => {
  test('the reference covers every territory', () => {
    assert.ok(reference.every((r) => Number.isFinite(r.lon) && Number.isFinite(r.x) && Number.isFinite(r.y)), 'malformed fixture row');
    assert.deepEqual([...new Set(reference.map((r) => r.territory))].sort(), [...TERRITORIES].sort());
  });

  for (const territory of TERRITORIES) {
    test(`${territory} agrees with cs2cs within 1 mm`, async () => {
      const rows = reference.filter((r) => r.territory === territory);
      assert.ok(rows.length > 0, `no reference point for ${territory}`);
      const results = await shared.page.evaluate(
        (points) => points.map(([lon, lat]) => window.catalyseurs.project(lon, lat)),
        rows.map((r) => [r.lon, r.lat]),
      );
      rows.forEach((r, i) => {
        const got = results[i];
        const where = `${r.place} (${r.lon}, ${r.lat})`;
        assert.ok(got, `${where}: project() returned null`);
        assert.equal(got.territory, r.territory, `${where}: territory`);
        assert.equal(got.epsg, r.epsg, `${where}: EPSG code`);
        // The reference is rounded to the millimetre; allow that rounding on top of 1 mm.
        const dx = Math.abs(got.x - r.x);
        const dy = Math.abs(got.y - r.y);
        assert.ok(dx <= 0.0015 && dy <= 0.0015, `${where}: got (${got.x}, ${got.y}), cs2cs says (${r.x}, ${r.y}); off by ${(dx * 1000).toFixed(1)} mm, ${(dy * 1000).toFixed(1)} mm`);
      });
    });
  }

  test('points outside every French territory project to null', async () => {
    const outside = await shared.page.evaluate(() => ({
      atlantic: window.catalyseurs.project(-30, 40),
      madrid: window.catalyseurs.project(-3.7038, 40.4168),
      tokyo: window.catalyseurs.project(139.6917, 35.6895),
    }));
    assert.equal(outside.atlantic, null, 'mid-Atlantic');
    assert.equal(outside.madrid, null, 'Madrid');
    assert.equal(outside.tokyo, null, 'Tokyo');
  });
});
