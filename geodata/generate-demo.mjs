#!/usr/bin/env node
// Writes geodata/catalyseurs.csv, the demonstration directory: the real pioneers
// first, then fictitious entries drawn from geodata/demo-seed.json.
//
//   node geodata/generate-demo.mjs
//
// Reads geodata/communes.csv (node geodata/build-gazetteer.mjs) and
// geodata/territoires.geojson (the basemap). The output depends on nothing else,
// so the same inputs always give the same bytes.
//
// The building blocks are exported for generate-synthetic.mjs, which draws
// larger sets with the same vocabulary.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { REGION_NAMES, SCHEMA } from './schema.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const PATHS = {
  seed: path.join(HERE, 'demo-seed.json'),
  gazetteer: path.join(HERE, 'communes.csv'),
  basemap: path.join(HERE, 'territoires.geojson'),
  output: path.join(HERE, 'catalyseurs.csv'),
};

// From the core, in its order (geodata/schema.json). The draws follow THEMATIQUES' order,
// so reordering the values in C++ changes the demo set: demo_csv_is_reproducible then
// asks for it to be regenerated.
export const COLUMNS = SCHEMA.columns;
export const STRUCTURES = SCHEMA.structure;
export const METIERS = SCHEMA.metiers;
export const THEMATIQUES = SCHEMA.thematiques;
export { REGION_NAMES };
export const MAX_DESCRIPTION = 600;
const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

// INSEE gives regions two-digit codes and the COM three; the DROM are the overseas regions.
const DROM = SCHEMA.regions.filter((r) => r.territoire !== 'metropole' && r.code.length === 2).map((r) => r.code);
const MAINLAND = new Set(SCHEMA.regions.filter((r) => r.territoire === 'metropole').map((r) => r.code));
const isMainland = (region) => MAINLAND.has(region);

export class DataError extends Error {}

// ---------------------------------------------------------------- utilities

// Code-point order, not localeCompare: the ICU collation differs between Node
// builds and would make the output machine-dependent.
export const byCodePoint = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

// mulberry32: tiny, fast, and identical on every platform, unlike Math.random.
export function mulberry32(seed) {
  let a = seed >>> 0;
  return function next() {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = (rng, list) => list[Math.floor(rng() * list.length)];

// Weight tables are parsed once: the synthetic generator draws millions of times.
const weightTables = new WeakMap();
function tableOf(weights) {
  let t = weightTables.get(weights);
  if (!t) {
    t = { keys: Object.keys(weights), weights: Object.values(weights) };
    weightTables.set(weights, t);
  }
  return t;
}

function drawIndex(rng, weights) {
  let total = 0;
  for (const w of weights) total += w;
  let r = rng() * total;
  for (let i = 0; i < weights.length; i++) {
    r -= weights[i];
    if (r < 0) return i;
  }
  return weights.length - 1;
}

export function pickWeighted(rng, weights) {
  const t = tableOf(weights);
  return t.keys[drawIndex(rng, t.weights)];
}

// 1 + index drawn from relative weights, e.g. [55, 35, 10] -> 1, 2 or 3.
const pickCount = (rng, weights) => drawIndex(rng, weights) + 1;

// Draws `count` distinct keys, each in proportion to its weight among those left.
function pickDistinct(rng, weights, count) {
  const t = tableOf(weights);
  const keys = t.keys.slice();
  const w = t.weights.slice();
  const out = [];
  while (out.length < count && keys.length) {
    const i = drawIndex(rng, w);
    out.push(keys[i]);
    keys.splice(i, 1);
    w.splice(i, 1);
  }
  return out;
}

// Samples items with probability proportional to weight, by binary search on
// the cumulative sums, so that a million draws stay cheap.
export class WeightedSampler {
  constructor(items, weightOf) {
    this.items = [];
    this.cumulative = [];
    let sum = 0;
    for (const item of items) {
      const w = weightOf(item);
      if (!(w > 0)) continue;
      sum += w;
      this.items.push(item);
      this.cumulative.push(sum);
    }
    this.total = sum;
  }

  get size() { return this.items.length; }

  draw(rng) {
    const target = rng() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cumulative[mid] > target) hi = mid; else lo = mid + 1;
    }
    return this.items[lo];
  }
}

export function slugify(s, maxLength = 64) {
  let slug = s
    .normalize('NFD').replace(/\p{M}/gu, '')
    .replace(/[œŒ]/g, 'oe').replace(/[æÆ]/g, 'ae')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length > maxLength) slug = slug.slice(0, maxLength).replace(/-[^-]*$/, '');
  return slug;
}

