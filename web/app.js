// Page bridge. It checks what the browser can do, loads the WebAssembly module and the data
// with a progress bar, and shows every failure in French in the page. The C++ core owns the
// state (filters, search, selection, view); this file mirrors it in real HTML controls —
// the search field, the filters, the results list and the card — for keyboards, screen
// readers and text input, keeps it in the URL, and exposes window.catalyseurs to tests and
// host pages. No inline script, no eval: it runs under a strict Content-Security-Policy.
'use strict';

(function () {
  const DATA = {
    regions: 'data/territoires.geojson',
    catalyseurs: 'data/catalyseurs.geojson',
  };
  const KIND = { regions: 0, catalyseurs: 1 };
  const GROUPS = ['metiers', 'thematiques', 'structure', 'region'];
  // URL parameter of each filter group (DESIGN §6).
  const URL_KEYS = { metiers: 'metier', thematiques: 'theme', structure: 'type', region: 'region' };
  const MARKERS = {
    dialogue: ['#0072B2', 'circle'],
    experimentation: ['#D55E00', 'square'],
    accompagnement: ['#009E73', 'triangle'],
    lieu: ['#CC79A7', 'diamond'],
  };
  const LIST_PAGE = 200; // list items rendered at once; the count says how many match

  const $ = (id) => document.getElementById(id);
  const canvas = $('canvas');
  const loading = $('loading');
  const loadingText = $('loading-text');
  const progressBar = $('loading-progress');

  const params = new URLSearchParams(window.location.search);
  const lang = params.get('lang') === 'en' ? 'en' : 'fr';
  let strings = {};
  let module = null;
  let byId = new Map(); // id → GeoJSON properties, for the list and the card
  let listLimit = LIST_PAGE;
  let resolveReady;
  let rejectReady;
  const ready = new Promise((resolve, reject) => { resolveReady = resolve; rejectReady = reject; });
  ready.catch(() => {}); // failures are shown in the page; keep the console clean

  const t = (key, values = {}) => {
    let s = strings[key] ?? key;
    for (const [k, v] of Object.entries(values)) s = s.split(`{${k}}`).join(String(v));
    return s;
  };
  // « 1 000 » with a narrow no-break space.
  const number = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f');

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
    // Controls that would act on no data are hidden rather than left inert.
    $('layout').classList.add('failed');
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
    let tot = 0;
    for (const p of progress.values()) { r += p.received; tot += p.total || p.received; }
    if (tot > 0) progressBar.value = Math.min(100, Math.round((100 * r) / tot));
  }

  async function download(url, name) {
    let response;
    try {
      response = await fetch(url, { credentials: 'same-origin' });
    } catch (e) {
      throw new Error(`le fichier ${name} n’a pas pu être téléchargé (réseau indisponible)`);
    }
    if (!response.ok) throw new Error(`le fichier ${name} est introuvable (erreur HTTP ${response.status})`);
    // Content-Length is the compressed size when the server compresses: an estimate only.
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

  const call = (name, returnType, argTypes, args) => module.ccall(name, returnType, argTypes, args);
  const json = (name, argTypes = [], args = []) => JSON.parse(call(name, 'string', argTypes, args));
  // The state without the list of matching ids, cheap at any dataset size.
  const summary = () => json('catalyseurs_state', ['number'], [0]);
  const matchingIds = (offset, limit) => json('catalyseurs_ids', ['number', 'number'], [offset, limit]);

  function passData(kind, bytes) {
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
      const which = issue.id ? `« ${issue.id} »` : `n° ${issue.index + 1}`;
      console.warn(`${label} : entrée ${which} rejetée : ${issue.reason}`);
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

  // ---- Interface text -------------------------------------------------------------

  function applyStrings() {
    document.documentElement.lang = lang;
    for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
    for (const el of document.querySelectorAll('[data-i18n-placeholder]')) el.placeholder = t(el.dataset.i18nPlaceholder);
    for (const el of document.querySelectorAll('[data-i18n-title]')) {
      el.title = t(el.dataset.i18nTitle);
      el.setAttribute('aria-label', el.title);
    }
    for (const el of document.querySelectorAll('[data-i18n-aria-label]')) el.setAttribute('aria-label', t(el.dataset.i18nAriaLabel));
  }

  function valueLabel(group, value, facet) {
    if (group === 'metiers') return t(`metier_${value}`);
    if (group === 'thematiques') return t(`thematique_${value}`);
    if (group === 'structure') return t(`structure_${value}`);
    return facet?.label ?? value;
  }

  // ---- Panel: filters, count, list -------------------------------------------------

  function buildFilters(facets) {
    for (const group of GROUPS) {
      const box = document.querySelector(`[data-group="${group}"] .options`);
      box.replaceChildren();
      for (const facet of facets[group]) {
        const label = document.createElement('label');
        label.className = 'option';
        const input = document.createElement('input');
        input.type = 'checkbox';
        input.name = group;
        input.value = facet.value;
        input.addEventListener('change', onFilterChange);
        label.append(input);
        if (group === 'metiers' && MARKERS[facet.value]) {
          const swatch = document.createElement('span');
          swatch.className = `swatch ${MARKERS[facet.value][1]}`;
          swatch.style.background = MARKERS[facet.value][0];
          swatch.setAttribute('aria-hidden', 'true');
          label.append(swatch);
        }
        const text = document.createElement('span');
        text.textContent = valueLabel(group, facet.value, facet);
        const n = document.createElement('span');
        n.className = 'n';
        label.append(text, n);
        box.append(label);
      }
    }
  }

  function currentFilters() {
    const f = {};
    for (const group of GROUPS) {
      f[group] = [...document.querySelectorAll(`input[name="${group}"]:checked`)].map((i) => i.value);
    }
    return f;
  }

  function setFilters(filters) {
    const clean = {};
    for (const group of GROUPS) clean[group] = Array.isArray(filters?.[group]) ? filters[group].map(String) : [];
    const rejected = json('catalyseurs_set_filters', ['string'], [JSON.stringify(clean)]);
    for (const value of rejected) console.warn(`Filtre ignoré : valeur inconnue « ${value} »`);
    return rejected;
  }

  function onFilterChange() {
    setFilters(currentFilters());
  }

  function refreshPanel() {
    const state = summary();
    const facets = json('catalyseurs_facets');
    for (const group of GROUPS) {
      const selected = new Set(state.filters[group]);
      const counts = new Map(facets[group].map((f) => [f.value, f.count]));
      for (const input of document.querySelectorAll(`input[name="${group}"]`)) {
        input.checked = selected.has(input.value);
        const n = counts.get(input.value) ?? 0;
        const label = input.closest('.option');
        label.querySelector('.n').textContent = number(n);
        label.classList.toggle('empty', n === 0 && !input.checked);
      }
    }
    const search = $('search');
    if (document.activeElement !== search && search.value !== state.q) search.value = state.q;
    const n = state.matching;
    const text = n === 0 ? t('count_zero') : n === 1 ? t('count_one') : t('count_many', { n: number(n) });
    $('count').textContent = text;
    $('sheet-count').textContent = number(n);
    renderList(state);
    updateUrl();
  }

  function renderList(state) {
    const list = $('results');
    list.replaceChildren();
    const ids = matchingIds(0, listLimit);
    for (const id of ids) {
      const p = byId.get(id);
      if (!p) continue;
      const li = document.createElement('li');
      li.dataset.id = id;
      if (id === state.selected) li.classList.add('selected');
      const button = document.createElement('button');
      button.type = 'button';
      const name = document.createElement('span');
      name.className = 'name';
      name.textContent = p.nom;
      const where = document.createElement('span');
      where.className = 'where';
      where.textContent = `${p.commune} · ${regionName(p.region)}`;
      button.append(name, where);
      button.addEventListener('click', () => openCard(id, { focus: true }));
      button.addEventListener('mouseenter', () => call('catalyseurs_hover', null, ['string'], [id]));
      button.addEventListener('mouseleave', () => call('catalyseurs_hover', null, ['string'], ['']));
      button.addEventListener('keydown', onListKey);
      li.append(button);
      list.append(li);
    }
    if (state.matching > listLimit) {
      const li = document.createElement('li');
      const more = document.createElement('button');
      more.type = 'button';
      more.textContent = `Afficher plus (${number(state.matching - listLimit)} restants)`;
      more.addEventListener('click', () => { listLimit += LIST_PAGE; renderList(summary()); });
      li.append(more);
      list.append(li);
    }
  }

  function onListKey(event) {
    const items = [...document.querySelectorAll('#results button')];
    const at = items.indexOf(event.currentTarget);
    if (event.key === 'ArrowDown' && at + 1 < items.length) { items[at + 1].focus(); event.preventDefault(); }
    if (event.key === 'ArrowUp') { (at > 0 ? items[at - 1] : $('search')).focus(); event.preventDefault(); }
  }

  let regionNames = new Map();
  const regionName = (code) => regionNames.get(code) ?? code;

  function highlightHovered() {
    const hovered = summary().hovered;
    for (const li of document.querySelectorAll('#results li')) li.classList.toggle('hovered', li.dataset.id === hovered);
  }

  // ---- Card ------------------------------------------------------------------------

  function isWebUrl(url) {
    try {
      const u = new URL(url);
      return u.protocol === 'https:' || u.protocol === 'http:';
    } catch (e) {
      return false;
    }
  }

  function permalink(id) {
    const url = new URL(window.location.href);
    url.search = '';
    url.searchParams.set('id', id);
    if (lang !== 'fr') url.searchParams.set('lang', lang);
    return url.toString();
  }

  let returnFocus = null;
  function openCard(id, { focus = false } = {}) {
    returnFocus = document.activeElement;
    if (!call('catalyseurs_select', 'number', ['string'], [id])) {
      console.warn(`Catalyseur inconnu : « ${id} »`);
      return false;
    }
    if (focus) $('card-title').focus();
    return true;
  }

  function renderCard() {
    const state = summary();
    const card = $('card');
    const p = state.selected ? byId.get(state.selected) : null;
    for (const li of document.querySelectorAll('#results li')) li.classList.toggle('selected', li.dataset.id === state.selected);
    if (!p) {
      card.hidden = true;
      updateUrl();
      return;
    }
    $('card-title').textContent = p.nom;
    $('card-title').tabIndex = -1;
    const parts = [t(`structure_${p.structure}`), p.commune, regionName(p.region)];
    $('card-meta').textContent = parts.join(' · ');
    $('card-demo').hidden = !p.demo;
    const metiers = $('card-metiers');
    metiers.replaceChildren();
    for (const m of p.metiers) {
      const li = document.createElement('li');
      if (MARKERS[m]) {
        const swatch = document.createElement('span');
        swatch.className = `swatch ${MARKERS[m][1]}`;
        swatch.style.background = MARKERS[m][0];
        swatch.setAttribute('aria-hidden', 'true');
        li.append(swatch);
      }
      li.append(t(`metier_${m}`));
      metiers.append(li);
    }
    $('card-territoire').textContent = p.territoire ? `${t('card_territoire')} : ${p.territoire}` : '';
    $('card-description').textContent = p.description || '';
    const themes = $('card-thematiques');
    themes.replaceChildren();
    for (const th of p.thematiques || []) {
      const li = document.createElement('li');
      li.textContent = t(`thematique_${th}`);
      themes.append(li);
    }
    const site = $('card-site');
    // The core already refuses anything but http(s); checked again where the link is made.
    if (p.site && isWebUrl(p.site)) {
      site.href = p.site;
      site.textContent = t('card_site');
      site.setAttribute('aria-label', `${t('card_site')} ${t('card_site_hint')}`);
      site.hidden = false;
    } else {
      site.removeAttribute('href');
      site.hidden = true;
    }
    $('card-copied').textContent = '';
    card.hidden = false;
    $('panel').classList.remove('open');
    updateUrl();
  }

  function closeCard() {
    call('catalyseurs_select', 'number', ['string'], ['']);
    if (returnFocus && document.contains(returnFocus)) returnFocus.focus();
  }

  async function copyLink() {
    const state = summary();
    if (!state.selected) return;
    const url = permalink(state.selected);
    try {
      await navigator.clipboard.writeText(url);
    } catch (e) {
      // Without clipboard permission, select the link in a prompt-free way: a hidden field.
      const field = document.createElement('textarea');
      field.value = url;
      field.setAttribute('readonly', '');
      field.className = 'visually-hidden';
      document.body.append(field);
      field.select();
      document.execCommand('copy');
      field.remove();
    }
    $('card-copied').textContent = t('card_link_copied');
  }

  // ---- URL state -------------------------------------------------------------------

  // Filters, search and selection reach the URL at once; the view, which panning changes
  // every frame, once it settles.
  let urlTimer = 0;
  function updateUrl({ debounce = false } = {}) {
    clearTimeout(urlTimer);
    if (debounce) urlTimer = setTimeout(writeUrl, 150);
    else writeUrl();
  }

  function writeUrl() {
    const state = summary();
    const url = new URL(window.location.href);
    const keep = ['embed', 'lang'];
    for (const key of [...url.searchParams.keys()]) if (!keep.includes(key)) url.searchParams.delete(key);
    for (const group of GROUPS) if (state.filters[group].length) url.searchParams.set(URL_KEYS[group], state.filters[group].join(','));
    if (state.q) url.searchParams.set('q', state.q);
    if (state.selected) url.searchParams.set('id', state.selected);
    if (state.regional) url.searchParams.set('vue', 'regions');
    if (viewTouched) {
      const v = state.view;
      url.searchParams.set('view', `${Math.round(v.x)},${Math.round(v.y)},${v.scale.toPrecision(4)}`);
    }
    const next = url.pathname + (url.searchParams.toString() ? `?${url.searchParams}` : '') + url.hash;
    if (next !== window.location.pathname + window.location.search + window.location.hash) {
      window.history.replaceState(null, '', next);
    }
  }
  let viewTouched = false;

  function applyUrl() {
    const filters = {};
    for (const group of GROUPS) {
      const raw = params.get(URL_KEYS[group]);
      filters[group] = raw ? raw.split(',').map((s) => s.trim()).filter(Boolean) : [];
    }
    setFilters(filters);
    const q = params.get('q');
    if (q) {
      $('search').value = q;
      call('catalyseurs_search', null, ['string'], [q]);
    }
    if (params.get('vue') === 'regions') setRegional(true);
    const view = params.get('view');
    if (view) {
      const [x, y, s] = view.split(',').map(Number);
      if (call('catalyseurs_set_view', 'number', ['number', 'number', 'number'], [x, y, s])) viewTouched = true;
      else console.warn(`Paramètre view ignoré : « ${view} »`);
    }
    const id = params.get('id');
    if (id && !openCard(id)) console.warn(`Paramètre id ignoré : « ${id} »`);
    for (const key of params.keys()) {
      if (!['metier', 'theme', 'type', 'region', 'q', 'id', 'view', 'vue', 'embed', 'lang'].includes(key)) {
        console.warn(`Paramètre d’URL inconnu ignoré : « ${key} »`);
      }
    }
  }

  // ---- Map controls, exports, sheet ---------------------------------------------------

  function setRegional(on) {
    call('catalyseurs_set_regional', null, ['number'], [on ? 1 : 0]);
    $('regional').setAttribute('aria-pressed', on ? 'true' : 'false');
  }

  function download_(name, type, text) {
    const url = URL.createObjectURL(new Blob([text], { type }));
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  function exportRows() {
    return json('catalyseurs_state', ['number'], [1]).matchingIds.map((id) => byId.get(id)).filter(Boolean);
  }

  const CSV_COLUMNS = ['id', 'nom', 'structure', 'metiers', 'thematiques', 'commune', 'code_insee', 'departement', 'region', 'territoire', 'description', 'site', 'demo'];
  function toCsv(rows) {
    const cell = (v) => {
      const s = Array.isArray(v) ? v.join(';') : v === undefined || v === null ? '' : String(v);
      return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
    };
    return [CSV_COLUMNS.join(','), ...rows.map((p) => CSV_COLUMNS.map((c) => cell(p[c])).join(','))].join('\r\n') + '\r\n';
  }

  function wireControls() {
    $('zoom-in').addEventListener('click', () => call('catalyseurs_zoom', null, ['number'], [1.6]));
    $('zoom-out').addEventListener('click', () => call('catalyseurs_zoom', null, ['number'], [1 / 1.6]));
    $('home').addEventListener('click', () => call('catalyseurs_home', null, [], []));
    $('regional').addEventListener('click', () => setRegional($('regional').getAttribute('aria-pressed') !== 'true'));
    const fullscreen = $('fullscreen');
    if (!document.fullscreenEnabled) fullscreen.hidden = true;
    fullscreen.addEventListener('click', () => {
      if (document.fullscreenElement) document.exitFullscreen();
      else $('layout').requestFullscreen().catch(() => {});
    });
    document.addEventListener('fullscreenchange', () => {
      const key = document.fullscreenElement ? 'fullscreen_exit' : 'fullscreen';
      fullscreen.title = t(key);
      fullscreen.setAttribute('aria-label', fullscreen.title);
    });
    const search = $('search');
    search.addEventListener('input', () => { listLimit = LIST_PAGE; call('catalyseurs_search', null, ['string'], [search.value]); });
    search.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.key === 'ArrowDown') {
        const first = document.querySelector('#results button');
        if (first) { first.focus(); event.preventDefault(); }
      }
    });
    $('filters').addEventListener('submit', (e) => e.preventDefault());
    $('reset').addEventListener('click', () => {
      search.value = '';
      call('catalyseurs_search', null, ['string'], ['']);
      setFilters({});
      setRegional(false);
    });
    $('card-close').addEventListener('click', closeCard);
    $('card-copy').addEventListener('click', copyLink);
    $('card').addEventListener('keydown', (event) => { if (event.key === 'Escape') closeCard(); });
    $('sheet-handle').addEventListener('click', () => {
      const open = $('panel').classList.toggle('open');
      $('sheet-handle').setAttribute('aria-expanded', open ? 'true' : 'false');
    });
    $('export-csv').addEventListener('click', (e) => { e.preventDefault(); download_('catalyseurs.csv', 'text/csv;charset=utf-8', toCsv(exportRows())); });
    $('export-geojson').addEventListener('click', (e) => {
      e.preventDefault();
      const features = exportRows().map((p) => ({ type: 'Feature', geometry: geometryById.get(p.id), properties: p }));
      download_('catalyseurs.geojson', 'application/geo+json', JSON.stringify({ type: 'FeatureCollection', features }));
    });
    canvas.addEventListener('contextmenu', (e) => e.preventDefault());
    // SDL cancels the mouse's default action, focus included: give the map the keyboard
    // explicitly when it is clicked or touched.
    canvas.addEventListener('pointerdown', () => canvas.focus({ preventScroll: true }));
    // SDL also cancels Tab on the canvas, which would trap keyboard users in the map.
    // Tab never reaches SDL: stopped on its way down, its default (moving focus) stays.
    for (const type of ['keydown', 'keyup']) {
      document.addEventListener(type, (e) => { if (e.key === 'Tab' && e.target === canvas) e.stopPropagation(); }, true);
    }
    canvas.addEventListener('webglcontextlost', (e) => {
      e.preventDefault();
      showError('Affichage interrompu', 'Le contexte graphique WebGL a été perdu (mise en veille ou manque de mémoire graphique). Rechargez la page pour retrouver la carte.');
    });
  }
  let geometryById = new Map();

  function onMapEvent(kind) {
    if (!byId.size) return;
    if (kind === 'filter') refreshPanel();
    else if (kind === 'select') renderCard();
    else if (kind === 'hover') highlightHovered();
    else if (kind === 'view') { viewTouched = true; updateUrl({ debounce: true }); }
  }

  // ---- Start-up ----------------------------------------------------------------------

  async function start() {
    if (params.get('embed') === '1') document.body.classList.add('embed');
    if (typeof WebAssembly !== 'object' || typeof WebAssembly.instantiate !== 'function') {
      showError('Navigateur non pris en charge', 'Ce navigateur ne sait pas exécuter WebAssembly, dont la carte a besoin. Essayez avec une version récente de Firefox, Chrome, Edge ou Safari.');
      return;
    }
    if (!supportsWebGL2()) {
      showError('Affichage impossible', 'Ce navigateur ou cet appareil ne fournit pas WebGL 2, dont la carte a besoin pour s’afficher. Vérifiez que l’accélération graphique est activée, ou essayez un autre navigateur.');
      return;
    }
    wireControls();

    const stringsText = fetch('strings.json').then((r) => (r.ok ? r.text() : Promise.reject(new Error(`HTTP ${r.status}`))));
    stringsText.catch(() => {});
    const regions = download(DATA.regions, 'territoires.geojson');
    const catalyseurs = download(DATA.catalyseurs, 'catalyseurs.geojson');
    regions.catch(() => {});
    catalyseurs.catch(() => {});

    let stringsJson = '{}';
    try {
      stringsJson = await stringsText;
      strings = JSON.parse(stringsJson)[lang] || {};
      applyStrings();
    } catch (e) {
      console.warn(`Textes de l’interface indisponibles (strings.json) : ${e.message}`);
    }

    try {
      await loadScript('catalyseurs.js');
      module = await window.createCatalyseurs({
        canvas,
        locateFile: (path) => path,
        onFirstFrame: () => {
          loading.hidden = true;
          resolveReady();
        },
        onMapEvent,
        // Fetch the wasm ourselves to show its progress; it is then compiled from bytes.
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
    call('catalyseurs_load_strings', 'number', ['string', 'string'], [stringsJson, lang]);
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
      const report = passData(kind, bytes);
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
      if (kind === 'catalyseurs') {
        // The core validated the file; only the entries it accepted are ever shown.
        const collection = JSON.parse(new TextDecoder().decode(bytes));
        for (const f of collection.features || []) {
          if (f && f.properties && typeof f.properties.id === 'string') {
            byId.set(f.properties.id, f.properties);
            geometryById.set(f.properties.id, f.geometry);
          }
        }
      }
    }
    if (notices.length) showNotice(notices.join(' '));

    const facets = json('catalyseurs_facets');
    regionNames = new Map(facets.region.map((r) => [r.value, r.label]));
    buildFilters(facets);
    $('demo-badge').hidden = ![...byId.values()].some((p) => p.demo === true);
    applyUrl();
    refreshPanel();
    renderCard();
  }

  const stateNow = () => (module && byId.size ? json('catalyseurs_state', ['number'], [1]) : null);

  window.catalyseurs = Object.freeze({
    ready,
    // {territory, epsg, x, y} computed by the C++ Projector, or null outside France.
    project(lon, lat) {
      if (!module) return null;
      return json('catalyseurs_project', ['number', 'number'], [Number(lon), Number(lat)]);
    },
    // The marker's centre in CSS pixels relative to the canvas, or null when not drawn
    // on its own (off screen, or inside a cluster).
    screenPosition(id) {
      if (!module) return null;
      return json('catalyseurs_screen_position', ['string'], [String(id)]);
    },
    // {total, matching, matchingIds, visible, selected, filters, q, view, ...}
    state: stateNow,
    // Opens the card of `id` (an empty id closes it); false for an unknown id.
    select(id) {
      if (!module) return false;
      return id ? openCard(String(id)) : (closeCard(), true);
    },
    // {metiers, thematiques, structure, region}: arrays of values; returns the values ignored.
    setFilters(filters) {
      if (!module) return [];
      return setFilters(filters);
    },
    search(text) {
      if (!module) return;
      $('search').value = String(text ?? '');
      call('catalyseurs_search', null, ['string'], [String(text ?? '')]);
    },
  });

  start();
})();
