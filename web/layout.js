// The page's layout around the map. The compact layout (compact.css) for small frames, for
// embed=1 and for panel=collapsed, with the panel as a drawer under its handle; panel=0, the
// map alone. What of the page lies over the map (its controls, the drawer's handle) goes to
// the engine, so that the overlays it draws and the overview keep clear of it; and a real
// button sits over the legend's toggle the engine draws, for the pointer, the keyboard and
// screen readers.
import { onSnapshot, send, started } from './bridge.js';

const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(window.location.search);

// Whether the compact rules apply now: compact.css's media attribute says when.
export const isCompact = () => window.matchMedia($('compact-style').media).matches;

function setOpen(open) {
  const panel = $('panel');
  const handle = $('sheet-handle');
  panel.classList.toggle('open', open);
  handle.setAttribute('aria-expanded', open ? 'true' : 'false');
  // Focus must not stay on something the drawer hides.
  if (!open && panel.contains(document.activeElement)) handle.focus();
}
const isOpen = () => $('panel').classList.contains('open');
// Without a map to look at, the drawer opens at start: the panel is the page.
export const openDrawer = () => { if (isCompact()) setOpen(true); };

// The boxes, in CSS pixels from the canvas' top-left, of the page's controls over the map:
// the controls as one box (the row they form), and the drawer's handle while closed.
let handleBox = null;
function relative(r) {
  const canvas = $('canvas').getBoundingClientRect();
  return {
    left: Math.floor(r.left - canvas.left), top: Math.floor(r.top - canvas.top),
    right: Math.ceil(r.right - canvas.left), bottom: Math.ceil(r.bottom - canvas.top),
  };
}
function boxesOverMap() {
  const canvas = $('canvas').getBoundingClientRect();
  const over = (b) => b.right > b.left && b.bottom > b.top && b.right > 0 && b.bottom > 0 && b.left < canvas.width && b.top < canvas.height;
  const boxes = [];
  const buttons = [...document.querySelectorAll('.map-controls button')].map((b) => b.getBoundingClientRect()).filter((r) => r.width > 0);
  if (buttons.length) {
    const union = relative({
      left: Math.min(...buttons.map((r) => r.left)), top: Math.min(...buttons.map((r) => r.top)),
      right: Math.max(...buttons.map((r) => r.right)), bottom: Math.max(...buttons.map((r) => r.bottom)),
    });
    if (over(union)) boxes.push(union);
  }
  // Open, the handle heads the drawer: the map keeps the room of the closed one.
  if (!isOpen()) handleBox = relative($('sheet-handle').getBoundingClientRect());
  if (handleBox && over(handleBox)) boxes.push(handleBox);
  return boxes;
}

let sent = '';
function sendChrome() {
  if (!started()) return;
  const boxes = boxesOverMap();
  // Where the card goes when it opens: the engine brings a selected marker out of it.
  const card = relative($('card-slot').getBoundingClientRect());
  const text = JSON.stringify([boxes, card]);
  if (text === sent) return;
  sent = text;
  send({ type: 'chrome', boxes, card });
}

// After the engine has the canvas' size: whenever the map, its controls or the handle move.
export function watchChrome() {
  const observer = new ResizeObserver(sendChrome);
  for (const el of [$('map-container'), document.querySelector('.map-controls'), $('sheet-handle'), $('card-slot')]) observer.observe(el);
  sendChrome();
}

function showOverlays(snapshot) {
  const overlays = snapshot.overlays;
  if (!overlays) return;
  const button = $('legend-toggle');
  const box = overlays.legendToggle;
  button.hidden = !box;
  if (!box) return;
  button.style.left = `${box.left}px`;
  button.style.top = `${box.top}px`;
  button.style.width = `${box.right - box.left}px`;
  button.style.height = `${box.bottom - box.top}px`;
  button.setAttribute('aria-expanded', overlays.legendOpen ? 'true' : 'false');
}

// At start-up, before the engine's first snapshot.
export function wireLayout() {
  // panel=0: no panel at all; panel=collapsed: the drawer, closed, whatever the width.
  const panel = params.get('panel');
  if (panel === '0') document.body.classList.add('no-panel');
  if (params.get('embed') === '1' || panel === 'collapsed') $('compact-style').media = 'all';

  $('sheet-handle').addEventListener('click', () => setOpen(!isOpen()));
  // Esc closes the drawer, except in a search field with text, where it clears the text.
  $('panel').addEventListener('keydown', (event) => {
    if (event.key !== 'Escape' || !isCompact() || !isOpen()) return;
    if (event.target.type === 'search' && event.target.value) return;
    setOpen(false);
    $('sheet-handle').focus();
  });
  // The skip link leads to the list: in a closed drawer, open it first.
  document.querySelector('.skip-link').addEventListener('click', () => { if (isCompact() && !isOpen()) setOpen(true); });

  const toggle = $('legend-toggle');
  toggle.addEventListener('click', () => send({ type: 'legend', open: toggle.getAttribute('aria-expanded') !== 'true' }));
  onSnapshot(showOverlays);
}