// ---------------------------------------------------------------- CSV

export function csvField(value) {
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(entry) {
  return COLUMNS.map((c) => {
    const v = entry[c];
    if (Array.isArray(v)) return csvField(v.join(';'));
    if (typeof v === 'boolean') return v ? 'true' : 'false';
    return csvField(v ?? '');
  }).join(',');
}

// RFC 4180 reader (quoted fields, doubled quotes, CRLF or LF). Returns rows with
// the 1-based line number where each record starts, for error messages.
export function parseCsv(text) {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let startLine = 1;
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') { field += '"'; i += 2; continue; }
        quoted = false; i++; continue;
      }
      if (ch === '\n') line++;
      field += ch; i++; continue;
    }
    if (ch === '"' && field === '') { quoted = true; i++; continue; }
    if (ch === ',') { row.push(field); field = ''; i++; continue; }
    if (ch === '\r' && text[i + 1] === '\n') i++;
    if (ch === '\n' || ch === '\r') {
      row.push(field); field = '';
      rows.push({ line: startLine, fields: row });
      row = []; i++; line++; startLine = line;
      continue;
    }
    if (ch === '"') throw new DataError(`line ${line}: stray quote inside an unquoted field`);
    field += ch; i++;
  }
  if (quoted) throw new DataError(`line ${startLine}: unterminated quoted field`);
  if (field !== '' || row.length) { row.push(field); rows.push({ line: startLine, fields: row }); }
  return rows;
}

// ---------------------------------------------------------------- inputs

export function readGazetteer(file = PATHS.gazetteer) {
  if (!fs.existsSync(file)) throw new DataError(`${file} is missing: run node geodata/build-gazetteer.mjs first`);
  const rows = parseCsv(fs.readFileSync(file, 'utf8'));
  const header = rows.shift()?.fields.join(',');
  if (header !== 'code_insee,nom,departement,region,lon,lat,population') {
    throw new DataError(`${file}: unexpected header ${header}`);
  }
  const communes = new Map();
  for (const { line, fields } of rows) {
    const [code, nom, departement, region, lon, lat, population] = fields;
    if (fields.length !== 7 || !/^[0-9][0-9AB][0-9]{3}$/.test(code) || !Number.isFinite(Number(lon))
      || !Number.isFinite(Number(lat)) || !/^\d+$/.test(population)) {
      throw new DataError(`${file} line ${line}: malformed row`);
    }
    if (communes.has(code)) throw new DataError(`${file} line ${line}: duplicate code ${code}`);
    communes.set(code, { code, nom, departement, region, lon, lat, population: Number(population) });
  }
  return communes;
}

export function readSeed(file = PATHS.seed) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new DataError(`cannot read ${file}: ${err.message}`);
  }
}

// ---------------------------------------------------------------- basemap

