#!/usr/bin/env node
// Writes the seed inputs of tests/fuzz/corpus/<target>/, from the shipped data and the test
// fixtures: small slices of real files (fuzzing is fastest on small inputs), the fixtures
// themselves, and a few inputs of the kinds that once broke the parsers.
//
//   node tests/fuzz/seed-corpus.mjs
//
// Seeds are the files named seed-*; the others in those folders are inputs the fuzzer found
// (scripts/fuzz.sh --merge) and are left alone. The same sources give the same bytes.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const corpus = path.join(root, 'tests/fuzz/corpus');
const read = (relative) => fs.readFileSync(path.join(root, relative));
// Past this a fixture is not a good seed: each execution would take long.
const MAX_SEED_BYTES = 16 * 1024;

function writeSeeds(target, seeds) {
  const dir = path.join(corpus, target);
  fs.mkdirSync(dir, { recursive: true });
  for (const name of fs.readdirSync(dir)) if (name.startsWith('seed-')) fs.rmSync(path.join(dir, name));
  for (const [name, bytes] of Object.entries(seeds)) {
    if (bytes.length <= MAX_SEED_BYTES) fs.writeFileSync(path.join(dir, `seed-${name}`), bytes);
  }
}

function fixtures(folder, extension) {
  const seeds = {};
  for (const name of fs.readdirSync(path.join(root, folder)).sort()) {
    if (name.endsWith(extension)) seeds[name] = read(path.join(folder, name));
  }
  return seeds;
}

const collection = (features) => JSON.stringify({ type: 'FeatureCollection', features });
const lines = (relative, n) => read(relative).toString('utf8').split('\n').slice(0, n).join('\n') + '\n';

// GeoJSON: the map's data file.
const shipped = JSON.parse(read('geodata/catalyseurs.geojson'));
const catalyseur = shipped.features[0];
const first = JSON.stringify(catalyseur);
writeSeeds('catalyseurs', {
  ...fixtures('tests/fixtures/geojson', '.geojson'),
  'shipped-head.geojson': collection(shipped.features.slice(0, 3)),
  'shipped-one.geojson': collection([catalyseur]),
  'huge-number.geojson': `{"type":"FeatureCollection","features":[${first.replace(/\[([-0-9.]+),/, '[1e400,')}]}`,
  'lone-surrogate.geojson': `{"type":"FeatureCollection","features":[${first.replace(/"nom":"/, '"nom":"\\ud800')}]}`,
  'nan.geojson': `{"type":"FeatureCollection","features":[${first.replace(/\[([-0-9.]+),/, '[NaN,')}]}`,
  'nested.json': `{"type":"FeatureCollection","features":[${'['.repeat(64)}${']'.repeat(64)}]}`,
  'features-first.geojson': `{"features":[${first}],"type":"FeatureCollection"}`,
});

// The basemap: the smallest real regions (islands of a few dozen points), a DROM for its
// inset, and the fixtures.
const basemap = JSON.parse(read('geodata/territoires.geojson'));
const byCode = (code) => basemap.features.find((f) => f.properties.code === code);
const regionSeeds = {
  'regions-mixed.geojson': read('tests/fixtures/geojson/regions-mixed.geojson'),
  'not-json.geojson': read('tests/fixtures/geojson/not-json.geojson'),
  'not-a-collection.geojson': read('tests/fixtures/geojson/not-a-collection.geojson'),
  'saint-barthelemy.geojson': collection([byCode('977')]),
  'saint-martin-saint-barthelemy.geojson': collection([byCode('978'), byCode('977')]),
  'reunion.geojson': collection([byCode('04')]),
  'mayotte.geojson': collection([byCode('06')]),
  'ile-de-france.geojson': collection([byCode('11')]),
  'bow-tie.geojson': collection([{ type: 'Feature', properties: { code: '94', nom: 'Corse', territoire: 'metropole' },
    geometry: { type: 'Polygon', coordinates: [[[8.6, 41.4], [9.5, 43.0], [9.5, 41.4], [8.6, 43.0], [8.6, 41.4]]] } }]),
};
writeSeeds('regions', regionSeeds);
writeSeeds('scene', regionSeeds);

// CSV and the spreadsheet: the fixtures, and the heads of the shipped files.
const spreadsheets = {
  ...fixtures('tests/fixtures/spreadsheet/bad', '.csv'),
  'good.csv': read('tests/fixtures/spreadsheet/good.csv'),
  'shipped-head.csv': lines('geodata/catalyseurs.csv', 6),
};
writeSeeds('spreadsheet', spreadsheets);
writeSeeds('csv', { ...spreadsheets, 'communes-head.csv': lines('geodata/communes.csv', 12) });

// Text: names of the shipped data, and the characters the folding and the checks treat apart.
const names = [...new Set(shipped.features.slice(0, 40).flatMap((f) => [f.properties.nom, f.properties.commune]))];
writeSeeds('text', {
  'names.txt': names.join('\n'),
  'folding.txt': 'Saint-Étienne L’Haÿ-les-Roses ŒUVRE Çà a-×-b a-÷-b\u00a0x\u202fy',
  'controls.txt': 'a\u0000b\u001b[31mc\u007f\u0085\u202e\ufeff',
  'bad-bytes.bin': Buffer.from([0x52, 0xe9, 0x75, 0xc0, 0xaf, 0xed, 0xa0, 0x80, 0xf4, 0x90, 0x80, 0x80, 0xe2, 0x82]),
  'urls.txt': 'https://example.org/a?b=c#d http://user@example.org javascript:alert(1)',
  'slug.txt': 'vivre-les-mureaux',
});

// The bridge: one request of each type per line, as the page sends them.
const requests = [
  { type: 'setFilters', filters: { metiers: ['lieu'], thematiques: [], structure: ['association'], region: ['11', 84] } },
  { type: 'search', q: 'réunion' },
  { type: 'select', id: catalyseur.properties.id },
  { type: 'hover', id: catalyseur.properties.id },
  { type: 'showMore' },
  { type: 'zoom', factor: 2 },
  { type: 'setView', x: 652000, y: 6862000, scale: 0.001 },
  { type: 'zoomToTerritory', slug: 'reunion' },
  { type: 'setRegional', on: true },
  { type: 'restore', filters: { metiers: ['dialogue'] }, q: 'lyon', regional: false, view: { x: 1, y: 2, scale: 3 }, id: 'x' },
  { type: 'state', ids: true },
  { type: 'project', lon: 2.35, lat: 48.85 },
  { type: 'screenPosition', id: catalyseur.properties.id },
  { type: 'export', format: 'csv' },
  { type: 'home' },
  { type: 'reset' },
];
const bridgeSeeds = { 'all.jsonl': requests.map((r) => JSON.stringify(r)).join('\n') };
for (const r of requests) bridgeSeeds[`${r.type}.json`] = JSON.stringify(r);
bridgeSeeds['strings.json'] = JSON.stringify({ type: 'strings', lang: 'en', json: '{"en":{"n_catalyseurs":"{n} catalysts"}}' });
writeSeeds('bridge', bridgeSeeds);
