// Places in the panel: the communes and départements the search text names, offered as
// « Autour de Quimper (29) »; « Autour de moi » from the browser's position; what the list is
// sorted from, with a way back; « Dans la zone affichée ». The engine finds the places, sorts
// and measures; this module shows its snapshots and sends the choices.
import { send } from './bridge.js';
import { t } from './i18n.js';

const $ = (id) => document.getElementById(id);

function showPlaces(places) {
  const box = $('places');
  box.replaceChildren();
  places.forEach((place, index) => {
    const li = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'place';
    button.dataset.kind = place.kind;
    button.dataset.code = place.code;
    button.textContent = place.label;
    button.addEventListener('click', () => {
      $('search').value = '';  // the engine lists every catalyseur by distance now
      send({ type: 'around', place: index });
    });
    li.append(button);
    box.append(li);
  });
  box.hidden = places.length === 0;
}

export function showAround(snapshot) {
  if (snapshot.places) showPlaces(snapshot.places);
  if (!snapshot.list) return;
  const around = snapshot.list.around;
  $('around').hidden = !around;
  $('around-label').textContent = around ?? '';
  $('list-in-view').checked = snapshot.list.inView;
}

function aroundMe() {
  const status = $('around-status');
  status.textContent = '';
  if (!navigator.geolocation) {
    status.textContent = t('around_unavailable');
    return;
  }
  // The browser asks the visitor first; nothing is sent anywhere but to the engine.
  navigator.geolocation.getCurrentPosition(
    // The search and filters stay: what they keep is listed by distance.
    (position) => send({ type: 'around', lon: position.coords.longitude, lat: position.coords.latitude }),
    () => { status.textContent = t('around_denied'); },
    { maximumAge: 600_000, timeout: 15_000 },
  );
}

export function wirePlaces() {
  $('around-me').addEventListener('click', aroundMe);
  $('around-clear').addEventListener('click', () => send({ type: 'clearAround' }));
  $('list-in-view').addEventListener('change', (e) => send({ type: 'listInView', on: e.target.checked }));
}
