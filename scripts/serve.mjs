// A small static server for the built site, on 127.0.0.1 only. It serves the .br/.gz
// files written beside each file when the browser accepts them, and sends the strict
// Content-Security-Policy the map is meant to run under, so that local use and the browser
// tests see what a production server would send.
//
//   node scripts/serve.mjs SITE_DIR [--port 8080] [--frame-ancestors SOURCES] [--headers-timeout MS]
//
// PORT and FRAME_ANCESTORS in the environment work too. SOURCES is the CSP frame-ancestors
// list of the pages allowed to frame the map: '*' by default, since the map is meant to be
// embedded; e.g. "'self' https://www.exemple.fr". README « Intégrer la carte dans un site »
// shows the same header for nginx and Apache.
//
// Whatever a client sends, the server answers with a 4xx and keeps serving: only GET and HEAD
// (405 otherwise), a target of at most MAX_TARGET bytes in origin form (414, 400), readable
// percent-encoding without NUL (400), no « .. » segment (403), headers of at most
// MAX_HEADER_BYTES (431); a request whose headers take longer than --headers-timeout (10 s by
// default) to arrive gets a 408 and its connection closed (slowloris), and bytes that are not
// HTTP a 400 (tests/serve/hostile.test.mjs).
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

export const MAX_TARGET = 2048;
export const MAX_HEADER_BYTES = 8192;
export const DEFAULT_HEADERS_TIMEOUT_MS = 10_000;

// A request's method and target → {pathname} (decoded, '/…' below the site), or {status} for
// what is refused. The site is files only: anything else a client writes there is refused
// before the file system sees it.
export function checkRequest(method, target) {
  if (method !== 'GET' && method !== 'HEAD') return { status: 405 };
  if (typeof target !== 'string' || target.length > MAX_TARGET) return { status: 414 };
  // Origin form only: « http://host/… », « * » and « host:port » are for proxies.
  if (!target.startsWith('/') || target.startsWith('//')) return { status: 400 };
  const raw = target.split(/[?#]/, 1)[0];
  let pathname;
  try {
    pathname = decodeURIComponent(raw);
  } catch {
    return { status: 400 };
  }
  if (/[\x00-\x1f\x7f\\]/.test(pathname)) return { status: 400 };
  if (pathname.split('/').includes('..')) return { status: 403 };
  return { pathname };
}

const REASONS = { 400: 'Bad Request', 403: 'Forbidden', 405: 'Method Not Allowed', 408: 'Request Timeout', 414: 'URI Too Long', 431: 'Request Header Fields Too Large' };
const TEXTS = { 400: 'Requête invalide', 403: 'Accès refusé', 404: 'Introuvable', 405: 'Méthode non permise', 414: 'Adresse trop longue' };

// What Node's parser refuses never reaches the handler: answered here, then closed.
function refuseOnSocket(error, socket) {
  const status = { HPE_HEADER_OVERFLOW: 431, ERR_HTTP_REQUEST_TIMEOUT: 408, CONNECT: 405 }[error.code] ?? 400;
  if (socket.writable && !socket.bytesWritten) {
    socket.end(`HTTP/1.1 ${status} ${REASONS[status]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  }
  socket.destroy();
}

async function fileInfo(path) {
  try {
    const s = await stat(path);
    return s.isFile() ? s : null;
  } catch {
    return null;
  }
}

export function startServer(root, {
  port = 8080, host = '127.0.0.1', quiet = false, frameAncestors = DEFAULT_FRAME_ANCESTORS, headersTimeout = DEFAULT_HEADERS_TIMEOUT_MS,
} = {}) {
  const base = resolve(root);
  const policy = contentSecurityPolicy(frameAncestors);
  const refuse = (res, status) => {
    const headers = { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' };
    if (status === 405) headers.Allow = 'GET, HEAD';
    if (status !== 404) headers.Connection = 'close';
    res.writeHead(status, headers).end(TEXTS[status]);
  };
  const server = createServer({
    maxHeaderSize: MAX_HEADER_BYTES,
    headersTimeout,
    requestTimeout: 2 * headersTimeout,
    // How often the two timeouts above are checked (Node's default is 30 s).
    connectionsCheckingInterval: Math.max(50, Math.min(1000, headersTimeout / 4)),
  }, async (req, res) => {
    try {
      // HTTP/1.0 and 1.1 only: Node's parser lets a bare « GET / » through as HTTP/0.9.
      const checked = req.httpVersionMajor === 1 ? checkRequest(req.method, req.url) : { status: 400 };
      if (checked.status) {
        refuse(res, checked.status);
        return;
      }
      let { pathname } = checked;
      if (pathname.endsWith('/')) pathname += 'index.html';
      const path = normalize(join(base, pathname));
      if (path !== base && !path.startsWith(base + sep)) {
        refuse(res, 403);
        return;
      }
      const original = await fileInfo(path);
      if (!original) {
        refuse(res, 404);
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
      stream.on('error', () => res.destroy());
      stream.pipe(res);
    } catch (e) {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Erreur interne');
    }
  });
  server.on('clientError', refuseOnSocket);
  // CONNECT asks for a tunnel, which a static site does not give.
  server.on('connect', (req, socket) => refuseOnSocket({ code: 'CONNECT' }, socket));
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
  const root = args.find((a, i) => !a.startsWith('--') && !['--port', '--frame-ancestors', '--headers-timeout'].includes(args[i - 1]));
  const port = Number(flag('--port') ?? (process.env.PORT || 8080));
  const headersTimeout = Number(flag('--headers-timeout') ?? DEFAULT_HEADERS_TIMEOUT_MS);
  const frameAncestors = flag('--frame-ancestors') ?? (process.env.FRAME_ANCESTORS || DEFAULT_FRAME_ANCESTORS);
  if (!root) {
    console.error('usage: node scripts/serve.mjs SITE_DIR [--port N] [--frame-ancestors SOURCES] [--headers-timeout MS]');
    process.exit(2);
  }
  try {
    checkFrameAncestors(frameAncestors);
  } catch (e) {
    console.error(`${e.message} (une liste de sources CSP séparées par des espaces, par exemple "'self' https://www.exemple.fr")`);
    process.exit(2);
  }
  if (!(headersTimeout > 0)) {
    console.error(`--headers-timeout invalide : « ${flag('--headers-timeout')} » (un nombre de millisecondes)`);
    process.exit(2);
  }
  startServer(root, { port, frameAncestors, headersTimeout }).catch((e) => {
    console.error(`Impossible d’écouter sur 127.0.0.1:${port} : ${e.message}`);
    process.exit(1);
  });
}
