// « Intégrer la carte »: a modal dialog that writes the <iframe> snippet for the map as it is
// (filters, search, view), at a chosen size, with the panel shown, collapsed or hidden and in
// a chosen language; it shows the frame live, scaled down to fit, and copies the snippet. It
// asks the engine nothing: the state is the last snapshot's.
import { onSnapshot } from './bridge.js';
import { lang, t, tIn } from './i18n.js';
import {
  DEFAULT_PRESET, LIMITS, PRESETS, embedSearch, frameTitle, iframeSnippet, parseHeight, parseWidth, previewFit, widthAttribute,
} from './embed.js';

const $ = (id) => document.getElementById(id);
const CUSTOM = 'custom';
const RELOAD_DELAY_MS = 400; // the preview reloads the whole map: not on every keystroke

let last = null; // the last snapshot: the state the snippet reproduces
const regionNames = new Map(); // region code → the engine's name, from the facets
let frozen = null; // the state when the dialog opened: the map behind it is inert
let size = null; // the last valid {width, height}
let reloadTimer = 0;

function noteSnapshot(snapshot) {
  last = snapshot;
  for (const facet of snapshot.facets?.region ?? []) if (facet.label) regionNames.set(facet.value, facet.label);
}

// « 600 × 400 », « 100 % × 500 » in the page's language.
function sizeText(width, height) {
  const w = width.unit === '%' ? t('embed_percent', { n: width.value }) : String(width.value);
  return t('embed_size_value', { width: w, height });
}

function options() {
  return {
    panel: document.querySelector('input[name="embed-panel"]:checked')?.value ?? 'shown',
    lang: $('embed-lang').value,
    withView: $('embed-view').checked,
  };
}

// The field's verdict shown beside it, and read out with it (aria-describedby).
function mark(input, error, ok, message) {
  input.setAttribute('aria-invalid', ok ? 'false' : 'true');
  error.textContent = ok ? '' : message;
  error.hidden = ok;
}

function readSize() {
  const width = parseWidth($('embed-width').value);
  const height = parseHeight($('embed-height').value);
  mark($('embed-width'), $('embed-width-error'), !!width, t('embed_width_invalid', {
    min: LIMITS.px[0], max: LIMITS.px[1], pmin: LIMITS['%'][0], pmax: LIMITS['%'][1],
  }));
  mark($('embed-height'), $('embed-height-error'), height !== null, t('embed_height_invalid', { min: LIMITS.height[0], max: LIMITS.height[1] }));
  return width && height !== null ? { width, height } : null;
}

function frameSrc() {
  return `${window.location.origin}${window.location.pathname}${embedSearch(frozen, options())}`;
}

// The snippet and the preview, from the fields. While a size is invalid the code keeps the
// last valid one and cannot be copied; the error says why.
function update() {
  const valid = readSize();
  if (valid) size = valid;
  $('embed-copy').disabled = !valid;
  $('embed-copied').textContent = '';
  const src = frameSrc();
  const title = frameTitle(frozen, tIn(options().lang), (code) => regionNames.get(code));
  $('embed-code').value = iframeSnippet({ src, title, ...size });
  const frame = previewFrame();
  frame.title = title;
  fitPreview();
  if (frame.dataset.src === src) return;
  // The first load at once, later ones once the options settle.
  const first = !frame.dataset.src;
  frame.dataset.src = src;
  clearTimeout(reloadTimer);
  const load = () => { if ($('embed-dialog').open) frame.src = src; };
  if (first) load();
  else reloadTimer = setTimeout(load, RELOAD_DELAY_MS);
}

// The preview's frame, made the first time the dialog opens: a frame costs the page's start
// tens of milliseconds to create, and most visits never open the dialog.
function previewFrame() {
  let frame = $('embed-frame');
  if (!frame) {
    frame = document.createElement('iframe');
    frame.id = 'embed-frame';
    frame.src = 'about:blank';
    frame.allow = 'fullscreen';
    frame.inert = true; // shown, not a second map to Tab through
    frame.tabIndex = -1;
    $('embed-stage').append(frame);
  }
  return frame;
}

// The frame at its real size in CSS pixels, scaled down into the room the dialog leaves it.
function fitPreview() {
  const stage = $('embed-stage');
  const room = { width: stage.parentElement.clientWidth, height: Math.max(160, Math.round(window.innerHeight * 0.5)) };
  if (!size || room.width <= 0) return;
  const fit = previewFit(size.width, size.height, room);
  const frame = previewFrame();
  frame.style.width = `${fit.width}px`;
  frame.style.height = `${fit.height}px`;
  frame.style.transform = fit.scale < 1 ? `scale(${fit.scale})` : '';
  stage.style.width = `${Math.floor(fit.width * fit.scale)}px`;
  stage.style.height = `${Math.floor(fit.height * fit.scale)}px`;
  const percent = Math.round(fit.scale * 100);
  const what = sizeText(size.width, size.height);
  $('embed-preview-caption').textContent = percent >= 100
    ? t('embed_preview_full', { size: what })
    : t('embed_preview_scale', { scale: percent, size: what });
}

