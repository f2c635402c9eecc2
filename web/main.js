// The page's start: it checks what the browser can do, loads the engine and the data with one
// progress bar, then shows every snapshot the engine sends in the panel, the card and the
// address, and exposes window.catalyseurs to tests and host pages. The engine owns the state;
// no module here keeps a copy of the data. Runs under a strict Content-Security-Policy: no
// inline script, no eval.
import * as bridge from './bridge.js';
import { closeCard, openCard, showCard, wireCard } from './card.js';
import { wireControls } from './controls.js';
import { wireEmbedDialog } from './embed-dialog.js';
import { checkReport, downloadProblem, failure, showError, showNotice } from './errors.js';
import { wireExports } from './exports.js';
import { wireHost } from './host.js';
import { applyStrings, lang, loadStrings, t } from './i18n.js';
import { openDrawer, watchChrome, wireLayout } from './layout.js';
import { setFilters, showPanel, wirePanel } from './panel.js';
import { showAround, wirePlaces } from './places.js';
import { MAX_SEARCH_CHARS, parseState, serialiseState, shorten } from './url.js';

const DATA = [
  ['regions', 'data/territoires.geojson', 'territoires.geojson'],
  ['catalyseurs', 'data/catalyseurs.geojson', 'catalyseurs.geojson'],
];
// What the map shows around its data, fetched once the first frame is drawn so that it never
// delays it: neighbouring land and départements, then the place names and the place search.
const CONTEXT = [
  ['context', 'data/contexte.geojson', 'contexte.geojson'],
  ['places', 'data/lieux.csv', 'lieux.csv'],
];
const $ = (id) => document.getElementById(id);

let resolveReady;
const ready = Promise.race([new Promise((resolve) => { resolveReady = resolve; }), failure]);
ready.catch(() => {}); // failures are shown in the page; keep the console clean
let dataLoaded = false;
let drawsMap = true; // false: the core-only engine, nothing drawn
let last = null; // the last snapshot, for what the page asks between snapshots

// ---- Downloads, with one progress bar for the whole start-up ---------------------------

const progress = new Map();
function reportProgress(name, received, total) {
  progress.set(name, { received, total });
  let r = 0;
  let all = 0;
  for (const p of progress.values()) { r += p.received; all += p.total || p.received; }
  if (all > 0) $('loading-progress').value = Math.min(100, Math.round((100 * r) / all));
}

const nextTask = () => new Promise((resume) => { setTimeout(resume, 0); });

// `pending`: the Promise of a fetch() Response.
async function request(pending, name) {
  let response;
  try {
    response = await pending;
  } catch (e) {
    throw Object.assign(new Error(`${name}: ${e.message}`), { file: name });
  }
  if (!response.ok) throw Object.assign(new Error(`${name}: HTTP ${response.status}`), { file: name, status: response.status });
  return response;
}

// A data file larger than this is refused before it fills the tab's memory: the engine
// needs about four times a directory's size to load it, and refuses more than 250 000
// entries anyway (core/geojson.h). The shipped directory is 0.2 MB; 100 000 entries, 63 MB.
const MAX_FILE_MB = 160;
const tooLarge = (name) => Object.assign(new Error(`${name}: more than ${MAX_FILE_MB} MB`), { file: name, tooLarge: MAX_FILE_MB });

// Reads a body to its end, reporting its progress. Content-Length is the compressed size
// when the server compresses: an estimate only.
async function readAll(response, name) {
  const total = Number(response.headers.get('Content-Length')) || 0;
  const limit = MAX_FILE_MB * 1e6;
  if (total > limit) throw tooLarge(name);
  if (!response.body) return new Uint8Array(await response.arrayBuffer());
  const reader = response.body.getReader();
  const chunks = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    received += value.length;
    if (received > limit) {
      reader.cancel().catch(() => {});
      throw tooLarge(name);
    }
    reportProgress(name, received, Math.max(total, received));
  }
  const bytes = new Uint8Array(received);
  let offset = 0;
  for (const c of chunks) { bytes.set(c, offset); offset += c.length; }
  return bytes;
}

async function download(url, name) {
  return readAll(await request(fetch(url, { credentials: 'same-origin' }), name), name);
}

// ---- The address follows the state ---------------------------------------------------

