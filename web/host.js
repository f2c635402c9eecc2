// The map's side of the host API (README « Intégrer la carte dans un site »), active only when
// the map is in a frame. It tells the parent page what changes (ready, filter, select, view),
// addressed to the parent's origin, and carries out the parent's commands (setFilters,
// search, select, home) through the page's own functions, so that a command does exactly
// what the user's action does. The checks and the config are in host-messages.js.
import { onSnapshot, send } from './bridge.js';
import { SOURCE, allowsOrigin, eventTarget, parentOrigin, readCommand, readConfig } from './host-messages.js';

// Like the address: the view changes every frame while the map is dragged.
const VIEW_DELAY_MS = 150;
// Commands that arrive before the map is ready wait for it; a host that floods it is cut off.
const MAX_PENDING = 100;

async function loadConfig() {
  try {
    const response = await fetch('embed.json', { credentials: 'same-origin', cache: 'no-cache' });
    return readConfig({ status: response.status, text: response.ok ? await response.text() : '' });
  } catch (e) {
    return readConfig({ status: 0, text: '' });
  }
}

// `ready` resolves once the first frame with data is drawn; `commands` are the page's own
// {setFilters(filters), search(q), select(id), home()}.
export function wireHost({ ready, commands }) {
  if (window.parent === window) return;
  const host = window.parent;
  let last = null;     // the last snapshot
  let config = null;   // once embed.json is read
  let target = null;   // where events go; null: nowhere
  let live = false;    // ready, and the config read
  const pending = [];
  const sent = { id: '', view: '' };

  const post = (type, fields) => {
    if (target === null) return;
    try {
      host.postMessage({ source: SOURCE, type, ...fields }, target);
    } catch (e) {
      console.warn(`Événement « ${type} » non envoyé à la page hôte : ${e.message}`);
    }
  };

  const run = ({ data, origin }) => {
    if (!allowsOrigin(config, origin)) {
      console.warn(`Commande refusée : l’origine « ${origin} » n’est pas dans allowedOrigins (embed.json)`);
      return;
    }
    const { command, warning } = readCommand(data);
    if (warning) console.warn(warning);
    else commands[command.type](command.arg);
  };

  window.addEventListener('message', (event) => {
    // The engine's own main loop may post to this window; that is not for us.
    if (event.source === window) return;
    if (event.source !== host) {
      console.warn(`Message ignoré : il ne vient pas de la page qui encadre la carte (origine « ${event.origin} »)`);
      return;
    }
    const message = { data: event.data, origin: event.origin };
    if (live) run(message);
    else if (pending.length < MAX_PENDING) pending.push(message);
    else console.warn('Commande de la page hôte ignorée : trop de commandes avant que la carte soit prête');
  });

  // Every matching id, which the snapshot does not carry (only the list's first page): asked
  // once per change of the filters, after the snapshot's listeners have all run.
  let filterQueued = false;
  const queueFilter = () => {
    if (filterQueued) return;
    filterQueued = true;
    queueMicrotask(() => {
      filterQueued = false;
      const { state } = send({ type: 'state', ids: true });
      post('filter', { filters: state.filters, q: state.q, matching: state.matching, ids: state.matchingIds });
    });
  };
  let viewTimer = 0;
  const postView = () => {
    const text = JSON.stringify(last.view);
    if (text !== sent.view) post('view', { view: last.view });
    sent.view = text;
  };

  onSnapshot((snapshot) => {
    last = snapshot;
    if (!live) return;
    const changes = new Set(snapshot.changes);
    if (changes.has('filters')) queueFilter();
    if (changes.has('selection') && (snapshot.selected ?? '') !== sent.id) {
      sent.id = snapshot.selected ?? '';
      post('select', { id: sent.id });
    }
    if (changes.has('view')) {
      clearTimeout(viewTimer);
      viewTimer = setTimeout(postView, VIEW_DELAY_MS);
    }
  });

  Promise.all([ready, loadConfig()]).then(([, read]) => {
    for (const w of read.warnings) console.warn(w);
    config = read.config;
    const origin = parentOrigin({ ancestorOrigins: window.location.ancestorOrigins, referrer: document.referrer });
    target = eventTarget(config, origin);
    if (target === null) {
      console.warn(origin === null
        ? 'Origine de la page hôte inconnue : la carte ne lui envoie pas d’événements (voir postToAnyOrigin dans embed.json)'
        : `La page hôte (« ${origin} ») n’est pas dans allowedOrigins (embed.json) : la carte ne lui envoie pas d’événements`);
    }
    sent.id = last.selected ?? '';
    sent.view = JSON.stringify(last.view);
    live = true;
    post('ready', { total: last.total, matching: last.matching });
    for (const message of pending.splice(0)) run(message);
  }, () => {});  // a map that failed to start shows why in the page; the host hears nothing
}
