// Page bridge: checks what the browser can do, loads the WebAssembly module and the data
// with a progress bar, shows every failure in French in the page, and exposes
// window.catalyseurs to tests and host pages. No inline script, no eval: it runs under a
// strict Content-Security-Policy.
'use strict';

(function () {
  const DATA = {
    regions: 'data/territoires.geojson',
    catalyseurs: 'data/catalyseurs.geojson',
  };
  const KIND = { regions: 0, catalyseurs: 1 };

  const $ = (id) => document.getElementById(id);
  const canvas = $('canvas');
  const loading = $('loading');
  const loadingText = $('loading-text');
  const progressBar = $('loading-progress');

  let module = null;
  let resolveReady;
  let rejectReady;
  const ready = new Promise((resolve, reject) => { resolveReady = resolve; rejectReady = reject; });
  ready.catch(() => {}); // failures are shown in the page; keep the console clean

  function showError(title, detail) {
    loading.hidden = true;
    const box = $('error');
    box.replaceChildren();
    const h = document.createElement('h2');
    h.textContent = title;
    const p = document.createElement('p');
    p.textContent = detail;
    const retry = document.createElement('button');
    retry.type = 'button';
    retry.textContent = 'Recharger la page';
    retry.addEventListener('click', () => window.location.reload());
    box.append(h, p, retry);
    box.hidden = false;
    rejectReady(new Error(title + ' ' + detail));
  }

  function showNotice(text) {
    const notice = $('notice');
    notice.textContent = text;
    notice.hidden = false;
  }

  // Bytes received per download, so that one bar shows the whole start-up.
  const progress = new Map();
  function reportProgress(name, received, total) {
    progress.set(name, { received, total });
    let r = 0;
    let t = 0;
    for (const p of progress.values()) { r += p.received; t += p.total || p.received; }
    if (t > 0) progressBar.value = Math.min(100, Math.round((100 * r) / t));
  }

  async function download(url, name) {
    let response;
    try {
      response = await fetch(url, { credentials: 'same-origin' });
    } catch (e) {
      throw new Error(`le fichier ${name} n’a pas pu être téléchargé (réseau indisponible)`);
    }
    if (!response.ok) throw new Error(`le fichier ${name} est introuvable (erreur HTTP ${response.status})`);
    // Content-Length is the compressed size when the server compresses; use it as an
    // estimate only.
    const total = Number(response.headers.get('Content-Length')) || 0;
    if (!response.body) return new Uint8Array(await response.arrayBuffer());
    const reader = response.body.getReader();
    const chunks = [];
    let received = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      received += value.length;
      reportProgress(name, received, Math.max(total, received));
    }
    const bytes = new Uint8Array(received);
    let offset = 0;
    for (const c of chunks) { bytes.set(c, offset); offset += c.length; }
    return bytes;
  }

  function supportsWebGL2() {
    try {
      return !!document.createElement('canvas').getContext('webgl2');
    } catch (e) {
      return false;
    }
  }

  function loadScript(src) {
    return new Promise((resolve, reject) => {
      const s = document.createElement('script');
      s.src = src;
      s.onload = resolve;
      s.onerror = () => reject(new Error('le moteur de la carte (catalyseurs.js) n’a pas pu être chargé'));
      document.head.append(s);
    });
  }

  function call(name, returnType, argTypes, args) {
    return module.ccall(name, returnType, argTypes, args);
  }

  function passData(kind, bytes, label) {
    const ptr = module._malloc(Math.max(1, bytes.length));
    try {
      module.HEAPU8.set(bytes, ptr);
      return JSON.parse(call('catalyseurs_load', 'string', ['number', 'number', 'number'], [KIND[kind], ptr, bytes.length]));
    } finally {
      module._free(ptr);
    }
  }

  function describeReport(report, label) {
    for (const issue of report.issues) {
      console.warn(`${label} : entrée n° ${issue.index}${issue.id ? ` (${issue.id})` : ''} rejetée : ${issue.reason}`);
    }
  }

  function watchSize() {
    const container = $('map-container');
    const apply = () => {
      const r = container.getBoundingClientRect();
      call('catalyseurs_resize', null, ['number', 'number'], [Math.round(r.width), Math.round(r.height)]);
    };
    new ResizeObserver(apply).observe(container);
    apply();
  }

  async function start() {
    if (typeof WebAssembly !== 'object' || typeof WebAssembly.instantiate !== 'function') {
      showError('Navigateur non pris en charge', 'Ce navigateur ne sait pas exécuter WebAssembly, dont la carte a besoin. Essayez avec une version récente de Firefox, Chrome, Edge ou Safari.');
      return;
    }
    if (!supportsWebGL2()) {
      showError('Affichage impossible', 'Ce navigateur ou cet appareil ne fournit pas WebGL 2, dont la carte a besoin pour s’afficher. Vérifiez que l’accélération graphique est activée, ou essayez un autre navigateur.');
      return;
    }
    canvas.addEventListener('contextmenu', (e) => e.preventDefault());
    canvas.addEventListener('webglcontextlost', (e) => {
      e.preventDefault();
      showError('Affichage interrompu', 'Le contexte graphique WebGL a été perdu (mise en veille ou manque de mémoire graphique). Rechargez la page pour retrouver la carte.');
    });

    const regions = download(DATA.regions, 'territoires.geojson');
    const catalyseurs = download(DATA.catalyseurs, 'catalyseurs.geojson');
    regions.catch(() => {});
    catalyseurs.catch(() => {});

    try {
      await loadScript('catalyseurs.js');
      module = await window.createCatalyseurs({
        canvas,
        locateFile: (path) => path,
        onFirstFrame: () => {
          loading.hidden = true;
          resolveReady();
        },
        // Fetch the wasm ourselves to show its progress; the module is then compiled
        // from bytes.
        instantiateWasm(imports, receive) {
          download('catalyseurs.wasm', 'catalyseurs.wasm')
            .then((bytes) => WebAssembly.instantiate(bytes, imports))
            .then((result) => receive(result.instance, result.module))
            .catch((e) => showError('Chargement impossible', `Le moteur de la carte n’a pas pu démarrer : ${e.message}.`));
          return {};
        },
        print: (text) => console.log(text),
        printErr: (text) => console.warn(text),
      });
    } catch (e) {
      showError('Chargement impossible', `Le moteur de la carte n’a pas pu démarrer : ${e.message}.`);
      return;
    }
    watchSize();

    loadingText.textContent = 'Chargement des données…';
    const notices = [];
    for (const [kind, pending, label] of [['regions', regions, 'territoires.geojson'], ['catalyseurs', catalyseurs, 'catalyseurs.geojson']]) {
      let bytes;
      try {
        bytes = await pending;
      } catch (e) {
        showError('Données indisponibles', `La carte ne peut pas s’afficher : ${e.message}.`);
        return;
      }
      const report = passData(kind, bytes, label);
      describeReport(report, label);
      if (report.fatal) {
        showError('Données invalides', `Le fichier ${label} ne peut pas être lu : ${report.fatal}.`);
        return;
      }
      if (report.accepted === 0) {
        showError('Données invalides', `Le fichier ${label} ne contient aucune entrée valide (${report.rejected} rejetée${report.rejected > 1 ? 's' : ''}).`);
        return;
      }
      if (report.rejected > 0) {
        const n = report.rejected;
        notices.push(`${label} : ${n} entrée${n > 1 ? 's' : ''} rejetée${n > 1 ? 's' : ''} car invalide${n > 1 ? 's' : ''}, ${report.accepted} affichée${report.accepted > 1 ? 's' : ''} (détails dans la console).`);
      }
    }
    if (notices.length) showNotice(notices.join(' '));
  }

  window.catalyseurs = Object.freeze({
    ready,
    // {territory, epsg, x, y} computed by the C++ Projector, or null outside France.
    project(lon, lat) {
      if (!module) return null;
      return JSON.parse(call('catalyseurs_project', 'string', ['number', 'number'], [Number(lon), Number(lat)]));
    },
    // The marker's centre in CSS pixels relative to the canvas, or null when not drawn.
    screenPosition(id) {
      if (!module) return null;
      return JSON.parse(call('catalyseurs_screen_position', 'string', ['string'], [String(id)]));
    },
    // {total, visible, view: {x, y, scale, width, height}}
    state() {
      if (!module) return null;
      return JSON.parse(call('catalyseurs_state', 'string', [], []));
    },
  });

  start();
})();
