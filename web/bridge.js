// The only code that touches the WebAssembly module. The page sends one JSON request per user
// action and gets its reply, with a snapshot of what changed; what the map changes on its own
// (a click, a drag, a key) arrives as one snapshot per frame. Every snapshot, whichever way it
// came, goes to the listeners registered with onSnapshot. The request and snapshot formats
// are documented in app/bridge.h.

const KIND = { regions: 0, catalyseurs: 1, context: 2, places: 3 };

let module = null;
const listeners = [];

export function onSnapshot(listener) {
  listeners.push(listener);
}

function dispatch(snapshot) {
  for (const listener of listeners) listener(snapshot);
}

// Starts the engine that web/boot.js chose, loaded and began compiling: `boot` is
// window.catalyseursBoot. `onFirstFrame` runs once the first complete frame with data is on
// screen. The core-only engine (catalyseurs-core.*, for browsers without WebGL 2) answers the
// same requests with the same replies and snapshots, draws nothing, and calls `onFirstFrame`
// once the data is served. Rejects with an Error whose `stage` is 'script' or 'engine'.
export async function start({ boot, canvas, onFirstFrame }) {
  const name = boot.engine;
  const drawsMap = name === 'catalyseurs';
  try {
    await boot.script;
  } catch (e) {
    throw Object.assign(new Error(e.message), { stage: 'script' });
  }
  let failed;
  const failure = new Promise((_, reject) => { failed = reject; });
  const created = window.createCatalyseurs({
    ...(drawsMap ? { canvas } : {}),
    locateFile: (path) => path,
    onFirstFrame,
    onSnapshot: (text) => dispatch(JSON.parse(text)),
    // The wasm that boot.js compiled while it downloaded.
    instantiateWasm(imports, receive) {
      boot.compiled
        .then((compiled) => WebAssembly.instantiate(compiled, imports).then((instance) => receive(instance, compiled)))
        .catch((e) => failed(Object.assign(e, { stage: 'engine' })));
      return {};
    },
    print: (text) => console.log(text),
    printErr: (text) => console.warn(text),
  });
  try {
    module = await Promise.race([created, failure]);
  } catch (e) {
    throw e.stage ? e : Object.assign(new Error(e.message), { stage: 'engine' });
  }
}

export const started = () => module !== null;

// The frames the map has drawn so far (none without a map).
export const framesDrawn = () => module?.framesDrawn ?? 0;

// One data file's bytes → its load report {accepted, rejected, unreported, fatal, issues}.
export function load(kind, bytes) {
  const ptr = module._malloc(Math.max(1, bytes.length));
  let reply;
  try {
    module.HEAPU8.set(bytes, ptr);
    reply = JSON.parse(module.ccall('catalyseurs_load', 'string', ['number', 'number', 'number'], [KIND[kind], ptr, bytes.length]));
  } finally {
    module._free(ptr);
  }
  if (reply.snapshot) dispatch(reply.snapshot);
  return reply;
}

// One request → its reply. The snapshot it carries goes to the listeners first.
export function send(request) {
  const reply = JSON.parse(module.ccall('catalyseurs_call', 'string', ['string'], [JSON.stringify(request)]));
  if (reply.snapshot) dispatch(reply.snapshot);
  return reply;
}

// The canvas' WebGL context was given back after a loss: the map makes its GPU objects again.
export function graphicsRestored() {
  module.ccall('catalyseurs_graphics_restored', null, [], []);
}

// The canvas' CSS size, whenever the page's layout changes it.
export function resize(width, height) {
  module.ccall('catalyseurs_resize', null, ['number', 'number'], [width, height]);
}
