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

export const GROUPS = ['metiers', 'thematiques', 'structure', 'region'];
export const URL_KEYS = { metiers: 'metier', thematiques: 'theme', structure: 'type', region: 'region' };
const KEPT = ['embed', 'lang', 'panel'];
export const PANEL_VALUES = ['0', 'collapsed'];
const KNOWN = [...Object.values(URL_KEYS), 'q', 'id', 'view', 'vue', ...KEPT];

const list = (raw) => (raw ? raw.split(',').map((s) => s.trim()).filter(Boolean) : []);

// → {filters, q, id, view: {x, y, scale} | null, regional, warnings: [text]}. Values the page
// cannot use are left out, each with a warning; which filter values the data knows is the
// engine's business, not this file's.
export function parseState(search) {
  const params = new URLSearchParams(search);
  const warnings = [];
  const filters = {};
  for (const group of GROUPS) filters[group] = list(params.get(URL_KEYS[group]));
  let view = null;
  const rawView = params.get('view');
  if (rawView !== null) {
    const parts = rawView.split(',');
    const [x, y, scale] = parts.map((p) => (p.trim() === '' ? NaN : Number(p)));
    if (parts.length === 3 && [x, y, scale].every(Number.isFinite) && scale > 0) view = { x, y, scale };
    else warnings.push(`Paramètre view ignoré : « ${rawView} »`);
  }
  const vue = params.get('vue');
  if (vue !== null && vue !== 'regions') warnings.push(`Paramètre vue ignoré : « ${vue} »`);
  const lang = params.get('lang');
  if (lang !== null && lang !== 'fr' && lang !== 'en') warnings.push(`Paramètre lang ignoré : « ${lang} »`);
  const panel = params.get('panel');
  if (panel !== null && !PANEL_VALUES.includes(panel)) warnings.push(`Paramètre panel ignoré : « ${panel} »`);
  for (const key of params.keys()) {
    if (!KNOWN.includes(key)) warnings.push(`Paramètre d’URL inconnu ignoré : « ${key} »`);
  }
  return {
    filters,
    q: params.get('q') ?? '',
    id: params.get('id') ?? '',
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
