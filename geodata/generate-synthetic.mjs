#!/usr/bin/env node
// Writes a large synthetic directory for load tests and benchmarks.
//
//   node geodata/generate-synthetic.mjs COUNT OUTPUT [--seed N]
//
// OUTPUT ends in .csv (the columns of geodata/catalyseurs.csv) or .geojson (the
// FeatureCollection the map loads, DESIGN §3.1). Every entry is fictitious
// (demo = true), placed at a commune of geodata/communes.csv drawn in proportion
// to population, among the communes that lie inside their region on
// geodata/territoires.geojson. The same COUNT and seed give the same bytes, and a
// smaller COUNT gives a prefix of a larger one.
//
// Entries are written as they are made, so a million of them need no more memory
// than ten.

import fs from 'node:fs';
import path from 'node:path';
import {
  COLUMNS, DataError, WeightedSampler, csvLine, insideOwnRegion, makeFictitious, mulberry32,
  readBasemap, readGazetteer, readSeed, tempPathFor, validateEntry,
} from './generate-demo.mjs';

const USAGE = 'usage: node geodata/generate-synthetic.mjs COUNT OUTPUT.csv|OUTPUT.geojson [--seed N]';
const MAX_COUNT = 100_000_000;
const FLUSH_BYTES = 1 << 20;

function parseArgs(argv) {
  const positional = [];
  let seed = 1;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--seed' || a.startsWith('--seed=')) {
      const value = a === '--seed' ? argv[++i] : a.slice('--seed='.length);
      if (!/^\d+$/.test(value ?? '') || Number(value) > 0xffffffff) throw new DataError(`--seed needs an integer from 0 to 4294967295\n${USAGE}`);
      seed = Number(value);
    } else if (a === '-h' || a === '--help') {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    } else if (a.startsWith('-')) {
      throw new DataError(`unknown option ${a}\n${USAGE}`);
    } else {
      positional.push(a);
    }
  }
  if (positional.length !== 2) throw new DataError(USAGE);
  const [countText, output] = positional;
  if (!/^\d+$/.test(countText) || Number(countText) < 1 || Number(countText) > MAX_COUNT) {
    throw new DataError(`COUNT must be an integer from 1 to ${MAX_COUNT}\n${USAGE}`);
  }
  const format = output.endsWith('.csv') ? 'csv' : output.endsWith('.geojson') ? 'geojson' : null;
  if (!format) throw new DataError(`OUTPUT must end in .csv or .geojson\n${USAGE}`);
  return { count: Number(countText), output: path.resolve(output), format, seed };
}

// Property order of DESIGN §3.1; optional fields are left out when empty, as
// the real export does.
function featureLine(e, commune) {
  const properties = {
    id: e.id, nom: e.nom, structure: e.structure, metiers: e.metiers, thematiques: e.thematiques,
    commune: e.commune, code_insee: e.code_insee, departement: e.departement, region: e.region,
  };
  if (e.territoire) properties.territoire = e.territoire;
  properties.description = e.description;
  if (e.site) properties.site = e.site;
  properties.demo = true;
  // The gazetteer already holds 5-decimal numbers, which are valid JSON as written.
  return `{"type":"Feature","geometry":{"type":"Point","coordinates":[${commune.lon},${commune.lat}]},"properties":${JSON.stringify(properties)}}`;
}

function generate({ count, output, format, seed: seedValue }) {
  const seed = readSeed();
  const communes = readGazetteer();
  const basemap = readBasemap();
  const sampler = new WeightedSampler([...communes.values()].filter((c) => insideOwnRegion(basemap, c)), (c) => c.population);
  if (sampler.size === 0) throw new DataError('no commune of the gazetteer lies inside the basemap');
  const rng = mulberry32(seedValue);
  const width = Math.max(7, String(count).length);

  const dir = path.dirname(output);
  if (!fs.existsSync(dir)) throw new DataError(`directory ${dir} does not exist`);
  const tmp = tempPathFor(output);
  const fd = fs.openSync(tmp, 'w');
  let buffer = [];
  let bufferBytes = 0;
  const write = (s) => {
    buffer.push(s);
    bufferBytes += s.length;
    if (bufferBytes >= FLUSH_BYTES) flush();
  };
  const flush = () => {
    if (buffer.length) {
      const bytes = Buffer.from(buffer.join(''), 'utf8');
      for (let off = 0; off < bytes.length;) off += fs.writeSync(fd, bytes, off);
    }
    buffer = [];
    bufferBytes = 0;
  };

  try {
    write(format === 'csv' ? `${COLUMNS.join(',')}\n` : '{"type":"FeatureCollection","features":[\n');
    for (let i = 1; i <= count; i++) {
      const commune = sampler.draw(rng);
      const e = makeFictitious(rng, seed, commune);
      e.id = `synth-${String(i).padStart(width, '0')}`;
      if (rng() < seed.shares.site) e.site = `https://example.org/${e.id}`;
      const problems = validateEntry(e, communes);
      if (problems.length) throw new DataError(`entry ${e.id}: ${problems.join('; ')}`);
      if (format === 'csv') write(`${csvLine(e)}\n`);
      else write(`${featureLine(e, commune)}${i < count ? ',' : ''}\n`);
    }
    if (format === 'geojson') write(']}\n');
    flush();
    fs.closeSync(fd);
    fs.renameSync(tmp, output);
  } catch (err) {
    try { fs.closeSync(fd); } catch { /* already closed */ }
    try { fs.unlinkSync(tmp); } catch { /* nothing to clean */ }
    throw err;
  }
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  const start = process.hrtime.bigint();
  generate(args);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const bytes = fs.statSync(args.output).size;
  process.stdout.write(`${args.output}: ${args.count} entries, ${bytes} bytes, seed ${args.seed}, ${seconds.toFixed(2)} s\n`);
}

try {
  main();
} catch (err) {
  process.stderr.write(`generate-synthetic: ${err instanceof DataError ? err.message : err.stack}\n`);
  process.exit(1);
}