function ringContains(ring, x, y) {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function polygonContains(rings, x, y) {
  if (!ringContains(rings[0], x, y)) return false;
  for (let k = 1; k < rings.length; k++) if (ringContains(rings[k], x, y)) return false; // holes
  return true;
}

export function geometryContains(geometry, x, y) {
  if (geometry.type === 'Polygon') return polygonContains(geometry.coordinates, x, y);
  if (geometry.type === 'MultiPolygon') return geometry.coordinates.some((p) => polygonContains(p, x, y));
  return false;
}

// The map draws each territory from this file; a commune point outside its own
// region's outline (a port cut off by simplification, a border town) would show
// a marker in the sea or in the neighbouring region, so such communes are not
// used for generated entries.
export function readBasemap(file = PATHS.basemap) {
  if (!fs.existsSync(file)) throw new DataError(`${file} is missing: build the basemap first`);
  let fc;
  try {
    fc = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new DataError(`${file}: ${err.message}`);
  }
  if (fc?.type !== 'FeatureCollection' || !Array.isArray(fc.features)) throw new DataError(`${file}: not a FeatureCollection`);
  const byCode = new Map();
  for (const f of fc.features) {
    const code = f?.properties?.code;
    if (typeof code !== 'string' || !f.geometry) throw new DataError(`${file}: feature without code or geometry`);
    byCode.set(code, f.geometry);
  }
  return byCode;
}

export function insideOwnRegion(basemap, commune) {
  const g = basemap.get(commune.region);
  return Boolean(g) && geometryContains(g, Number(commune.lon), Number(commune.lat));
}

// ---------------------------------------------------------------- French text

const typographic = (s) => s.replace(/'/g, '’');
const startsWithVowel = (s) => /^[aeiouyàâäéèêëîïôöûüœAEIOUYÀÂÄÉÈÊËÎÏÔÖÛÜŒ]/.test(s);

// The forms a commune name takes after « à » and « de »: au Havre, aux Mureaux,
// d’Angers, du Mont-Dore.
export function communeForms(nom) {
  const bare = typographic(nom);
  let a;
  let de;
  if (bare.startsWith('Le ')) { a = `au ${bare.slice(3)}`; de = `du ${bare.slice(3)}`; }
  else if (bare.startsWith('Les ')) { a = `aux ${bare.slice(4)}`; de = `des ${bare.slice(4)}`; }
  else {
    a = `à ${bare}`;
    de = startsWithVowel(bare) ? `d’${bare}` : `de ${bare}`;
  }
  return { bare, a, de };
}

const formsCache = new Map();
function formsOf(nom) {
  let f = formsCache.get(nom);
  if (!f) { f = communeForms(nom); formsCache.set(nom, f); }
  return f;
}

const EVEN_THEMES = Object.fromEntries(THEMATIQUES.map((t) => [t, 1]));

// Contracts « à » with the article of a theme: au numérique, à l’emploi.
const withA = (phrase) => (phrase.startsWith('le ') ? `au ${phrase.slice(3)}` : `à ${phrase}`);

function joinFrench(items) {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} et ${items[items.length - 1]}`;
}

const fill = (template, values) => template.replace(/\{(\w+)\}/g, (m, k) => {
  if (!(k in values)) throw new DataError(`template ${template} uses unknown slot {${k}}`);
  return values[k];
});

const capitalize = (s) => s.charAt(0).toUpperCase() + s.slice(1);

// Builds one fictitious entry (everything but id and site) for a commune;
// `seed` is the parsed demo-seed.json, which holds the vocabulary and odds.
export function makeFictitious(rng, seed, commune) {
  const { vocabulary: v, weights: w, shares } = seed;
  const structure = pickWeighted(rng, w.structure);
  const metiers = pickDistinct(rng, w.metier, pickCount(rng, w.metierCount));
  const thematiques = pickDistinct(rng, EVEN_THEMES, pickCount(rng, w.thematiqueCount));
  const forms = formsOf(commune.nom);

  // Each head comes with the subject that refers back to it (« Cette fabrique »),
  // so the card never calls a fondation a collectif.
  const lieuHeads = v.heads.lieu.filter(([, , fits]) => fits.includes(structure));
  const [head, subject] = metiers.includes('lieu') && lieuHeads.length && rng() < 0.5
    ? pick(rng, lieuHeads) : pick(rng, v.heads[structure]);
  const nom = rng() < 0.45 ? `${head} ${forms.de}` : `${head} ${pick(rng, v.places)}`;

  const sentences = [];
  const where = fill(pick(rng, v.placeForms), forms);
  sentences.push(`${subject} ${pick(rng, v.metierVerbs[metiers[0]])} ${where}.`);
  const themes = thematiques.map((t) => v.themes[t]);
  sentences.push(capitalize(fill(pick(rng, v.themeSentences), { themes: joinFrench(themes), a_themes: joinFrench(themes.map(withA)) })));
  if (metiers.length > 1) sentences.push(fill(pick(rng, v.secondMetierSentences), { noun: v.metierNouns[metiers[1]] }));
  if (rng() < shares.thirdSentence) sentences.push(fill(pick(rng, v.extraSentences), { n: String(10 * (2 + Math.floor(rng() * 7))) }));
  sentences.push(v.closing);
  let description = sentences.join(' ');
  // Keep the cards short: drop the optional middle sentences rather than cut words.
  while (description.length > 300 && sentences.length > 3) {
    sentences.splice(sentences.length - 2, 1);
    description = sentences.join(' ');
  }

  const territoire = rng() < shares.territoire ? fill(pick(rng, v.territoires), forms) : '';
  return {
    nom, structure, metiers, thematiques,
    commune: commune.nom, code_insee: commune.code, departement: commune.departement, region: commune.region,
    territoire, description, site: '', demo: true,
  };
}

// ---------------------------------------------------------------- validation

export function validateEntry(e, communes) {
  const problems = [];
  if (!SLUG.test(e.id)) problems.push(`id « ${e.id} » is not a slug`);
  if (!e.nom || e.nom.trim() !== e.nom) problems.push('nom is empty or padded');
  if (!STRUCTURES.includes(e.structure)) problems.push(`unknown structure ${e.structure}`);
  if (!e.metiers.length) problems.push('no métier');
  for (const m of e.metiers) if (!METIERS.includes(m)) problems.push(`unknown métier ${m}`);
  if (new Set(e.metiers).size !== e.metiers.length) problems.push('repeated métier');
  for (const t of e.thematiques) if (!THEMATIQUES.includes(t)) problems.push(`unknown thématique ${t}`);
  if (new Set(e.thematiques).size !== e.thematiques.length) problems.push('repeated thématique');
  const c = communes.get(e.code_insee);
  if (!c) problems.push(`code_insee ${e.code_insee} is not in the gazetteer`);
  else if (c.nom !== e.commune || c.departement !== e.departement || c.region !== e.region) {
    problems.push(`commune/departement/region disagree with the gazetteer for ${e.code_insee}`);
  }
  if (!e.description || e.description.length > MAX_DESCRIPTION) problems.push(`description length ${e.description.length}`);
  if (/[\r\n]/.test(e.description + e.nom + e.territoire)) problems.push('line break in a text field');
  if (e.site && !/^https:\/\/[^\s"<>]+$/.test(e.site)) problems.push(`site ${e.site} is not an https URL`);
  if (typeof e.demo !== 'boolean') problems.push('demo is not a boolean');
  return problems;
}

// ---------------------------------------------------------------- atomic output

export function tempPathFor(file) {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
}

export function writeAtomic(file, data) {
  const tmp = tempPathFor(file);
  try {
    fs.writeFileSync(tmp, data);
    fs.renameSync(tmp, file);
  } catch (err) {
    try { fs.unlinkSync(tmp); } catch { /* nothing to clean */ }
    throw err;
  }
}

// ---------------------------------------------------------------- the demo set

function buildDemo() {
  const seed = readSeed();
  const communes = readGazetteer();
  const basemap = readBasemap();
  const rng = mulberry32(seed.seed);

  const entries = [];
  const outsidePioneers = [];
  for (const p of seed.pioneers) {
    const c = communes.get(p.code_insee);
    if (!c) throw new DataError(`pioneer ${p.id}: commune ${p.code_insee} is not in the gazetteer`);
    if (!insideOwnRegion(basemap, c)) outsidePioneers.push(`${p.id} (${c.nom}, region ${c.region})`);
    entries.push({
      id: p.id, nom: p.nom, structure: p.structure, metiers: p.metiers, thematiques: p.thematiques,
      commune: c.nom, code_insee: c.code, departement: c.departement, region: c.region,
      territoire: p.territoire ?? '', description: p.description, site: '', demo: false,
    });
  }

  const eligible = [...communes.values()].filter((c) => insideOwnRegion(basemap, c));
  const byRegion = new Map();
  for (const c of eligible) {
    if (!byRegion.has(c.region)) byRegion.set(c.region, []);
    byRegion.get(c.region).push(c);
  }
  const samplerFor = (list) => new WeightedSampler(list, (c) => c.population);

  // Minimums first, so that small territories appear whatever the population
  // draw gives; the rest follows population across every territory.
  const q = seed.quotas;
  const draws = [];
  const quotaFor = (region, n) => {
    const s = samplerFor(byRegion.get(region) ?? []);
    if (s.size === 0) throw new DataError(`no commune of region ${region} lies inside its basemap outline`);
    for (let i = 0; i < n; i++) draws.push(s.draw(rng));
  };
  const regions = [...new Set([...communes.values()].map((c) => c.region))].sort(byCodePoint);
  for (const r of regions.filter(isMainland)) quotaFor(r, q.mainlandRegionMin);
  for (const r of DROM) quotaFor(r, q.dromMin);
  const coms = q.comPreferred.filter((r) => (byRegion.get(r) ?? []).some((c) => c.population > 0)).slice(0, q.comCount);
  if (coms.length < q.comCount) throw new DataError(`only ${coms.length} COM have a commune inside the basemap`);
  for (const r of coms) quotaFor(r, q.comMin);
  const fictitiousCount = seed.total - entries.length;
  if (draws.length > fictitiousCount) throw new DataError('the quotas exceed the number of fictitious entries');
  const all = samplerFor(eligible);
  while (draws.length < fictitiousCount) draws.push(all.draw(rng));

  const ids = new Set(entries.map((e) => e.id));
  const names = new Set(entries.map((e) => e.nom));
  const fictitious = [];
  for (const commune of draws) {
    let e;
    for (let attempt = 0; ; attempt++) {
      e = makeFictitious(rng, seed, commune);
      if (!names.has(e.nom)) break;
      if (attempt > 50) throw new DataError(`cannot find a new name for a fictitious entry in ${commune.nom}`);
    }
    names.add(e.nom);
    let id = slugify(e.nom);
    for (let n = 2; ids.has(id); n++) id = `${slugify(e.nom)}-${n}`;
    ids.add(id);
    e.id = id;
    if (rng() < seed.shares.site) e.site = `https://example.org/${id}`;
    fictitious.push(e);
  }
  // Grouped by territory then commune, which is how the sheet is read and edited.
  fictitious.sort((a, b) => byCodePoint(a.region, b.region) || byCodePoint(a.code_insee, b.code_insee) || byCodePoint(a.id, b.id));
  entries.push(...fictitious);

  const problems = [];
  entries.forEach((e, i) => {
    for (const p of validateEntry(e, communes)) problems.push(`row ${i + 2} (${e.id}): ${p}`);
  });
  for (const [label, values, key] of [['structure', STRUCTURES, 'structure'], ['métier', METIERS, 'metiers'], ['thématique', THEMATIQUES, 'thematiques']]) {
    const used = new Set(fictitious.flatMap((e) => e[key]));
    for (const value of values) if (!used.has(value)) problems.push(`no fictitious entry uses the ${label} ${value}; change the seed`);
  }
  if (problems.length) throw new DataError(problems.join('\n'));
  return { entries, outsidePioneers, coms, eligible: eligible.length, located: communes.size };
}

