// Shared pieces of the browser tests: the built site, the project's own server (so that
// the tests run under the same Content-Security-Policy and pre-compressed files as
// production), one headless Chromium, pages that record console errors and every request,
// screenshots, and the few computations the tests make on their own so that expected
// values never come from the page under test.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateSync } from 'node:zlib';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/serve.mjs';
import { REGION_NAMES } from '../../geodata/schema.mjs';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SITE_DIR = resolve(REPO_ROOT, process.env.CATALYSEURS_SITE || join('build', 'wasm', 'site'));
export const FIXTURES_DIR = join(REPO_ROOT, 'tests', 'fixtures');
export const ARTIFACTS_DIR = join(REPO_ROOT, 'tests', 'artifacts');

// SwiftShader under software rendering is slow, and the machine running the tests may be
// busy: generous, but still far below the test runner's patience.
export const READY_TIMEOUT_MS = 60_000;

// Primary métier → marker fill, as the map's legend promises (colour-blind-safe Okabe–Ito).
export const METIER_COLOURS = {
  dialogue: [0x00, 0x72, 0xb2],
  experimentation: [0xd5, 0x5e, 0x00],
  accompagnement: [0x00, 0x9e, 0x73],
  lieu: [0xcc, 0x79, 0xa7],
};

// A missing site is a failure, not a skip: a green run must mean the map was tested.
export function assertSiteBuilt() {
  for (const file of ['index.html', 'main.js', 'catalyseurs.js', 'catalyseurs.wasm', 'catalyseurs-core.js', 'catalyseurs-core.wasm', 'data/catalyseurs.geojson']) {
    if (!existsSync(join(SITE_DIR, file))) {
      throw new Error(`${join(SITE_DIR, file)} is missing: build the web site first, or set CATALYSEURS_SITE`);
    }
  }
}

export function readSiteFile(relative) {
  return readFileSync(join(SITE_DIR, relative));
}

export function loadDataset() {
  return JSON.parse(readSiteFile('data/catalyseurs.geojson').toString('utf8'));
}

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

// Without a GPU, WebGL 2 comes from SwiftShader; recent Chromium releases refuse that
// software fallback unless it is asked for explicitly.
// `extraArgs` go after the defaults, e.g. to take WebGL or WebAssembly away. The settings
// are exported for the tools that start Chromium themselves (Lighthouse's launcher).
export function browserSettings(extraArgs = []) {
  return {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
      ...extraArgs,
    ],
  };
}

export function launchBrowser(extraArgs = []) {
  return chromium.launch(browserSettings(extraArgs));
}

export async function startSite() {
  assertSiteBuilt();
  const server = await startServer(SITE_DIR, { port: 0, quiet: true });
  const { port } = server.address();
  return { server, origin: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(r)) };
}

// A fresh context per page, so that routes, init scripts and device settings never leak
// from one test into another. `setup(page, context)` runs before navigation.
export async function openPage(browser, origin, options = {}) {
  const { viewport = { width: 1280, height: 800 }, deviceScaleFactor = 1, isMobile = false, hasTouch = false, setup, path = '/' } = options;
  const context = await browser.newContext({ viewport, deviceScaleFactor, isMobile, hasTouch, locale: 'fr-FR' });
  const page = await context.newPage();
  const log = { consoleErrors: [], pageErrors: [], warnings: [], requests: [], failedResponses: [] };
  page.on('console', (msg) => {
    if (msg.type() === 'error') {
      const where = msg.location()?.url;
      log.consoleErrors.push(where ? `${msg.text()} [${where}]` : msg.text());
    }
    else if (msg.type() === 'warning') log.warnings.push(msg.text());
  });
  page.on('pageerror', (error) => log.pageErrors.push(String(error && error.stack ? error.stack : error)));
  // At the context level, so that workers' requests are seen too.
  context.on('request', (request) => log.requests.push(request.url()));
  // Chromium's console only says "Failed to load resource"; keep which one.
  context.on('response', (response) => {
    if (response.status() >= 400) log.failedResponses.push(`${response.status()} ${response.url()}`);
  });
  context.on('requestfailed', (request) => log.failedResponses.push(`${request.failure()?.errorText} ${request.url()}`));
  if (setup) await setup(page, context);
  const started = Date.now();
  const response = await page.goto(origin + path, { waitUntil: 'domcontentloaded' });
  return { context, page, log, response, started, close: () => context.close() };
}

