// The host page's side of web/embed-example.html: it listens to the map's events and sends
// it commands (README « Intégrer la carte dans un site »). Copy it into your site as it is.
const frame = document.getElementById('carte');
// Commands go to the map's origin only, and only the map's frame is listened to.
const MAP_ORIGIN = new URL(frame.src, window.location.href).origin;

function command(type, fields = {}) {
  frame.contentWindow.postMessage({ target: 'catalyseurs', type, ...fields }, MAP_ORIGIN);
}

const $ = (id) => document.getElementById(id);
const status = $('etat');

function note(text) {
  const li = document.createElement('li');
  li.textContent = text;
  $('journal').prepend(li);
}

window.addEventListener('message', (event) => {
  if (event.source !== frame.contentWindow || event.origin !== MAP_ORIGIN) return;
  const message = event.data;
  if (!message || message.source !== 'catalyseurs') return;
  switch (message.type) {
    case 'ready':
      status.textContent = `Carte prête : ${message.matching} catalyseurs affichés sur ${message.total}.`;
      for (const button of document.querySelectorAll('button')) button.disabled = false;
      note(`ready : ${message.total} catalyseurs`);
      break;
    case 'filter':
      status.textContent = `${message.matching} catalyseurs affichés.`;
      note(`filter : ${JSON.stringify(message.filters)}, recherche « ${message.q} », ${message.ids.length} identifiants`);
      break;
    case 'select':
      note(message.id ? `select : fiche « ${message.id} » ouverte` : 'select : fiche fermée');
      break;
    case 'view':
      note(`view : x ${Math.round(message.view.x)}, y ${Math.round(message.view.y)}, échelle ${message.view.scale.toFixed(2)}`);
      break;
    default:
      break;
  }
});

$('lieux-ara').addEventListener('click', () => command('setFilters', { filters: { metiers: ['lieu'], region: ['84'] } }));
$('tout').addEventListener('click', () => {
  command('setFilters', { filters: {} });
  command('search', { q: '' });
});
$('centsept').addEventListener('click', () => command('select', { id: 'le-centsept' }));
$('fermer').addEventListener('click', () => command('select', { id: '' }));
$('ensemble').addEventListener('click', () => command('home'));
$('recherche').addEventListener('submit', (event) => {
  event.preventDefault();
  command('search', { q: $('texte').value });
});
