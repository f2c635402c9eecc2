// Building the cluster index: ours (core::ClusterIndex, natively compiled, in the
// BM_BuildFromFile benchmark of tests/bench/clusters_bench.cpp) against supercluster's load(),
// on the same points, in one run, the two taking turns so that a change of the machine's load
// touches both.
//
//   node tests/bench/clusters_vs_supercluster.mjs [--sizes 100000,1000000] [--repetitions 5]
//     [--bench build/native/tests/clusters_bench]
//
// The points are drawn with a seeded generator around the communes of mainland France and
// Corsica (geodata/communes.csv), in proportion to population, each spread around its commune
// by more for a bigger town, and kept within the mainland's bounds. Both indexes get the same
// options (ours' defaults, which the native benchmark reports: radius, finest level, fewest
// points) on the same Web-Mercator plane, level z of ours drawn at the scale of supercluster's
// zoom z, and both build every level from the finest to 0. What each timing holds:
//   ours: the index from points already on the plane (reading the file and projecting them is
//     left out), the mean of Google Benchmark's iterations in one repetition;
//   supercluster: load() on GeoJSON point features, projecting them included, the mean of
//     calls made for at least as long as Google Benchmark's default (0.5 s), after one call
//     left out to warm the JIT up.
// The items each shows at a few levels are printed beside the timings, to check that both
// did the same work. Ours runs natively here; the page runs it compiled to WebAssembly.
//
// Figures vary with the machine and its load: compare the columns of one run, never against
// a fixed threshold.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Supercluster from 'supercluster';
import { seededRandom } from '../e2e/support.mjs';
import { median } from './bench_stats.mjs';

const root = resolve(new URL('../..', import.meta.url).pathname);
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const sizes = option('--sizes', '100000,1000000').split(',').map(Number);
const repetitions = Number(option('--repetitions', '5'));
const bench = resolve(root, option('--bench', 'build/native/tests/clusters_bench'));
const MIN_REPETITION_S = 0.5;

// Mainland France and Corsica, the bounds the peer pages open on.
const BOUNDS = { west: -5.2, south: 41.3, east: 9.6, north: 51.1 };
const inside = (lon, lat) => lon >= BOUNDS.west && lon <= BOUNDS.east && lat >= BOUNDS.south && lat <= BOUNDS.north;

function communes() {
  const [header, ...lines] = readFileSync(join(root, 'geodata/communes.csv'), 'utf8').trim().split('\n');
  const column = Object.fromEntries(header.split(',').map((name, i) => [name, i]));
  return lines.map((line) => {
    const cells = line.split(',');  // no field of this file is quoted
    const cell = (name) => Number(cells[column[name]]);
    return { lon: cell('lon'), lat: cell('lat'), population: cell('population') };
  }).filter((c) => inside(c.lon, c.lat) && c.population > 0);
}

// Interleaved (lon, lat) pairs.
function drawPoints(count, seed) {
  const random = seededRandom(seed);
  const towns = communes();
  const cumulative = [];
  let total = 0;
  for (const t of towns) cumulative.push((total += t.population));
  const pick = () => {
    const target = random() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] <= target) lo = mid + 1;
      else hi = mid;
    }
    return towns[lo];
  };
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const KM_PER_DEGREE = 111.2;
  const points = new Float64Array(2 * count);
  for (let i = 0; i < count;) {
    const town = pick();
    // A village spreads over a kilometre or so, Paris over some twenty.
    const spreadKm = 0.5 + 12 * Math.sqrt(town.population / 1e6);
    const lat = town.lat + (normal() * spreadKm) / KM_PER_DEGREE;
    const lon = town.lon + (normal() * spreadKm) / (KM_PER_DEGREE * Math.cos((town.lat * Math.PI) / 180));
    if (!inside(lon, lat)) continue;
    points[2 * i] = lon;
    points[2 * i + 1] = lat;
    ++i;
  }
  return points;
}

// One repetition of ours: its time in ms and the counters the benchmark reports.
function runOurs(file) {
  const output = execFileSync(bench, ['--benchmark_filter=^BM_BuildFromFile$', '--benchmark_format=json'], {
    env: { ...process.env, CLUSTERS_BENCH_POINTS: file },
    maxBuffer: 16 << 20,
  });
  const run = JSON.parse(output).benchmarks.find((b) => b.name === 'BM_BuildFromFile');
  if (run.time_unit !== 'ms') throw new Error(`clusters_bench reported ${run.time_unit}, expected ms`);
  return { ms: run.real_time, counters: run };
}

function features(points) {
  const out = new Array(points.length / 2);
  for (let i = 0; i < out.length; ++i) {
    out[i] = { type: 'Feature', properties: { i }, geometry: { type: 'Point', coordinates: [points[2 * i], points[2 * i + 1]] } };
  }
  return out;
}

// One repetition of supercluster: the mean time of load() over at least MIN_REPETITION_S.
function runSupercluster(input, options) {
  let calls = 0;
  const started = performance.now();
  let elapsed = 0;
  do {
    new Supercluster(options).load(input);
    ++calls;
    elapsed = performance.now() - started;
  } while (elapsed < MIN_REPETITION_S * 1000);
  return elapsed / calls;
}

const work = mkdtempSync(join(tmpdir(), 'catalyseurs-clusters-'));
const rows = [];
const itemRows = [];
let options = null;
try {
  for (const size of sizes) {
    const points = drawPoints(size, size);
    const file = join(work, `points-${size}.f64`);
    writeFileSync(file, Buffer.from(points.buffer));
    const input = features(points);
    const first = runOurs(file);
    const c = first.counters;
    options = { radius: c.radius_px, maxZoom: c.max_zoom, minPoints: c.min_points, extent: c.world_px_level0 };
    const index = new Supercluster(options).load(input);  // also warms the JIT up
    const ours = [];
    const theirs = [];
    for (let r = 0; r < repetitions; ++r) {
      ours.push(runOurs(file).ms);
      theirs.push(runSupercluster(input, options));
    }
    const oursMs = median(ours);
    const theirsMs = median(theirs);
    rows.push({
      points: size,
      ours_ms: Number(oursMs.toFixed(1)),
      supercluster_ms: Number(theirsMs.toFixed(1)),
      'supercluster/ours': Number((theirsMs / oursMs).toFixed(2)),
      ours_all: ours.map((x) => x.toFixed(0)).join(' '),
      supercluster_all: theirs.map((x) => x.toFixed(0)).join(' '),
    });
    const levels = Object.keys(c).filter((k) => k.startsWith('items_z')).map((k) => Number(k.slice('items_z'.length)));
    for (const zoom of levels.sort((a, b) => a - b)) {
      const key = `items_z${zoom}`;
      itemRows.push({ points: size, level: zoom, ours: c[key], supercluster: index.getClusters([-180, -90, 180, 90], zoom).length });
    }
    if (c.points !== size) throw new Error(`clusters_bench indexed ${c.points} points of ${size}`);
  }
  const version = JSON.parse(readFileSync(join(root, 'node_modules/supercluster/package.json'))).version;
  console.log(`supercluster ${version} on Node ${process.version}, ${repetitions} repetitions, options ${JSON.stringify(options)}`);
  console.table(rows);
  console.log('Items shown over the whole map at some levels (a check that both built the same clusters):');
  console.table(itemRows);
} finally {
  rmSync(work, { recursive: true, force: true });
}