// 'resolved', 'rejected: …' or 'pending' (after `timeout` ms): the page's own verdict on
// whether the first frame with data was drawn.
export async function readyOutcome(page, timeout = READY_TIMEOUT_MS) {
  await page.waitForFunction(() => Boolean(window.catalyseurs && window.catalyseurs.ready), null, { timeout });
  return page.evaluate(
    (ms) =>
      Promise.race([
        window.catalyseurs.ready.then(
          () => 'resolved',
          (e) => `rejected: ${e && e.message}`,
        ),
        new Promise((r) => setTimeout(() => r('pending'), ms)),
      ]),
    timeout,
  );
}

export async function waitReady(page, timeout = READY_TIMEOUT_MS) {
  const outcome = await readyOutcome(page, timeout);
  if (outcome !== 'resolved') {
    const error = await page.evaluate(() => {
      const box = document.getElementById('error');
      return box && !box.hidden ? box.innerText : '';
    });
    throw new Error(`catalyseurs.ready did not resolve (${outcome})${error ? `; the page shows: ${error}` : ''}`);
  }
}

// The server, Chromium and one ready page, shared by every test of the calling file through
// before/after hooks that this registers: starting Chromium and drawing the first frame in
// SwiftShader take seconds, so a file pays for them once and its tests carry on with the
// page as the previous test left it. `options` go to openPage; null opens no page, for files
// whose tests each open their own. The fields are filled in by the before hook; Node starts
// a file's top-level before hooks side by side, so a file's own before hook must await
// `shared.ready()` before it reads them (tests run after every hook, and can read them).
// `browserArgs` go to launchBrowser.
export function sharedPage(options = {}, { browserArgs = [] } = {}) {
  const shared = { site: null, browser: null, opened: null, page: null };
  const start = async () => {
    shared.site = await startSite();
    shared.browser = await launchBrowser(browserArgs);
    if (options !== null) {
      shared.opened = await openPage(shared.browser, shared.site.origin, options);
      shared.page = shared.opened.page;
      await waitReady(shared.page);
    }
    return shared;
  };
  // Whichever hook asks first starts everything; the others wait for that same start.
  let starting = null;
  shared.ready = () => (starting ??= start());
  before(() => shared.ready());
  after(async () => {
    await shared.opened?.close();
    await shared.browser?.close();
    await shared.site?.close();
  });
  return shared;
}

// What clicking `selector` downloads: {name, bytes}.
export async function downloaded(page, selector) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  const chunks = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk);
  return { name: download.suggestedFilename(), bytes: Buffer.concat(chunks) };
}

export async function saveScreenshot(page, name, options = {}) {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const path = join(ARTIFACTS_DIR, `${name}.png`);
  const png = await page.screenshot({ ...options, animations: 'disabled' });
  writeFileSync(path, png);
  return { path, png };
}

// Everything the page asked for must come from the page's own origin: no CDN, no font
// service, no tracker. data: and blob: URLs never leave the browser.
export function foreignRequests(requests, origin) {
  return requests.filter((url) => {
    if (url.startsWith('data:')) return false;
    if (url.startsWith('blob:')) return !url.startsWith(`blob:${origin}/`);
    try {
      const u = new URL(url);
      return u.origin !== origin || u.hostname !== '127.0.0.1';
    } catch {
      return true;
    }
  });
}

// Waits until the map's view differs from `before` and then holds still for a few frames
// (frames are drawn on the browser's schedule, input only takes effect in the next frame,
// and one wheel turn or drag may be spread over several frames).
export async function waitViewChange(page, before, timeout = 10_000) {
  await page.waitForFunction(
    (b) => {
      const v = window.catalyseurs.state().view;
      return v.x !== b.x || v.y !== b.y || v.scale !== b.scale;
    },
    before,
    { timeout, polling: 'raf' },
  );
  return waitViewStill(page, timeout);
}