function choosePreset() {
  const value = $('embed-preset').value;
  if (value === CUSTOM) {
    $('embed-width').focus();
    return;
  }
  const preset = PRESETS[Number(value)];
  $('embed-width').value = widthAttribute(preset.width);
  $('embed-height').value = String(preset.height);
  update();
}

// Typing a size makes it a free one, unless it is a preset's.
function typeSize() {
  const width = parseWidth($('embed-width').value);
  const height = parseHeight($('embed-height').value);
  const at = PRESETS.findIndex((p) => width && p.width.value === width.value && p.width.unit === width.unit && p.height === height);
  $('embed-preset').value = at >= 0 ? String(at) : CUSTOM;
  update();
}

async function copy() {
  const text = $('embed-code').value;
  const status = $('embed-copied');
  status.textContent = '';
  let copied = false;
  try {
    await navigator.clipboard.writeText(text);
    copied = true;
  } catch (e) {
    // Refused (no permission, or no secure context): the old way, from the visible field,
    // which stays selected for Ctrl+C if even that fails.
    const code = $('embed-code');
    code.focus();
    code.select();
    try { copied = document.execCommand('copy'); } catch (e2) { copied = false; }
  }
  status.textContent = t(copied ? 'embed_copied' : 'embed_copy_manual');
}

// The elements Tab may reach inside the dialog, in order.
function tabbable(dialog) {
  const all = dialog.querySelectorAll('button, input, select, textarea, a[href], [tabindex]:not([tabindex="-1"])');
  return [...all].filter((el) => !el.disabled && el.tabIndex >= 0 && !el.closest('[inert]') && el.getClientRects().length > 0
    && !(el.type === 'radio' && !el.checked));
}

// showModal() makes the page behind inert, but Chromium lets Tab leave the last field for the
// browser's own toolbar; the dialog keeps it, going round as the APG's modal dialog does.
function trapTab(event) {
  if (event.key !== 'Tab') return;
  const items = tabbable(event.currentTarget);
  if (!items.length) return;
  const first = items[0];
  const lastItem = items[items.length - 1];
  if (event.shiftKey && document.activeElement === first) {
    lastItem.focus();
    event.preventDefault();
  } else if (!event.shiftKey && document.activeElement === lastItem) {
    first.focus();
    event.preventDefault();
  }
}

function open() {
  if (!last) return;
  const dialog = $('embed-dialog');
  if (dialog.open) return;
  frozen = { filters: last.filters, q: last.q, regional: last.regional, view: last.view };
  // The current view is worth keeping once the user has moved the map (the address then
  // carries it); otherwise the frame opens on its own overview, fitted to its size.
  $('embed-view').checked = new URLSearchParams(window.location.search).has('view');
  dialog.showModal();
  update();
  $('embed-preset').focus();
}

function closed() {
  if ($('embed-dialog').open) return; // opened again before this event came
  clearTimeout(reloadTimer);
  // Unloads the framed map, which would otherwise keep its engine running.
  const frame = previewFrame();
  frame.src = 'about:blank';
  delete frame.dataset.src;
  $('embed-open').focus();
}

function buildPresets() {
  const select = $('embed-preset');
  select.replaceChildren();
  PRESETS.forEach((p, i) => select.append(new Option(sizeText(p.width, p.height), String(i))));
  select.append(new Option(t('embed_custom'), CUSTOM));
  select.value = String(DEFAULT_PRESET);
  const preset = PRESETS[DEFAULT_PRESET];
  $('embed-width').value = widthAttribute(preset.width);
  $('embed-height').value = String(preset.height);
}

export function wireEmbedDialog() {
  onSnapshot(noteSnapshot);
  buildPresets();
  $('embed-lang').value = lang;
  const dialog = $('embed-dialog');
  $('embed-open').addEventListener('click', open);
  $('embed-close').addEventListener('click', () => dialog.close());
  dialog.addEventListener('close', closed);
  dialog.addEventListener('keydown', trapTab);
  $('embed-preset').addEventListener('change', choosePreset);
  for (const id of ['embed-width', 'embed-height']) $(id).addEventListener('input', typeSize);
  for (const id of ['embed-lang', 'embed-view']) $(id).addEventListener('change', () => update());
  for (const radio of document.querySelectorAll('input[name="embed-panel"]')) radio.addEventListener('change', () => update());
  $('embed-copy').addEventListener('click', copy);
  window.addEventListener('resize', () => { if (dialog.open) fitPreview(); });
}