function countBy(entries, keyOf) {
  const m = new Map();
  for (const e of entries) for (const k of [].concat(keyOf(e))) m.set(k, (m.get(k) ?? 0) + 1);
  return m;
}

function summary({ entries, outsidePioneers, coms, eligible, located }) {
  const out = [];
  const demo = entries.filter((e) => e.demo);
  out.push(`${entries.length} entries: ${entries.length - demo.length} real pioneers, ${demo.length} fictitious`);
  out.push(`communes usable for fictitious entries (point inside their region on the basemap): ${eligible} of ${located}`);
  out.push(`COM with guaranteed entries: ${coms.join(', ')}`);
  out.push('per region / territory (all / fictitious):');
  const all = countBy(entries, (e) => e.region);
  const fict = countBy(demo, (e) => e.region);
  for (const r of [...all.keys()].sort(byCodePoint)) {
    out.push(`  ${r.padStart(3)} ${(REGION_NAMES[r] ?? r).padEnd(28)} ${String(all.get(r)).padStart(4)} ${String(fict.get(r) ?? 0).padStart(4)}`);
  }
  const fmt = (m) => [...m].sort((a, b) => b[1] - a[1] || byCodePoint(a[0], b[0])).map(([k, v]) => `${k} ${v}`).join(', ');
  out.push(`structure: ${fmt(countBy(entries, (e) => e.structure))}`);
  out.push(`métiers: ${fmt(countBy(entries, (e) => e.metiers))}`);
  out.push(`thématiques: ${fmt(countBy(entries, (e) => e.thematiques))}`);
  const lengths = demo.map((e) => e.description.length).sort((a, b) => a - b);
  out.push(`fictitious descriptions: ${lengths[0]}–${lengths[lengths.length - 1]} characters, median ${lengths[lengths.length >> 1]}`);
  out.push(`with site: ${entries.filter((e) => e.site).length}, with territoire: ${entries.filter((e) => e.territoire).length}`);
  out.push(`distinct communes: ${new Set(entries.map((e) => e.code_insee)).size}`);
  out.push(outsidePioneers.length ? `WARNING pioneers outside their region outline: ${outsidePioneers.join('; ')}` : 'all pioneers lie inside their region outline');
  process.stdout.write(`${out.join('\n')}\n`);
}

// node geodata/generate-demo.mjs [OUTPUT.csv]   (default: geodata/catalyseurs.csv)
function main() {
  const output = process.argv[2] ? path.resolve(process.argv[2]) : PATHS.output;
  const result = buildDemo();
  const text = `${[COLUMNS.join(','), ...result.entries.map(csvLine)].join('\n')}\n`;
  writeAtomic(output, text);
  summary(result);
  process.stdout.write(`${path.relative(process.cwd(), output) || output}: ${Buffer.byteLength(text)} bytes\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    main();
  } catch (err) {
    process.stderr.write(`generate-demo: ${err instanceof DataError ? err.message : err.stack}\n`);
    process.exit(1);
  }
}