// The view once it has stayed the same for `frames` animation frames.
export function waitViewStill(page, timeout = 10_000, frames = 5) {
  return page.evaluate(
    ([ms, needed]) =>
      new Promise((resolveStill, rejectStill) => {
        const deadline = performance.now() + ms;
        let last = JSON.stringify(window.catalyseurs.state().view);
        let still = 0;
        const tick = () => {
          const now = JSON.stringify(window.catalyseurs.state().view);
          still = now === last ? still + 1 : 0;
          last = now;
          if (still >= needed) resolveStill(JSON.parse(now));
          else if (performance.now() > deadline) rejectStill(new Error('the view kept moving'));
          else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }),
    [timeout, frames],
  );
}

// Lets a few animation frames pass, for input that must not change anything.
export function settleFrames(page, frames = 6) {
  return page.evaluate(
    (n) =>
      new Promise((resolveFrames) => {
        const step = (left) => (left === 0 ? resolveFrames() : requestAnimationFrame(() => step(left - 1)));
        step(n);
      }),
    frames,
  );
}

// View geometry, from the documented meaning of state().view: (x, y) is the plane point
// (metres) at the viewport centre, scale is CSS pixels per plane kilometre, and the plane's
// y axis points north while the screen's points down.
export function screenToPlane(view, sx, sy) {
  const k = view.scale / 1000;
  return { x: view.x + (sx - view.width / 2) / k, y: view.y - (sy - view.height / 2) / k };
}

export function planeToScreen(view, px, py) {
  const k = view.scale / 1000;
  return { x: (px - view.x) * k + view.width / 2, y: (view.y - py) * k + view.height / 2 };
}

// Lambert-93, written out from the formulas (geodata/lambert93.mjs), so that marker
// positions can be checked without going through the map's own projector.
export { lambert93 } from '../../geodata/lambert93.mjs';

// Tab-separated fixture with '#' comments; the last comment before the data names the
// columns.
export function readTsv(path) {
  const rows = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    rows.push(line.split('\t'));
  }
  return rows;
}

// A small PNG reader for the screenshots Chromium writes (8-bit, RGB or RGBA, not
// interlaced), so that pixels can be checked without another dependency.
export function decodePng(buffer) {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (!signature.every((b, i) => buffer[i] === b)) throw new Error('not a PNG');
  let offset = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat = [];
  while (offset < buffer.length) {
    const length = buffer.readUInt32BE(offset);
    const type = buffer.toString('latin1', offset + 4, offset + 8);
    const data = buffer.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      const depth = data[8];
      const colourType = data[9];
      const interlace = data[12];
      if (depth !== 8 || interlace !== 0 || (colourType !== 2 && colourType !== 6)) {
        throw new Error(`unsupported PNG (depth ${depth}, colour type ${colourType}, interlace ${interlace})`);
      }
      channels = colourType === 6 ? 4 : 3;
    } else if (type === 'IDAT') {
      idat.push(data);
    } else if (type === 'IEND') {
      break;
    }
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const out = y * stride;
    for (let x = 0; x < stride; x++) {
      const left = x >= channels ? pixels[out + x - channels] : 0;
      const up = y > 0 ? pixels[out - stride + x] : 0;
      const upLeft = y > 0 && x >= channels ? pixels[out - stride + x - channels] : 0;
      let value = line[x];
      if (filter === 1) value += left;
      else if (filter === 2) value += up;
      else if (filter === 3) value += (left + up) >> 1;
      else if (filter === 4) {
        const p = left + up - upLeft;
        const pa = Math.abs(p - left);
        const pb = Math.abs(p - up);
        const pc = Math.abs(p - upLeft);
        value += pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
      } else if (filter !== 0) throw new Error(`bad PNG filter ${filter}`);
      pixels[out + x] = value & 0xff;
    }
  }
  return {
    width,
    height,
    pixel(x, y) {
      if (x < 0 || y < 0 || x >= width || y >= height) return null;
      const i = y * stride + x * channels;
      return [pixels[i], pixels[i + 1], pixels[i + 2]];
    },
  };
}