// Filters, search and selection reach the address at once; the view, which panning changes
// every frame, once it settles: 150 ms after its last change, and never while a finger or a
// button is still down on the map (writing the address costs milliseconds, a frame's worth
// on a slow phone). The view is written only once the user has moved it.
let viewTouched = false;
let urlTimer = 0;
const pointersDown = new Set();
const VIEW_SETTLED_MS = 150;
function watchPointers(canvas) {
  canvas.addEventListener('pointerdown', (e) => { pointersDown.add(e.pointerId); clearTimeout(urlTimer); });
  const up = (e) => {
    if (!pointersDown.delete(e.pointerId ?? -1) && e.type !== 'blur') return;
    if (e.type === 'blur') pointersDown.clear();
    if (pointersDown.size === 0 && viewTouched) urlTimer = setTimeout(writeUrl, VIEW_SETTLED_MS);
  };
  // A release outside the page may never arrive: leaving the page ends every gesture.
  for (const type of ['pointerup', 'pointercancel', 'blur']) window.addEventListener(type, up);
}
function writeUrl() {
  if (!last) return;
  const search = serialiseState(last, { current: window.location.search, withView: viewTouched });
  if (search !== window.location.search) window.history.replaceState(null, '', window.location.pathname + search + window.location.hash);
}

// Read before anything writes the address back.
const wanted = parseState(window.location.search);
const wantedView = new URLSearchParams(window.location.search).get('view');

function restoreUrl() {
  for (const w of wanted.warnings) console.warn(w);
  if (wanted.q) $('search').value = wanted.q;
  const reply = bridge.send({ type: 'restore', filters: wanted.filters, q: wanted.q, regional: wanted.regional, view: wanted.view, id: wanted.id });
  for (const value of reply.rejected) console.warn(`Filtre ignoré : valeur inconnue « ${value} »`);
  if (reply.refused.includes('view')) console.warn(`Paramètre view ignoré : « ${shorten(wantedView)} »`);
  if (reply.refused.includes('id')) console.warn(`Paramètre id ignoré : « ${wanted.id} »`);
  if (wanted.view && !reply.refused.includes('view')) viewTouched = true;
}

function onSnapshot(snapshot) {
  last = snapshot;
  if (!dataLoaded) return;
  showPanel(snapshot);
  showAround(snapshot);
  showCard(snapshot);
  const changes = new Set(snapshot.changes);
  if (changes.has('view')) viewTouched = true;
  clearTimeout(urlTimer);
  if (['filters', 'selection', 'regional', 'data'].some((c) => changes.has(c))) writeUrl();
  else if (changes.has('view') && pointersDown.size === 0) urlTimer = setTimeout(writeUrl, VIEW_SETTLED_MS);
}

// ---- Start-up --------------------------------------------------------------------------

// Without WebGL 2 the core-only engine serves the data: the panel, the card, the exports and
// the address work as ever, the map area says why it stays empty, and the controls that would
// act on the drawing go (style.css, .no-map-mode).
function showNoMap() {
  $('layout').classList.add('no-map-mode');
  $('no-map').hidden = false;
  openDrawer();
  console.warn('WebGL 2 indisponible : la carte n’est pas dessinée, les données restent servies');
}

function watchSize() {
  const container = $('map-container');
  const apply = () => {
    const r = container.getBoundingClientRect();
    bridge.resize(Math.round(r.width), Math.round(r.height));
  };
  new ResizeObserver(apply).observe(container);
  apply();
}

