// Checks shared by the geodata builds (build-basemap.mjs, build-context.mjs), run on the
// final, rounded coordinates, which are what the map reads: ring validity and winding, no
// crossing edges, and features that tile without overlap or gap. Also the atomic write
// and the one-feature-per-line serialisation both outputs use.

import fs from 'node:fs';
import path from 'node:path';
import { DECIMALS, fail, polygonsOf } from './natural-earth.mjs';

// How problems name a feature: its code, with its kind in files that mix kinds.
export function nameOf(f) {
  const { kind, code, territoire } = f.properties;
  if (!kind) return code;
  return kind === 'pays' ? `${kind} ${code} (${territoire})` : `${kind} ${code}`;
}

// One feature per line: small diffs when a file is rebuilt, still compact.
export function serialize(fc) {
  return '{"type":"FeatureCollection","features":[\n' +
    fc.features.map((f) => JSON.stringify(f)).join(',\n') + '\n]}\n';
}

export function writeAtomically(file, text) {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    fs.writeFileSync(tmp, text);
    fs.renameSync(tmp, file);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    fail(`cannot write ${path.relative(process.cwd(), file)}: ${err.message}`);
  }
}

export function signedArea(ring) {
  let s = 0;
  for (let i = 0; i + 1 < ring.length; i++) s += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return s / 2;
}

function orient(a, b, c) {
  return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
}

// Scaled to integers (the coordinates are rounded to DECIMALS) so the tests are exact.
const SCALE = 10 ** DECIMALS;

export function checkRings(fc) {
  const problems = [];
  let vertices = 0;
  const segments = []; // [ax, ay, bx, by, featureIndex, ringId]
  let ringId = 0;
  fc.features.forEach((f, fi) => {
    const code = nameOf(f);
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
          const ci = nameOf(fc.features[segments[i][4]]);
          const cj = nameOf(fc.features[segments[j][4]]);
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
export function checkMosaic(fc) {
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
    return { code: nameOf(f), geometry: f.geometry, vertices, bbox: [minX, minY, maxX, maxY] };
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

export function containsPoint(geometry, x, y) {
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
export function distanceKm(geometry, x, y) {
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

// Each point must fall in exactly the feature named `expected` (as nameOf names it) and in
// no other. A point marked coastal may fall in the sea instead (Natural Earth's 1:10m
// coastline runs up to 2 km inland of some shore towns), but then within toleranceKm of
// its own feature and nearer to it than to any other.
export function checkPoints(fc, points, toleranceKm) {
  const problems = [];
  for (const [name, x, y, expected, coastal] of points) {
    const hits = fc.features.filter((f) => containsPoint(f.geometry, x, y)).map(nameOf);
    if (hits.length === 1 && hits[0] === expected) continue;
    if (coastal && hits.length === 0) {
      const nearest = fc.features
        .map((f) => [nameOf(f), distanceKm(f.geometry, x, y)])
        .sort((a, b) => a[1] - b[1])[0];
      if (nearest[0] === expected && nearest[1] <= toleranceKm) continue;
      problems.push(`${name} (${x}, ${y}) is in the sea, ${nearest[1].toFixed(2)} km from ${nearest[0]}; ` +
        `expected within ${toleranceKm} km of ${expected}`);
      continue;
    }
    problems.push(`${name} (${x}, ${y}) should be in ${expected} only, found in [${hits.join(', ')}]`);
  }
  return problems;
}

export function failOnProblems(problems) {
  if (problems.length === 0) return;
  fail(`self-check failed, nothing written:\n  ${problems.slice(0, 50).join('\n  ')}` +
    (problems.length > 50 ? `\n  … and ${problems.length - 50} more` : ''));
}
