// The page's first script, a classic one that runs from the top of the HTML, long before the
// page's modules have arrived: it picks the engine this browser can run and starts it
// downloading and compiling at once, so that the engine is ready about when the page's
// modules are. main.js takes what it started from window.catalyseursBoot:
//   engine    'catalyseurs' (draws the map), 'catalyseurs-core' (no WebGL 2: serves the data
//             without drawing) or null (no WebAssembly: the page says so)
//   script    Promise that the engine's script (its JavaScript glue) has run, so that
//             window.createCatalyseurs exists; rejects if it could not be loaded
//   response  Promise of the wasm file's Response (a copy, for the progress bar and errors)
//   compiled  Promise of its WebAssembly.Module, compiled while it streams in
// Runs under the page's Content-Security-Policy, hence a file of its own and no inline script.
(function boot() {
  'use strict';

  function supportsWebGL2() {
    try {
      return !!document.createElement('canvas').getContext('webgl2');
    } catch (e) {
      return false;
    }
  }

  var hasWasm = typeof WebAssembly === 'object' && typeof WebAssembly.instantiate === 'function';
  var engine = !hasWasm ? null : supportsWebGL2() ? 'catalyseurs' : 'catalyseurs-core';
  var started = { engine: engine, script: null, response: null, compiled: null };
  window.catalyseursBoot = started;
  if (!engine) return;

  // The engine's script runs as soon as it arrives, while the page waits for its modules.
  started.script = new Promise(function (resolve, reject) {
    var script = document.createElement('script');
    script.src = engine + '.js';
    script.async = true;
    script.onload = resolve;
    script.onerror = function () { reject(new Error(engine + '.js')); };
    document.head.appendChild(script);
  });
  started.script.catch(function () {});
  // The map engine's data file (its font): the engine's own request for it reuses this one.
  // The core-only engine has none.
  if (engine === 'catalyseurs') {
    var link = document.createElement('link');
    link.rel = 'preload';
    link.href = engine + '.data';
    link.as = 'fetch';
    link.crossOrigin = 'anonymous'; // as the engine's own request is
    document.head.appendChild(link);
  }

  var fetched = fetch(engine + '.wasm', { credentials: 'same-origin' });
  // The copy is taken first, before compiling starts reading the body.
  started.response = fetched.then(function (response) { return response.clone(); });
  started.compiled = fetched.then(function (response) {
    if (!response.ok) throw new Error(engine + '.wasm: HTTP ' + response.status);
    return WebAssembly.compileStreaming
      ? WebAssembly.compileStreaming(response)
      : response.arrayBuffer().then(function (bytes) { return WebAssembly.compile(bytes); });
  });
  // Failures are reported by main.js, which awaits both; keep the console free of them here.
  started.response.catch(function () {});
  started.compiled.catch(function () {});
}());
