// What « Intégrer la carte » writes: the framed map's address, the frame's title in words, its
// size and the <iframe> snippet. Pure functions with no access to the page, so that node --test
// checks them (tests/web/embed.test.mjs); web/embed-dialog.js shows them.
import { GROUPS, serialiseState } from './url.js';

// Sizes offered before free values: fixed frames and one as wide as the host's column.
export const PRESETS = [
  { width: { value: 600, unit: 'px' }, height: 400 },
  { width: { value: 800, unit: 'px' }, height: 600 },
  { width: { value: 100, unit: '%' }, height: 500 },
];
export const DEFAULT_PRESET = 1;

// Below 200 px the map and its controls no longer fit; above 4000 px is a typing slip. A
// height in percent depends on the host's own layout and mostly collapses, so heights are
// pixels only.
export const LIMITS = { px: [200, 4000], '%': [10, 100], height: [200, 4000] };

// The panel option → the `panel` parameter (DESIGN §6): absent when shown.
export const PANEL_PARAMS = { shown: null, collapsed: 'collapsed', hidden: '0' };

const within = (n, [min, max]) => Number.isInteger(n) && n >= min && n <= max;

// « 600 », « 600px », « 100 % », « 100% » → {value, unit}; null when not a whole number of
// pixels or a percentage within LIMITS.
export function parseWidth(text) {
  const m = /^\s*(\d{1,5})\s*(px|%)?\s*$/i.exec(String(text));
  if (!m) return null;
  const size = { value: Number(m[1]), unit: m[2] === '%' ? '%' : 'px' };
  return within(size.value, LIMITS[size.unit]) ? size : null;
}

// « 400 » or « 400px » → 400; null otherwise.
export function parseHeight(text) {
  const m = /^\s*(\d{1,5})\s*(px)?\s*$/i.exec(String(text));
  return m && within(Number(m[1]), LIMITS.height) ? Number(m[1]) : null;
}

// The width as the iframe's width attribute takes it: pixels bare, percentages with their sign.
export const widthAttribute = (width) => (width.unit === '%' ? `${width.value}%` : String(width.value));

// The framed map's query string: the filters, search and regional view of `state` (a
// snapshot), its view when `withView`, never the open card (a card would cover most of a
// small frame, and the embed shows a selection of catalyseurs, not one), and the frame's
// chrome: embed=1, the panel option, the language.
export function embedSearch(state, { panel = 'shown', lang = 'fr', withView = false } = {}) {
  const chrome = new URLSearchParams({ embed: '1' });
  if (PANEL_PARAMS[panel]) chrome.set('panel', PANEL_PARAMS[panel]);
  chrome.set('lang', lang === 'en' ? 'en' : 'fr');
  return serialiseState({ ...state, selected: null }, { current: `?${chrome}`, withView });
}

const LABEL_PREFIX = { metiers: 'metier_', thematiques: 'thematique_', structure: 'structure_' };

// « Carte des catalyseurs territoriaux » followed by what the frame keeps, in words: each filter
// group's values joined by « ou » (values of a group add up), groups and the search joined by
// « ; » (they narrow each other). `tr` is i18n's t in the frame's language; regions are named
// by `regionName(code)`, the engine's name, the same in every language.
export function frameTitle(state, tr, regionName = (code) => code) {
  const parts = [];
  if (state.regional) parts.push(tr('regional_view'));
  for (const group of GROUPS) {
    const values = state.filters?.[group] ?? [];
    if (!values.length) continue;
    const label = (v) => (group === 'region' ? regionName(v) ?? v : tr(`${LABEL_PREFIX[group]}${v}`));
    parts.push(values.map(label).join(tr('embed_title_or')));
  }
  if (state.q) parts.push(tr('embed_title_search', { q: state.q }));
  const title = tr('embed_frame_title');
  return parts.length ? tr('embed_title_with', { title, filters: parts.join(tr('embed_title_and')) }) : title;
}

// Text inside a double-quoted attribute: « & » and « " » must be escaped; « < » and « > »
// need not be, but are, so that the snippet stays readable as text wherever it is pasted.
export const escapeAttribute = (value) =>
  String(value).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

// The snippet. `allow="fullscreen"` keeps the map's full-screen button. frameborder="0" drops
// the browser's default inset border: obsolete, but honoured everywhere, where a style
// attribute would break the host's Content-Security-Policy if it is as strict as ours.
export function iframeSnippet({ src, title, width, height }) {
  const attributes = [
    ['src', src],
    ['title', title],
    ['width', widthAttribute(width)],
    ['height', String(height)],
    ['loading', 'lazy'],
    ['allow', 'fullscreen'],
    ['frameborder', '0'],
  ];
  return `<iframe ${attributes.map(([name, value]) => `${name}="${escapeAttribute(value)}"`).join(' ')}></iframe>`;
}

// The preview of a frame of `width` × `height` in a `room` {width, height} of CSS pixels: a
// percentage is of the room's width, standing for the host's column; the frame is scaled down,
// never up, to fit. → {width, height, scale}, the frame's own size and its scale.
export function previewFit(width, height, room) {
  const w = width.unit === '%' ? Math.max(1, Math.round((room.width * width.value) / 100)) : width.value;
  const scale = Math.min(1, room.width / w, room.height / height);
  return { width: w, height, scale };
}
