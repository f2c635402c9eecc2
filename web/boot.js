// The page's first script, a classic one that runs from the top of the HTML, long before the
// page's modules have arrived: it picks the engine this browser can run and starts it
// downloading and compiling at once, so that the engine is ready about when the page's
// modules are. main.js takes what it started from window.catalyseursBoot:
//   engine    'catalyseurs' (draws the map), 'catalyseurs-core' (no WebGL 2: serves the data
//             without drawing) or null (no WebAssembly: the page says so)
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
  var started = { engine: engine, response: null, compiled: null };
  window.catalyseursBoot = started;
  if (!engine) return;

  // The engine's script and, for the map engine, its data file (the font): the engine's own
  // requests for them reuse these. The core-only engine has no data file.
  var files = [[engine + '.js', 'script']];
  if (engine === 'catalyseurs') files.push([engine + '.data', 'fetch']);
  files.forEach(function (file) {
    var link = document.createElement('link');
    link.rel = 'preload';
    link.href = file[0];
    link.as = file[1];
    if (file[1] === 'fetch') link.crossOrigin = 'anonymous'; // as the engine's own request is
    document.head.appendChild(link);
  });

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
