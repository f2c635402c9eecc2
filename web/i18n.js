// The interface's words: assets/strings.json in the page's language (?lang=en, French
// otherwise), looked up by key and filled in. The HTML carries the French text as it is
// before the file arrives; elements with data-i18n* attributes take the file's words.

export const lang = new URLSearchParams(window.location.search).get('lang') === 'en' ? 'en' : 'fr';

let table = null;
let all = null; // every language of the file, for words the page writes for another page

// The file's text, for the engine, which draws some of these words on the map. Null when
// the file cannot be read: the page then keeps its French markup.
export async function loadStrings() {
  try {
    const response = await fetch('strings.json');
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const text = await response.text();
    all = JSON.parse(text);
    table = all[lang] ?? {};
    return text;
  } catch (e) {
    console.warn(`Textes de l’interface indisponibles (strings.json) : ${e.message}`);
    return null;
  }
}

export const haveStrings = () => table !== null;

function fill(s, values) {
  for (const [name, value] of Object.entries(values)) s = s.split(`{${name}}`).join(String(value));
  return s;
}

// The text of `key` with each {name} replaced; the key itself when the file lacks it.
export const t = (key, values = {}) => fill(table?.[key] ?? key, values);

// The same in `language`, which need not be the page's: the embed snippet's title.
export const tIn = (language) => (key, values = {}) => fill(all?.[language]?.[key] ?? key, values);

// One word or its plural form: `key_one` for 1, `key_many` otherwise.
export const plural = (key, n, values = {}) => t(n === 1 ? `${key}_one` : `${key}_many`, { n, ...values });

// `page` names the page's title and description keys: page_title, checker_page_title…
export function applyStrings(page = 'page') {
  document.documentElement.lang = lang;
  // Links between the site's pages keep the language.
  for (const a of document.querySelectorAll('a[data-keep-lang]')) {
    const url = new URL(a.href);
    if (lang !== 'fr') url.searchParams.set('lang', lang);
    a.href = url.href;
  }
  if (!table) return;
  document.title = t(`${page}_title`);
  document.querySelector('meta[name="description"]')?.setAttribute('content', t(`${page}_description`));
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of document.querySelectorAll('[data-i18n-placeholder]')) el.placeholder = t(el.dataset.i18nPlaceholder);
  for (const el of document.querySelectorAll('[data-i18n-title]')) {
    el.title = t(el.dataset.i18nTitle);
    el.setAttribute('aria-label', el.title);
  }
  for (const el of document.querySelectorAll('[data-i18n-aria-label]')) el.setAttribute('aria-label', t(el.dataset.i18nAriaLabel));
}

// The label of a filter value: métiers, thématiques and structures by their key; regions by
// the name the engine gives.
export function valueLabel(group, value, facet) {
  if (group === 'metiers') return t(`metier_${value}`);
  if (group === 'thematiques') return t(`thematique_${value}`);
  if (group === 'structure') return t(`structure_${value}`);
  return facet?.label ?? value;
}
