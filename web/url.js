// The page's address as the map's state (DESIGN §6): pure functions from a query string to a
// state and back, with no access to the page, so that node --test checks them
// (tests/web/url.test.mjs).
//
//   metier, theme, type, region   comma lists of slugs and codes (the four filter groups)
//   q                             search text
//   id                            the open card
//   view                          x,y,scale: plane metres and CSS pixels per plane kilometre
//   vue=regions                   the regional view
//   embed=1, lang=fr|en           how the page is dressed; kept as they are
//   panel=0 | panel=collapsed     the panel hidden, or shown as a closed drawer; kept too
//
// Bounded, since an address is anyone's to write: the whole query at most MAX_QUERY_CHARS,
// MAX_PARAMS parameters, a search of MAX_SEARCH_CHARS, an id or a filter value of
// MAX_VALUE_CHARS, a list of MAX_LIST_ENTRIES values. What goes past a bound is ignored, with
// a warning.

export const GROUPS = ['metiers', 'thematiques', 'structure', 'region'];
export const URL_KEYS = { metiers: 'metier', thematiques: 'theme', structure: 'type', region: 'region' };
const KEPT = ['embed', 'lang', 'panel'];
export const PANEL_VALUES = ['0', 'collapsed'];
const KNOWN = [...Object.values(URL_KEYS), 'q', 'id', 'view', 'vue', ...KEPT];

export const MAX_QUERY_CHARS = 4096;
export const MAX_PARAMS = 32;
// The engine's own bound (core::kMaxSearchChars); the search field's maxlength too.
export const MAX_SEARCH_CHARS = 200;
export const MAX_VALUE_CHARS = 200;
// Four groups of at most 20-odd values each (the regions): room to spare.
export const MAX_LIST_ENTRIES = 40;

// A value as a warning shows it: never more than a line.
export const shorten = (text) => (text.length > 80 ? `${text.slice(0, 79)}…` : text);

// A comma list → its values, or null when it has more than MAX_LIST_ENTRIES.
function list(raw, key, warnings) {
  const values = raw ? raw.split(',').map((s) => s.trim()).filter(Boolean) : [];
  if (values.length > MAX_LIST_ENTRIES) {
    warnings.push(`Paramètre ${key} ignoré : ${values.length} valeurs, ${MAX_LIST_ENTRIES} au plus`);
    return [];
  }
  const tooLong = values.filter((v) => v.length > MAX_VALUE_CHARS);
  for (const v of tooLong) warnings.push(`Valeur de ${key} ignorée : « ${shorten(v)} » (plus de ${MAX_VALUE_CHARS} caractères)`);
  return values.filter((v) => !tooLong.includes(v));
}

// A text parameter, '' when absent or longer than `max`.
function text(params, key, max, warnings) {
  const value = params.get(key) ?? '';
  if (value.length <= max) return value;
  warnings.push(`Paramètre ${key} ignoré : ${value.length} caractères, ${max} au plus`);
  return '';
}

// The first MAX_PARAMS parameters of a query no longer than MAX_QUERY_CHARS.
function boundedParams(search, warnings) {
  const query = search.startsWith('?') ? search.slice(1) : search;
  if (query.length > MAX_QUERY_CHARS) {
    warnings.push(`Adresse ignorée : ${query.length} caractères après « ? », ${MAX_QUERY_CHARS} au plus`);
    return new URLSearchParams();
  }
  const all = [...new URLSearchParams(query)];
  if (all.length > MAX_PARAMS) warnings.push(`Adresse : ${all.length} paramètres, seuls les ${MAX_PARAMS} premiers sont lus`);
  return new URLSearchParams(all.slice(0, MAX_PARAMS));
}

// → {filters, q, id, view: {x, y, scale} | null, regional, warnings: [text]}. Values the page
// cannot use are left out, each with a warning; which filter values the data knows is the
// engine's business, not this file's.
export function parseState(search) {
  const warnings = [];
  const params = boundedParams(String(search ?? ''), warnings);
  const filters = {};
  for (const group of GROUPS) filters[group] = list(params.get(URL_KEYS[group]), URL_KEYS[group], warnings);
  let view = null;
  const rawView = params.get('view');
  if (rawView !== null) {
    const parts = rawView.split(',');
    const [x, y, scale] = parts.map((p) => (p.trim() === '' ? NaN : Number(p)));
    if (parts.length === 3 && [x, y, scale].every(Number.isFinite) && scale > 0) view = { x, y, scale };
    else warnings.push(`Paramètre view ignoré : « ${shorten(rawView)} »`);
  }
  const vue = params.get('vue');
  if (vue !== null && vue !== 'regions') warnings.push(`Paramètre vue ignoré : « ${shorten(vue)} »`);
  const lang = params.get('lang');
  if (lang !== null && lang !== 'fr' && lang !== 'en') warnings.push(`Paramètre lang ignoré : « ${shorten(lang)} »`);
  const panel = params.get('panel');
  if (panel !== null && !PANEL_VALUES.includes(panel)) warnings.push(`Paramètre panel ignoré : « ${shorten(panel)} »`);
  for (const key of params.keys()) {
    if (!KNOWN.includes(key)) warnings.push(`Paramètre d’URL inconnu ignoré : « ${shorten(key)} »`);
  }
  return {
    filters,
    q: text(params, 'q', MAX_SEARCH_CHARS, warnings),
    id: text(params, 'id', MAX_VALUE_CHARS, warnings),
    view,
    regional: vue === 'regions',
    warnings,
  };
}

// The view as the URL keeps it: whole metres, four significant digits of scale.
export const formatView = (v) => `${Math.round(v.x)},${Math.round(v.y)},${Number(v.scale).toPrecision(4)}`;

// The query string (with its « ? », or '' when empty) for `state` = {filters, q, selected,
// regional, view}; the view only when `withView`. embed, lang and panel are carried over from
// `current`, everything else is replaced.
export function serialiseState(state, { current = '', withView = false } = {}) {
  const params = new URLSearchParams();
  for (const [key, value] of new URLSearchParams(current)) if (KEPT.includes(key)) params.append(key, value);
  for (const group of GROUPS) if (state.filters?.[group]?.length) params.set(URL_KEYS[group], state.filters[group].join(','));
  if (state.q) params.set('q', state.q);
  if (state.selected) params.set('id', state.selected);
  if (state.regional) params.set('vue', 'regions');
  if (withView && state.view) params.set('view', formatView(state.view));
  const text = params.toString();
  return text ? `?${text}` : '';
}

// The link « Copier le lien » gives: what the address shows (filters, search, card, regional
// view, language), with the view always, so that the link opens the map as it is seen. Not
// embed=1: whoever opens a shared link gets the whole page, even when it was copied in a frame.
export function shareSearch(state, current = '') {
  const kept = new URLSearchParams(current);
  kept.delete('embed');
  return serialiseState(state, { current: kept.toString(), withView: true });
}