async function start() {
  if (new URLSearchParams(window.location.search).get('embed') === '1') document.body.classList.add('embed');
  $('search').maxLength = MAX_SEARCH_CHARS;
  wireLayout();
  // Everything else the first frame needs is asked for now, at once: the texts and the data
  // (index.html already preloads them); boot.js has asked for the engine.
  const stringsText = loadStrings();
  const downloads = DATA.map(([, url, name]) => download(url, name));
  for (const d of downloads) d.catch(() => {});
  // boot.js chose the engine and started compiling it; its download feeds the progress bar
  // and, if it fails, the error's reason.
  const boot = window.catalyseursBoot;
  const wasmName = `${boot?.engine}.wasm`;
  const wasmDownload = boot?.engine ? request(boot.response, wasmName).then((r) => readAll(r, wasmName)) : null;
  wasmDownload?.catch(() => {});
  drawsMap = boot?.engine === 'catalyseurs';
  // The engine starts now, while the texts arrive; it draws nothing before the data is in.
  const engine = boot?.engine ? bridge.start({
    boot,
    canvas: $('canvas'),
    onFirstFrame: () => {
      $('loading').hidden = true;
      resolveReady();
    },
  }) : null;
  engine?.catch(() => {}); // awaited below
  const strings = await stringsText;
  applyStrings();
  $('loading-text').textContent = t('loading_map');
  if (!boot) {
    showError('error_engine_title', 'error_engine', { reason: t('error_engine_boot') });
    return;
  }
  if (!boot.engine) {
    showError('error_no_wasm_title', 'error_no_wasm');
    return;
  }
  if (!drawsMap) showNoMap();
  bridge.onSnapshot(onSnapshot);
  watchPointers($('canvas'));
  wireControls();
  wirePanel({ onOpenCard: openCard });
  wirePlaces();
  wireCard(() => last);
  wireExports();
  wireEmbedDialog();
  try {
    await engine;
  } catch (e) {
    const download = await wasmDownload.then(() => null, (problem) => problem);
    const reason = e.stage === 'script' ? t('error_engine_script') : download ? downloadProblem(download, download.file) : e.message;
    showError('error_engine_title', 'error_engine', { reason });
    return;
  }
  if (strings) bridge.send({ type: 'strings', json: strings, lang });
  watchSize();
  watchChrome();

  $('loading-text').textContent = t('loading_data');
  const notices = [];
  for (const [i, [kind, , name]] of DATA.entries()) {
    let bytes;
    try {
      bytes = await downloads[i];
    } catch (e) {
      showError('error_data_title', 'error_data', { reason: downloadProblem(e, e.file) });
      return;
    }
    // Each file in a task of its own, after the engine's start-up: the page can paint and
    // answer in between, instead of blocking for the whole start-up at once.
    await nextTask();
    if (!checkReport(bridge.load(kind, bytes), name, notices)) return;
  }
  if (notices.length) showNotice(notices.join(' '));
  dataLoaded = true;
  onSnapshot(last);
  restoreUrl();
  ready.then(loadContext, () => {});
}

// A context file that fails leaves the map as it was: its names and layers are extras.
async function loadContext() {
  for (const [kind, url, name] of CONTEXT) {
    try {
      const report = bridge.load(kind, await download(url, name));
      if (report.fatal) console.warn(`${name} : ${report.fatal}`);
    } catch (e) {
      console.warn(`${name} indisponible : ${e.message}`);
    }
  }
}

const requireEngine = (fallback, fn) => (...args) => (bridge.started() && dataLoaded ? fn(...args) : fallback);

// What a host page (host.js) and window.catalyseurs may ask, done as the user's actions are.
const commands = {
  // Opens the card of `id` (an empty id closes it); false for an unknown id.
  select: (id) => (id ? openCard(String(id)) : (closeCard(), true)),
  // {metiers, thematiques, structure, region}: arrays of values; returns the values ignored.
  setFilters: (filters) => setFilters(filters),
  search: (text) => {
    $('search').value = String(text ?? '');
    bridge.send({ type: 'search', q: String(text ?? '') });
  },
  home: () => { bridge.send({ type: 'home' }); },
};

window.catalyseurs = Object.freeze({
  // Resolves once the data is served and, where the browser draws the map, its first frame
  // with data is on screen; without WebGL 2 nothing is drawn and `drawsMap` is false.
  ready,
  get drawsMap() { return drawsMap; },
  // The frames the map has drawn since the page opened: one per change, for measurements.
  get framesDrawn() { return bridge.framesDrawn(); },
  // {territory, epsg, x, y} computed by the C++ Projector, or null outside France.
  project: requireEngine(null, (lon, lat) => bridge.send({ type: 'project', lon: Number(lon), lat: Number(lat) }).result),
  // The marker's centre in CSS pixels relative to the canvas, or null when not drawn on its
  // own (off screen, inside a cluster, or no map drawn at all).
  screenPosition: requireEngine(null, (id) => (drawsMap ? bridge.send({ type: 'screenPosition', id: String(id) }).result : null)),
  // {total, matching, matchingIds, visible, selected, hovered, filters, q, regional, view}
  state: requireEngine(null, () => bridge.send({ type: 'state', ids: true }).state),
  select: requireEngine(false, commands.select),
  setFilters: requireEngine([], commands.setFilters),
  search: requireEngine(undefined, commands.search),
  home: requireEngine(undefined, commands.home),
  // Centres the map on lon/lat, in whichever territory holds it, with about widthKm across.
  centerOn: requireEngine(false, (lon, lat, widthKm) =>
    bridge.send({ type: 'centerOn', lon: Number(lon), lat: Number(lat), widthKm: Number(widthKm) }).ok),
  // Every place name drawn: [{text, kind, x, y, w, h}] in CSS pixels of the canvas; none
  // without a map.
  labels: requireEngine([], () => bridge.send({ type: 'labels' }).labels),
});
wireHost({ ready, commands });

start();