export function colourClose(actual, expected, tolerance = 12) {
  return !!actual && actual.every((v, i) => Math.abs(v - expected[i]) <= tolerance);
}

export function hex(rgb) {
  return rgb ? '#' + rgb.map((v) => v.toString(16).padStart(2, '0')).join('') : 'none';
}

// ---- Independent search and filter semantics (DESIGN §5.1), for expected values ----------

// Accent- and case-insensitive text: NFD with the combining marks dropped, lower case, the
// ligatures spelt out, and anything but letters and digits turned into single spaces.
export function fold(text) {
  return String(text ?? '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

// INSEE region codes (and the COM's own codes) to their official French names: data,
// not semantics, so they come from the core's table (geodata/schema.json) like the page's.
export { REGION_NAMES };

export const FILTER_GROUPS = ['metiers', 'thematiques', 'structure', 'region'];

// The values a catalyseur has in a filter group.
export function valuesOf(props, group) {
  const v = props[group];
  return Array.isArray(v) ? v : v === undefined || v === null ? [] : [String(v)];
}

// Every word of the query must occur in the name, the commune, the region's name, the
// territoire or the description.
export function matchesSearch(props, query) {
  const words = fold(query).split(' ').filter(Boolean);
  if (!words.length) return true;
  const fields = [props.nom, props.commune, REGION_NAMES[props.region] ?? '', props.territoire, props.description].map(fold);
  return words.every((w) => fields.some((f) => f.includes(w)));
}

// OR within a group, AND across groups; an empty group does not filter. `skip` leaves one
// group out, for faceted counts.
export function matchesFilters(props, filters, skip = null) {
  return FILTER_GROUPS.every((group) => {
    const wanted = filters[group] ?? [];
    return group === skip || wanted.length === 0 || valuesOf(props, group).some((v) => wanted.includes(v));
  });
}

export function expectedIds(features, filters, query) {
  return features.filter((f) => matchesFilters(f.properties, filters) && matchesSearch(f.properties, query)).map((f) => f.properties.id);
}

// How many would match with `value` ticked: the other groups and the search apply, the
// value's own group does not.
export function facetCount(features, filters, query, group, value) {
  return features.filter((f) => valuesOf(f.properties, group).includes(value) && matchesFilters(f.properties, filters, group) && matchesSearch(f.properties, query)).length;
}

// The canvas in page coordinates: the map's screen positions are relative to it.
export function canvasBox(page) {
  return page.evaluate(() => document.getElementById('canvas').getBoundingClientRect().toJSON());
}

// A small seeded generator (mulberry32), so that « random » cases are the same every run.
export function seededRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// The list as shown: ids of the result items, and whether a « more » item follows them.
export function shownList(page) {
  return page.evaluate(() => ({
    ids: [...document.querySelectorAll('#results li[data-id]')].map((li) => li.dataset.id),
    more: document.querySelectorAll('#results li:not([data-id])').length,
    count: document.getElementById('count').textContent,
  }));
}

// RFC 4180, enough for what the export writes (quoted fields with doubled quotes and newlines).
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; ++i) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; ++i; } else if (ch === '"') quoted = false; else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(field); field = ''; }
    else if (ch === '\n') { row.push(field); rows.push(row); row = []; field = ''; }
    else field += ch;
  }
  return rows;
}

// Serious and critical WCAG 2 A/AA violations that axe-core (npm axe-core) finds in the page,
// or in the element `selector` picks, as « rule (impact): target » lines.
export async function axeViolations(page, selector = null) {
  const source = readFileSync(join(REPO_ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
  await page.evaluate(source);  // through the DevTools protocol, which the page's CSP does not govern
  const result = await page.evaluate(
    (s) => window.axe.run(s ? document.querySelector(s) : document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    }),
    selector,
  );
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')}`));
}
