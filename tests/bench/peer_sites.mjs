// The sites the peer benchmarks serve: our build, the peer pages of tests/bench/peers and the
// library files they load, side by side in one directory per dataset size. At the shipped
// size the data is the site's own; at any other, data/catalyseurs.geojson is a synthetic file
// of that many entries (geodata/generate-synthetic.mjs), the same for every page. Every file
// gets a brotli copy beside it, as scripts/precompress.sh gives the built site, so that
// scripts/serve.mjs sends every page compressed.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';

const root = resolve(new URL('../..', import.meta.url).pathname);

const LIBRARY_FILES = [
  'leaflet/dist/leaflet.js', 'leaflet/dist/leaflet.css',
  'leaflet.markercluster/dist/leaflet.markercluster.js', 'leaflet.markercluster/dist/MarkerCluster.css',
  'leaflet.markercluster/dist/MarkerCluster.Default.css',
  'maplibre-gl/dist/maplibre-gl.mjs', 'maplibre-gl/dist/maplibre-gl-worker.mjs', 'maplibre-gl/dist/maplibre-gl.css',
];
const COMPRESSED = /\.(js|mjs|wasm|data|html|css|geojson|json|csv|svg|otf)$/;
// scripts/precompress.sh uses brotli's best quality; on a synthetic file of tens of MB it
// takes minutes, where quality 9 takes seconds and gives a file about a fifth larger.
const BIG_FILE = 4 << 20;

const brotli = (bytes) => brotliCompressSync(bytes, {
  params: {
    [constants.BROTLI_PARAM_QUALITY]: bytes.length > BIG_FILE ? 9 : constants.BROTLI_MAX_QUALITY,
    [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
  },
});

function compressMissing(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) compressMissing(path);
    else if (COMPRESSED.test(name) && !existsSync(`${path}.br`)) writeFileSync(`${path}.br`, brotli(readFileSync(path)));
  }
}

export function shippedSize(site) {
  return JSON.parse(readFileSync(join(site, 'data/catalyseurs.geojson'), 'utf8')).features.length;
}

// → {dirs: {size: directory}, remove()}. `sizes` other than the shipped one are generated.
export function assemblePeerSites(site, sizes) {
  const work = mkdtempSync(join(tmpdir(), 'catalyseurs-peers-'));
  const shipped = shippedSize(site);
  const dirs = {};
  for (const size of sizes) {
    const dir = join(work, String(size));
    cpSync(site, dir, { recursive: true });
    cpSync(join(root, 'tests/bench/peers'), dir, { recursive: true });
    cpSync(join(root, 'assets/markers.json'), join(dir, 'markers.json'));
    for (const f of LIBRARY_FILES) cpSync(join(root, 'node_modules', f), join(dir, f.split('/').pop()));
    if (size !== shipped) {
      const data = join(dir, 'data/catalyseurs.geojson');
      for (const suffix of ['.br', '.gz']) rmSync(data + suffix, { force: true });
      execFileSync('node', [join(root, 'geodata/generate-synthetic.mjs'), String(size), data], { stdio: 'ignore' });
    }
    compressMissing(dir);
    dirs[size] = dir;
  }
  return { dirs, remove: () => rmSync(work, { recursive: true, force: true }) };
}
