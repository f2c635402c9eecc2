// The map's HTML controls (zoom, overview, full screen, regional view) and the canvas' place in
// the page: it takes the keyboard when clicked, never traps Tab, and lives through a lost GPU
// context: the browser may take it (sleep, a driver reset, too many contexts) and give it back.
import { graphicsRestored, send } from './bridge.js';
import { t } from './i18n.js';

const $ = (id) => document.getElementById(id);
const ZOOM_STEP = 1.6;

export function wireControls() {
  $('zoom-in').addEventListener('click', () => send({ type: 'zoom', factor: ZOOM_STEP }));
  $('zoom-out').addEventListener('click', () => send({ type: 'zoom', factor: 1 / ZOOM_STEP }));
  $('home').addEventListener('click', () => send({ type: 'home' }));
  $('regional').addEventListener('click', () => send({ type: 'setRegional', on: $('regional').getAttribute('aria-pressed') !== 'true' }));

  const fullscreen = $('fullscreen');
  if (!document.fullscreenEnabled) fullscreen.hidden = true;
  fullscreen.addEventListener('click', () => {
    if (document.fullscreenElement) document.exitFullscreen();
    else $('layout').requestFullscreen().catch(() => {});
  });
  document.addEventListener('fullscreenchange', () => {
    fullscreen.title = t(document.fullscreenElement ? 'fullscreen_exit' : 'fullscreen');
    fullscreen.setAttribute('aria-label', fullscreen.title);
  });

  const canvas = $('canvas');
  $('skip-to-map').addEventListener('click', (e) => {
    e.preventDefault();  // no #canvas in the address: it keeps the map's state
    canvas.focus();
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
  wireContextLoss(canvas);
}

// Cancelling the loss is what lets the browser restore the context; the state lives in the
// engine, not on the GPU, so the map comes back as it was, without a reload.
function wireContextLoss(canvas) {
  const status = $('map-status');
  canvas.addEventListener('webglcontextlost', (e) => {
    e.preventDefault();
    const text = document.createElement('span');
    text.textContent = t('graphics_lost');
    const reload = document.createElement('button');
    reload.type = 'button';
    reload.textContent = t('error_reload');
    reload.addEventListener('click', () => window.location.reload());
    status.replaceChildren(text, reload);
    status.hidden = false;
  });
  canvas.addEventListener('webglcontextrestored', () => {
    graphicsRestored();
    status.hidden = true;
    status.replaceChildren();
  });
}
