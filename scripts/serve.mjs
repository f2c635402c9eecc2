// A small static server for the built site, on 127.0.0.1 only. It serves the .br/.gz
// files written beside each file when the browser accepts them, and sends the strict
// Content-Security-Policy the map is meant to run under, so that local use and the browser
// tests see what a production server would send.
//
//   node scripts/serve.mjs SITE_DIR [--port 8080] [--frame-ancestors SOURCES]
//
// PORT and FRAME_ANCESTORS in the environment work too. SOURCES is the CSP frame-ancestors
// list of the pages allowed to frame the map: '*' by default, since the map is meant to be
// embedded; e.g. "'self' https://www.exemple.fr". README « Intégrer la carte dans un site »
// shows the same header for nginx and Apache.
import { createServer } from 'node:http';
import { stat, open } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.data': 'application/octet-stream',
  '.geojson': 'application/geo+json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.otf': 'font/otf',
  '.txt': 'text/plain; charset=utf-8',
};

export const DEFAULT_FRAME_ANCESTORS = '*';

// A frame-ancestors source list as it may go into the header: non-empty, printable, and
// without the ';' or ',' that would end the directive or the policy and start another.
export function checkFrameAncestors(sources) {
  const text = String(sources ?? '').trim();
  if (!text || /[;,\x00-\x1f\x7f-\uffff]/.test(text)) throw new Error(`frame-ancestors invalide : « ${sources} »`);
  return text;
}

// 'wasm-unsafe-eval' allows compiling WebAssembly only; JavaScript eval stays forbidden.
export function contentSecurityPolicy(frameAncestors = DEFAULT_FRAME_ANCESTORS) {
  return [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    `frame-ancestors ${checkFrameAncestors(frameAncestors)}`,
  ].join('; ');
}

export const CONTENT_SECURITY_POLICY = contentSecurityPolicy();

async function fileInfo(path) {
  try {
    const s = await stat(path);
    return s.isFile() ? s : null;
  } catch {
    return null;
  }
}

export function startServer(root, { port = 8080, host = '127.0.0.1', quiet = false, frameAncestors = DEFAULT_FRAME_ANCESTORS } = {}) {
  const base = resolve(root);
  const policy = contentSecurityPolicy(frameAncestors);
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url, 'http://localhost');
      let pathname = decodeURIComponent(url.pathname);
      if (pathname.endsWith('/')) pathname += 'index.html';
      const path = normalize(join(base, pathname));
      if (path !== base && !path.startsWith(base + sep)) {
        res.writeHead(403).end();
        return;
      }
      const original = await fileInfo(path);
      if (!original || (req.method !== 'GET' && req.method !== 'HEAD')) {
        res.writeHead(original ? 405 : 404, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end(original ? 'Méthode non permise' : 'Introuvable');
        return;
      }
      const accepted = String(req.headers['accept-encoding'] || '');
      let served = path;
      let size = original.size;
      let encoding = null;
      for (const [token, suffix] of [['br', '.br'], ['gzip', '.gz']]) {
        if (!accepted.includes(token)) continue;
        const variant = await fileInfo(path + suffix);
        if (variant) {
          served = path + suffix;
          size = variant.size;
          encoding = token;
          break;
        }
      }
      const headers = {
        'Content-Type': TYPES[extname(path)] || 'application/octet-stream',
        'Content-Length': size,
        'Content-Security-Policy': policy,
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
        'Cache-Control': extname(path) === '.html' ? 'no-cache' : 'public, max-age=300',
        Vary: 'Accept-Encoding',
      };
      if (encoding) headers['Content-Encoding'] = encoding;
      res.writeHead(200, headers);
      if (req.method === 'HEAD') {
        res.end();
        return;
      }
      const handle = await open(served);
      const stream = handle.createReadStream();
      stream.on('close', () => handle.close().catch(() => {}));
      stream.pipe(res);
    } catch (e) {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Erreur interne');
    }
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      if (!quiet) console.log(`Carte servie sur http://${host}:${address.port}/`);
      resolvePromise(server);
    });
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const args = process.argv.slice(2);
  const flag = (name) => (args.indexOf(name) >= 0 ? args[args.indexOf(name) + 1] : undefined);
  const root = args.find((a, i) => !a.startsWith('--') && !['--port', '--frame-ancestors'].includes(args[i - 1]));
  const port = Number(flag('--port') ?? (process.env.PORT || 8080));
  const frameAncestors = flag('--frame-ancestors') ?? (process.env.FRAME_ANCESTORS || DEFAULT_FRAME_ANCESTORS);
  if (!root) {
    console.error('usage: node scripts/serve.mjs SITE_DIR [--port N] [--frame-ancestors SOURCES]');
    process.exit(2);
  }
  try {
    checkFrameAncestors(frameAncestors);
  } catch (e) {
    console.error(`${e.message} (une liste de sources CSP séparées par des espaces, par exemple "'self' https://www.exemple.fr")`);
    process.exit(2);
  }
  startServer(root, { port, frameAncestors }).catch((e) => {
    console.error(`Impossible d’écouter sur 127.0.0.1:${port} : ${e.message}`);
    process.exit(1);
  });
}
