// The card (« fiche ») of the selected catalyseur, drawn from the engine's snapshot: name,
// type, place, métiers, territory, description, thématiques, website, and a link that
// gives the whole state around it.
import { send } from './bridge.js';
import { t } from './i18n.js';
import { swatch } from './panel.js';
import { shareSearch } from './url.js';

const $ = (id) => document.getElementById(id);

let returnFocus = null;

function isWebUrl(url) {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch (e) {
    return false;
  }
}

// Opens the card of `id`; false for an id the data does not have.
export function openCard(id, { focus = false } = {}) {
  returnFocus = document.activeElement;
  if (!send({ type: 'select', id }).ok) {
    console.warn(`Catalyseur inconnu : « ${id} »`);
    return false;
  }
  if (focus) $('card-title').focus();
  return true;
}

export function closeCard() {
  const back = returnFocus;  // the snapshot of the closing forgets it
  send({ type: 'select', id: '' });
  if (back && document.contains(back)) back.focus();
}

function fill(p) {
  $('card-title').textContent = p.nom;
  $('card-title').tabIndex = -1;
  $('card-meta').textContent = [t(`structure_${p.structure}`), p.commune, p.regionName].join(' · ');
  $('card-demo').hidden = !p.demo;
  const metiers = $('card-metiers');
  metiers.replaceChildren();
  for (const m of p.metiers) {
    const li = document.createElement('li');
    const s = swatch(m);
    if (s) li.append(s);
    li.append(t(`metier_${m}`));
    metiers.append(li);
  }
  $('card-territoire').textContent = p.territoire ? t('card_territoire_line', { territoire: p.territoire }) : '';
  $('card-description').textContent = p.description || '';
  const themes = $('card-thematiques');
  themes.replaceChildren();
  for (const th of p.thematiques) {
    const li = document.createElement('li');
    li.textContent = t(`thematique_${th}`);
    themes.append(li);
  }
  const site = $('card-site');
  // The engine already refuses anything but http(s); checked again where the link is made.
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
}

export function showCard(snapshot) {
  if (!('card' in snapshot)) return;
  const card = $('card');
  if (!snapshot.card) {
    card.hidden = true;
    returnFocus = null;
    return;
  }
  // A card the map opened (a click, Enter on the map): focus goes back there on closing.
  if (card.hidden && !returnFocus) returnFocus = document.activeElement;
  fill(snapshot.card);
  card.hidden = false;
  $('panel').classList.remove('open');
}

// `state`, the last snapshot, holds the open card with the filters, search and view around it.
async function copyLink(state) {
  const url = new URL(window.location.href);
  url.search = shareSearch(state, window.location.search);
  url.hash = '';
  try {
    await navigator.clipboard.writeText(url.toString());
  } catch (e) {
    // Without clipboard permission, select the link in a prompt-free way: a hidden field.
    const field = document.createElement('textarea');
    field.value = url.toString();
    field.setAttribute('readonly', '');
    field.className = 'visually-hidden';
    document.body.append(field);
    field.select();
    document.execCommand('copy');
    field.remove();
  }
  $('card-copied').textContent = t('card_link_copied');
}

export function wireCard(currentState) {
  $('card-close').addEventListener('click', closeCard);
  $('card-copy').addEventListener('click', () => { const state = currentState(); if (state?.selected) copyLink(state); });
  // Esc closes the card from anywhere but the map, whose own Esc folds a fan first.
  document.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape' || $('card').hidden || event.target === $('canvas') || event.defaultPrevented) return;
    if (event.target.closest?.('dialog[open]')) return;
    event.preventDefault();  // in the search field, Esc would also clear it
    closeCard();
  });
}
