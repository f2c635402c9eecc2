// The panel: the search field, the filter groups with their live counts, the result count and
// the results list. It shows the engine's snapshots and sends the user's actions; it keeps no
// copy of the data.
import { send } from './bridge.js';
import { t, valueLabel } from './i18n.js';
import { GROUPS } from './url.js';

const $ = (id) => document.getElementById(id);

let markers = {};  // métier → {colour, shape}, from the engine's style table
let openCard = () => {};

function swatch(metier) {
  const style = markers[metier];
  if (!style) return null;
  const el = document.createElement('span');
  el.className = `swatch ${style.shape}`;
  el.style.background = style.colour;
  el.setAttribute('aria-hidden', 'true');
  return el;
}
export { swatch };

function ticked() {
  const filters = {};
  for (const group of GROUPS) filters[group] = [...document.querySelectorAll(`input[name="${group}"]:checked`)].map((i) => i.value);
  return filters;
}

// {metiers, thematiques, structure, region} → the values the engine did not know.
export function setFilters(filters) {
  const clean = {};
  for (const group of GROUPS) clean[group] = Array.isArray(filters?.[group]) ? filters[group].map(String) : [];
  const { rejected } = send({ type: 'setFilters', filters: clean });
  for (const value of rejected) console.warn(`Filtre ignoré : valeur inconnue « ${value} »`);
  return rejected;
}

// The boxes, once per dataset: one per value the engine counts, in its order.
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
      input.addEventListener('change', () => setFilters(ticked()));
      label.append(input);
      if (group === 'metiers') {
        const s = swatch(facet.value);
        if (s) label.append(s);
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

function showCounts(snapshot) {
  for (const group of GROUPS) {
    const selected = new Set(snapshot.filters[group]);
    const counts = new Map(snapshot.facets[group].map((f) => [f.value, f]));
    for (const input of document.querySelectorAll(`input[name="${group}"]`)) {
      input.checked = selected.has(input.value);
      const facet = counts.get(input.value);
      const label = input.closest('.option');
      label.querySelector('.n').textContent = facet?.n ?? '0';
      label.classList.toggle('empty', !facet?.count && !input.checked);
    }
  }
}

// The results list is one tab stop (a roving tabindex): Tab reaches the entry last focused,
// or the first, and the arrows, Home and End move inside the list.
let activeId = null;

function rove(buttons, to) {
  for (const b of buttons) b.tabIndex = b === to ? 0 : -1;
}

function showList(list, snapshot) {
  const results = $('results');
  const hadFocus = results.contains(document.activeElement);
  results.replaceChildren();
  for (const item of list.items) {
    const li = document.createElement('li');
    li.dataset.id = item.id;
    li.classList.toggle('selected', item.id === snapshot.selected);
    li.classList.toggle('hovered', item.id === snapshot.hovered);
    const button = document.createElement('button');
    button.type = 'button';
    const name = document.createElement('span');
    name.className = 'name';
    name.textContent = item.nom;
    const where = document.createElement('span');
    where.className = 'where';
    where.textContent = item.where;
    if (item.distance) {
      const distance = document.createElement('span');
      distance.className = 'distance';
      distance.textContent = item.distance;
      button.append(distance);
    }
    button.append(name, where);
    button.addEventListener('click', () => openCard(item.id, { focus: true }));
    button.addEventListener('mouseenter', () => send({ type: 'hover', id: item.id }));
    button.addEventListener('mouseleave', () => send({ type: 'hover', id: '' }));
    li.append(button);
    results.append(li);
  }
  if (list.more > 0) {
    const li = document.createElement('li');
    const more = document.createElement('button');
    more.type = 'button';
    more.dataset.more = '';
    more.textContent = list.moreText;
    more.addEventListener('click', () => send({ type: 'showMore' }));
    li.append(more);
    results.append(li);
  }
  const buttons = [...results.querySelectorAll('button')];
  const active = buttons.find((b) => b.closest('li').dataset.id === activeId) ?? buttons[0];
  rove(buttons, active);
  // « Afficher plus » replaced the list under the focus: keep it on the same entry.
  if (hadFocus && active) active.focus();
}

function onListKey(event) {
  const buttons = [...$('results').querySelectorAll('button')];
  const at = buttons.indexOf(event.target);
  if (at < 0) return;
  const to = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: buttons.length - 1 }[event.key];
  if (to === undefined) return;
  event.preventDefault();
  if (to < 0) $('search').focus();
  else if (to < buttons.length) buttons[to].focus();
}

function onListFocus(event) {
  const buttons = [...$('results').querySelectorAll('button')];
  if (!buttons.includes(event.target)) return;
  activeId = event.target.closest('li').dataset.id ?? activeId;
  rove(buttons, event.target);
}

function markList(snapshot) {
  for (const li of document.querySelectorAll('#results li[data-id]')) {
    li.classList.toggle('selected', li.dataset.id === snapshot.selected);
    li.classList.toggle('hovered', li.dataset.id === snapshot.hovered);
  }
}

export function showPanel(snapshot) {
  const changes = new Set(snapshot.changes);
  if (snapshot.dataset) {
    markers = snapshot.dataset.markers;
    $('demo-badge').hidden = !snapshot.dataset.demo;
  }
  if (snapshot.facets) {
    if (changes.has('data')) buildFilters(snapshot.facets);
    showCounts(snapshot);
    const search = $('search');
    if (document.activeElement !== search && search.value !== snapshot.q) search.value = snapshot.q;
    $('count').textContent = snapshot.count;
    $('sheet-count').textContent = snapshot.matchingText;
  }
  if (snapshot.list) showList(snapshot.list, snapshot);
  else if (changes.has('hover') || changes.has('selection')) markList(snapshot);
  $('regional').setAttribute('aria-pressed', snapshot.regional ? 'true' : 'false');
}

export function wirePanel({ onOpenCard }) {
  openCard = onOpenCard;
  const search = $('search');
  search.addEventListener('input', () => send({ type: 'search', q: search.value }));
  search.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' || event.key === 'ArrowDown') {
      const first = document.querySelector('#results button');
      if (first) { first.focus(); event.preventDefault(); }
    }
  });
  $('results').addEventListener('keydown', onListKey);
  $('results').addEventListener('focusin', onListFocus);
  $('filters').addEventListener('submit', (e) => e.preventDefault());
  $('reset').addEventListener('click', () => {
    search.value = '';
    send({ type: 'reset' });
  });
}
