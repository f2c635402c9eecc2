// « Vérifier un tableur »: the page's start. It loads the checker (checker/: the core's
// readSpreadsheet and gazetteer compiled to WebAssembly, a module of its own) and the commune
// gazetteer, then checks each file picked or dropped, in the page: nothing is sent anywhere
// after these two loads. Runs under the map's strict Content-Security-Policy: no inline
// script, no eval. window.checker ({ready, last}) is for the tests and the bench.
import { download } from './exports.js';
import { applyStrings, loadStrings, t } from './i18n.js';
import { showReport } from './verifier-view.js';

const $ = (id) => document.getElementById(id);
const GEOJSON_TYPE = 'application/geo+json';

let checker = null;
let report = null; // the last file's, for its download
const state = { last: null };

const loadScript = (src) => new Promise((resolve, reject) => {
  document.head.append(Object.assign(document.createElement('script'), { src, onload: resolve, onerror: () => reject(new Error(src)) }));
});

async function fetchBytes(url) {
  const response = await fetch(url, { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`${url} : HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

// Bytes copied into the module's memory for the length of one call.
function withBytes(bytes, call) {
  const ptr = checker._malloc(Math.max(1, bytes.length));
  try {
    checker.HEAPU8.set(bytes, ptr);
    return call(ptr, bytes.length);
  } finally {
    checker._free(ptr);
  }
}

async function start() {
  const [, gazetteer] = await Promise.all([loadScript('checker.js'), fetchBytes('data/communes.csv')]);
  checker = await window.createChecker({ locateFile: (path) => path, print: console.log, printErr: console.warn });
  const error = withBytes(gazetteer, (ptr, n) => checker.ccall('checker_load_gazetteer', 'string', ['number', 'number'], [ptr, n]));
  if (error) throw new Error(`communes.csv : ${error}`);
}

// The report (checker/report.h) and the GeoJSON's exact bytes, copied out of the module.
function check(bytes) {
  const json = withBytes(bytes, (ptr, n) => checker.ccall('checker_check', 'string', ['number', 'number'], [ptr, n]));
  const result = JSON.parse(json);
  const size = checker._checker_geojson_size();
  const ptr = checker._checker_geojson();
  result.geojson = size > 0 ? checker.HEAPU8.slice(ptr, ptr + size) : null;
  return result;
}

const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));

async function checkFile(file) {
  const status = $('status');
  status.textContent = t('checker_checking', { name: file.name });
  let bytes;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch {
    status.textContent = t('checker_read_failed', { name: file.name });
    return;
  }
  await nextFrame(); // the « checking » status shows before a long check
  const started = performance.now();
  report = check(bytes);
  const checked = performance.now();
  showReport(report, file.name);
  const built = performance.now();
  await nextFrame();
  const shown = performance.now();
  state.last = { name: file.name, bytes: bytes.length, rows: report.rows, valid: report.valid, rejected: report.rejected,
    issues: report.issues.length, checkMs: checked - started, buildMs: built - checked, totalMs: shown - started };
  status.textContent = t('checker_done', { name: file.name });
  document.body.dataset.checked = String((Number(document.body.dataset.checked) || 0) + 1);
}

function wire(ready) {
  const pick = (file) => ready.then(() => checkFile(file));
  $('file').addEventListener('change', (event) => {
    const file = event.target.files?.[0];
    if (file) pick(file);
    event.target.value = ''; // the same file, picked again after an edit, is checked again
  });
  // A file dropped anywhere on the page is checked, never opened by the browser instead.
  const drop = $('drop');
  for (const type of ['dragenter', 'dragover']) {
    document.addEventListener(type, (event) => {
      event.preventDefault();
      drop.classList.add('over');
    });
  }
  document.addEventListener('dragleave', (event) => { if (!event.relatedTarget) drop.classList.remove('over'); });
  document.addEventListener('drop', (event) => {
    event.preventDefault();
    drop.classList.remove('over');
    const file = event.dataTransfer?.files?.[0];
    if (file) pick(file);
  });
  $('template').addEventListener('click', () => {
    // Its bytes as they are: decoding to a string would drop the byte-order mark Excel needs.
    const ptr = checker._checker_template();
    download('modele-catalyseurs.csv', 'text/csv;charset=utf-8', checker.HEAPU8.slice(ptr, checker.HEAPU8.indexOf(0, ptr)));
  });
  $('download-geojson').addEventListener('click', () => {
    if (report?.geojson) download('catalyseurs.geojson', GEOJSON_TYPE, report.geojson);
  });
}

async function main() {
  const ready = start(); // alongside the page's words
  window.checker = { ready, get last() { return state.last; } };
  wire(ready);
  await loadStrings();
  applyStrings('checker_page');
  try {
    await ready;
  } catch (e) {
    $('status').textContent = t('checker_failed', { reason: e.message });
    $('status').classList.add('failed');
    return;
  }
  $('file').disabled = false;
  $('template').disabled = false;
  $('status').textContent = t('checker_ready');
}

main();
