// The host API (DESIGN §6, README « Intégrer la carte dans un site »): the map, served on one
// origin, framed by a host page on a second origin, with an intruding frame from a third. The
// host hears ready, filter, select and view from the map's origin; its commands act like the
// user's; the intruder's change nothing; bad messages are warned about; embed.json can list
// the allowed origins; the server's frame-ancestors decides who may frame the map at all.
// Expected values come from the data file (support.mjs), never from the page under test.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { startServer } from '../../scripts/serve.mjs';
import { REPO_ROOT, SITE_DIR, expectedIds, loadDataset, openPage, saveScreenshot, settleFrames, sharedPage, waitReady, waitViewStill } from './support.mjs';

const features = loadDataset().features;
const byId = new Map(features.map((f) => [f.properties.id, f.properties]));
const EMPTY = { metiers: [], thematiques: [], structure: [], region: [] };
const sorted = (values) => [...values].sort();
const sortedFilters = (filters) => Object.fromEntries(Object.entries(filters).map(([g, v]) => [g, sorted(v)]));

// The host pages, one server on two ports: the host's origin and the intruder's.
function hostHtml(params) {
  const map = params.get('map');
  const intruder = params.get('intruder');
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Page hôte</title>
<script>
window.__events = [];
addEventListener('message', (e) => {
  const frame = document.getElementById('map');
  window.__events.push({ data: e.data, origin: e.origin, fromMap: !!frame && e.source === frame.contentWindow });
});
window.command = (data) => document.getElementById('map').contentWindow.postMessage(data, ${JSON.stringify(new URL(map).origin)});
</script></head><body>
<iframe id="map" src="${map.replace(/"/g, '&quot;')}" title="Carte des catalyseurs territoriaux" width="960" height="640"></iframe>
${intruder ? `<iframe id="intruder" src="${intruder}/intruder.html" title="Intrus" width="120" height="60"></iframe>` : ''}
${params.has('early') ? `<script>
document.getElementById('map').addEventListener('load', () => {
  window.command({ target: 'catalyseurs', type: 'setFilters', filters: { metiers: ['lieu'] } });
  window.__earlyPosted = true;
});
</script>` : ''}
</body></html>`;
}

function startHostServer() {
  const handler = (req, res) => {
    const url = new URL(req.url, 'http://host');
    if (url.pathname === '/host.html') {
      let html = hostHtml(url.searchParams);
      // A host with an opaque origin, which the map cannot address: a data: frame (a
      // sandboxed page would sandbox the map too, which then cannot load its modules).
      if (url.searchParams.has('opaque')) html = `<!doctype html><title>Page</title><iframe id="outer" width="1000" height="700" src="data:text/html;base64,${Buffer.from(html).toString('base64')}"></iframe>`;
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(html);
    } else if (url.pathname === '/intruder.html') {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end('<!doctype html><title>Intrus</title><p>intrus</p>');
    } else {
      res.writeHead(404).end();
    }
  };
  const listen = () => new Promise((resolve) => { const s = createServer(handler); s.listen(0, '127.0.0.1', () => resolve(s)); });
  return Promise.all([listen(), listen()]);
}

const shared = sharedPage(null);
let servers = [];
let MAP;
let HOST;
let INTRUDER;

before(async () => {
  await shared.ready();
  servers = await startHostServer();
  MAP = shared.site.origin;
  [HOST, INTRUDER] = servers.map((s) => `http://127.0.0.1:${s.address().port}`);
  assert.equal(new Set([MAP, HOST, INTRUDER]).size, 3, 'three origins');
});
after(() => Promise.all(servers.map((s) => new Promise((r) => { s.closeAllConnections(); s.close(r); }))));

// A host page framing the map (at `mapPath`). `config`: embed.json's text as the map's server
// would send it (undefined: the shipped file; null: no file). `early`: the host posts a
// command as soon as the map's document has loaded, and the map's data waits for it.
async function openHost(options = {}) {
  const opened = await openHostPage(options);
  try {
    return await findFrames(opened, options);
  } catch (e) {
    await opened.close();
    throw e;
  }
}

function openHostPage({ mapPath = '/', config, opaque = false, intruder = false, early = false, mapOrigin = MAP } = {}) {
  const params = new URLSearchParams({ map: mapOrigin + mapPath });
  if (intruder) params.set('intruder', INTRUDER);
  if (opaque) params.set('opaque', '1');
  if (early) params.set('early', '1');
  return openPage(shared.browser, HOST, {
    path: `/host.html?${params}`,
    setup: async (page, context) => {
      if (config !== undefined) {
        await context.route(`${mapOrigin}/embed.json`, (route) => route.fulfill(config === null
          ? { status: 404, body: '' }
          : { status: 200, contentType: 'application/json', body: config }));
      }
      // What a server that sends no frame-ancestors at all would send: the only way a page
      // with an opaque origin may frame the map (no source list matches an opaque origin).
      if (opaque) {
        await context.route(`${mapOrigin}/`, async (route) => {
          const response = await route.fetch();
          const headers = response.headers();
          headers['content-security-policy'] = headers['content-security-policy'].replace(/; frame-ancestors [^;]*/, '');
          await route.fulfill({ response, headers });
        });
      }
      if (early) {
        await context.route(`${mapOrigin}/data/catalyseurs.geojson`, async (route) => {
          await page.waitForFunction(() => window.__earlyPosted === true, null, { timeout: 30_000 });
          await route.continue();
        });
      }
    },
  });
}

async function findFrames(opened, { opaque = false, intruder = false, mapOrigin = MAP }) {
  const { page } = opened;
  const frameOf = (prefix) => page.frames().find((f) => f.url().startsWith(prefix));
  let map;
  for (let i = 0; i < 200 && !(map = frameOf(`${mapOrigin}/`)); i++) await new Promise((r) => setTimeout(r, 50));
  assert.ok(map, 'the map frame must load');
  await waitReady(map);
  // `frame` is the host: the page itself, or its data: frame.
  const frame = opaque ? frameOf('data:') : page.mainFrame();
  return { ...opened, frame, map, intruder: intruder ? frameOf(`${INTRUDER}/`) : null };
}

const events = (frame) => frame.evaluate(() => window.__events);
const mapState = (map) => map.evaluate(() => window.catalyseurs.state());

// The events that arrived after the first `from`, once `count` of them have.
async function eventsAfter(frame, from, count = 1, timeout = 10_000) {
  await frame.waitForFunction(([n, c]) => window.__events.length >= n + c, [from, count], { timeout });
  return (await events(frame)).slice(from);
}

// Waits long enough for a debounced view event, or any event, to have arrived had it been sent.
const quiet = async (host) => { await settleFrames(host.map, 6); await host.page.waitForTimeout(400); };

describe('a host page on another origin', () => {
  let host;
  let homeView;
  before(async () => {
    host = await openHost({ intruder: true });
    homeView = (await mapState(host.map)).view;
  });
  after(() => host?.close());

  test('ready: once, first, from the map\'s frame and origin, with the data\'s counts', async () => {
    await host.frame.waitForFunction(() => window.__events.length >= 1);
    await quiet(host);
    const all = await events(host.frame);
    assert.deepEqual(all.map((e) => e.data.type), ['ready'], 'nothing but ready before the host acts');
    assert.deepEqual(all[0].data, { source: 'catalyseurs', type: 'ready', total: features.length, matching: features.length });
    assert.equal(all[0].origin, MAP);
    assert.equal(all[0].fromMap, true);
  });

  test('setFilters: the boxes are ticked and a filter event lists every matching id', async () => {
    const from = (await events(host.frame)).length;
    const filters = { metiers: ['lieu', 'dialogue'], region: ['84', '11'] };
    await host.frame.evaluate((f) => window.command({ target: 'catalyseurs', type: 'setFilters', filters: f }), filters);
    const [event] = await eventsAfter(host.frame, from);
    const wanted = { ...EMPTY, ...filters };
    const ids = expectedIds(features, wanted, '');
    assert.ok(ids.length > 0 && ids.length < features.length, 'a filter that keeps some');
    assert.equal(event.origin, MAP);
    assert.deepEqual(Object.keys(event.data).sort(), ['filters', 'ids', 'matching', 'q', 'source', 'type']);
    assert.equal(event.data.type, 'filter');
    assert.deepEqual(sortedFilters(event.data.filters), sortedFilters(wanted));
    assert.equal(event.data.q, '');
    assert.equal(event.data.matching, ids.length);
    assert.deepEqual(sorted(event.data.ids), sorted(ids));
    const ticked = await host.map.evaluate(() => [...document.querySelectorAll('#filters input:checked')].map((i) => `${i.name}=${i.value}`));
    assert.deepEqual(sorted(ticked), sorted(['metiers=lieu', 'metiers=dialogue', 'region=84', 'region=11']));
    assert.deepEqual(sortedFilters((await mapState(host.map)).filters), sortedFilters(wanted));
  });

  test('search: fills the field and narrows the ids', async () => {
    const from = (await events(host.frame)).length;
    const state = await mapState(host.map);
    const q = 'lyon';
    await host.frame.evaluate((text) => window.command({ target: 'catalyseurs', type: 'search', q: text }), q);
    const [event] = await eventsAfter(host.frame, from);
    const ids = expectedIds(features, state.filters, q);
    assert.equal(event.data.type, 'filter');
    assert.equal(event.data.q, q);
    assert.deepEqual(sorted(event.data.ids), sorted(ids));
    assert.equal(event.data.matching, ids.length);
    assert.equal(await host.map.inputValue('#search'), q);
  });

  test('the user\'s own actions in the frame are told too', async () => {
    await host.frame.evaluate(() => window.command({ target: 'catalyseurs', type: 'search', q: '' }));
    await quiet(host);
    const from = (await events(host.frame)).length;
    await host.map.uncheck('input[name="metiers"][value="dialogue"]');
    const [event] = await eventsAfter(host.frame, from);
    const wanted = { ...EMPTY, metiers: ['lieu'], region: ['84', '11'] };
    assert.deepEqual(sortedFilters(event.data.filters), sortedFilters(wanted));
    assert.deepEqual(sorted(event.data.ids), sorted(expectedIds(features, wanted, '')));
  });

  test('select: opens the card, and \'\' closes it, each told by a select event', async () => {
    // Opening a card may also move the view, to bring the marker out of the card's way: that is told
    // as a view event, so the select events are looked for among the others.
    const selectsSince = async (from, count) => {
      await host.frame.waitForFunction(([n, c]) => window.__events.slice(n).filter((e) => e.data.type === 'select').length >= c,
        [from, count], { timeout: 10_000 });
      return (await events(host.frame)).slice(from).filter((e) => e.data.type === 'select');
    };
    const id = 'le-centsept';
    let from = (await events(host.frame)).length;
    await host.frame.evaluate((i) => window.command({ target: 'catalyseurs', type: 'select', id: i }), id);
    let [event] = await selectsSince(from, 1);
    assert.deepEqual(event.data, { source: 'catalyseurs', type: 'select', id });
    await host.map.locator('#card').waitFor({ state: 'visible', timeout: 5_000 });
    assert.equal(await host.map.textContent('#card-title'), byId.get(id).nom);
    await quiet(host);
    from = (await events(host.frame)).length;
    await host.frame.evaluate(() => window.command({ target: 'catalyseurs', type: 'select', id: '' }));
    [event] = await selectsSince(from, 1);
    assert.deepEqual(event.data, { source: 'catalyseurs', type: 'select', id: '' });
    await host.map.locator('#card').waitFor({ state: 'hidden', timeout: 5_000 });
    await quiet(host);
    // An unknown id changes nothing and says so.
    const warnings = host.log.warnings.length;
    from = (await events(host.frame)).length;
    await host.frame.evaluate(() => window.command({ target: 'catalyseurs', type: 'select', id: 'inconnu' }));
    await quiet(host);
    assert.equal((await events(host.frame)).length, from, 'no event for an unknown id');
    assert.ok(host.log.warnings.slice(warnings).some((w) => w.includes('inconnu')), 'the map warns about the unknown id');
  });

  test('view: told once the view settles, with the view the map shows; home brings the overview back', async () => {
    await quiet(host);
    const viewsSince = async (from) => (await events(host.frame)).slice(from).filter((e) => e.data.type === 'view');
    // Five zooms in one go: five snapshots that move the view, one event.
    let from = (await events(host.frame)).length;
    await host.map.evaluate(() => { for (let i = 0; i < 5; i++) document.getElementById('zoom-in').click(); });
    await quiet(host);
    let views = await viewsSince(from);
    assert.equal(views.length, 1, `five zooms at once are told in one event: ${views.length}`);
    assert.equal(views[0].origin, MAP);
    assert.deepEqual(Object.keys(views[0].data).sort(), ['source', 'type', 'view']);
    assert.deepEqual(views[0].data.view, (await mapState(host.map)).view);
    assert.ok(views[0].data.view.scale > homeView.scale * 5, 'the zooms are in the view');

    // A drag, one snapshot per frame: the last event has the view the drag ended at.
    from = (await events(host.frame)).length;
    const box = await host.map.locator('#canvas').boundingBox();
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
    await host.page.mouse.move(cx, cy);
    await host.page.mouse.down();
    for (let i = 1; i <= 12; i++) await host.page.mouse.move(cx - i * 15, cy - i * 5);
    await host.page.mouse.up();
    const still = await waitViewStill(host.map);
    await quiet(host);
    views = await viewsSince(from);
    assert.ok(views.length >= 1, 'the drag is told');
    assert.deepEqual(views.at(-1).data.view, still);

    from = (await events(host.frame)).length;
    await host.frame.evaluate(() => window.command({ target: 'catalyseurs', type: 'home' }));
    const back = await waitViewStill(host.map);
    for (const k of ['x', 'y', 'scale']) assert.ok(Math.abs(back[k] - homeView[k]) <= 1e-6 * Math.abs(homeView[k]), `home: ${k} ${back[k]} vs ${homeView[k]}`);
    await quiet(host);
    views = await viewsSince(from);
    assert.equal(views.length, 1);
    assert.deepEqual(views[0].data.view, back);
  });

  test('window.catalyseurs has the same commands, home included', async () => {
    await host.map.click('#zoom-in');
    await waitViewStill(host.map);
    await host.map.evaluate(() => window.catalyseurs.home());
    const back = await waitViewStill(host.map);
    assert.ok(Math.abs(back.scale - homeView.scale) <= 1e-6 * homeView.scale, 'catalyseurs.home() shows the overview');
  });

  test('an intruding frame on a third origin changes nothing, and the map warns', async () => {
    await quiet(host);
    const stateBefore = await mapState(host.map);
    const from = (await events(host.frame)).length;
    const warnings = host.log.warnings.length;
    const attacks = [
      { target: 'catalyseurs', type: 'setFilters', filters: { metiers: ['experimentation'] } },
      { target: 'catalyseurs', type: 'search', q: 'paris' },
      { target: 'catalyseurs', type: 'select', id: 'face-paris' },
      { target: 'catalyseurs', type: 'home' },
    ];
    assert.equal(new URL(host.intruder.url()).origin, INTRUDER);
    for (const attack of attacks) {
      // The map's window is reachable from a sibling frame; both target forms are tried.
      await host.intruder.evaluate(([a, origin]) => { window.parent.frames[0].postMessage(a, '*'); window.parent.frames[0].postMessage(a, origin); }, [attack, MAP]);
    }
    await quiet(host);
    assert.deepEqual(await mapState(host.map), stateBefore, 'the intruder changed the map');
    assert.equal((await events(host.frame)).length, from, 'no event follows');
    const said = host.log.warnings.slice(warnings).filter((w) => w.includes('ne vient pas de la page qui encadre la carte') && w.includes(INTRUDER));
    assert.equal(said.length, attacks.length * 2, `one warning per intruding message:\n${host.log.warnings.slice(warnings).join('\n')}`);
    assert.deepEqual(host.log.pageErrors, []);
  });

  test('bad messages from the host are warned about, never fatal', async () => {
    const stateBefore = await mapState(host.map);
    const from = (await events(host.frame)).length;
    const warnings = host.log.warnings.length;
    const bad = [
      'home', null, 42, [1, 2], {},
      { type: 'home' },
      { target: 'autre', type: 'home' },
      { source: 'catalyseurs', type: 'ready', total: 1, matching: 1 },
      { target: 'catalyseurs', type: 'zoom', factor: 2 },
      { target: 'catalyseurs', type: '__proto__' },
      { target: 'catalyseurs', type: 'setFilters', filters: 'lieu' },
      { target: 'catalyseurs', type: 'setFilters', filters: { metiers: 'lieu' } },
      { target: 'catalyseurs', type: 'setFilters', filters: { couleur: ['bleu'] } },
      { target: 'catalyseurs', type: 'search', q: { text: 'lyon' } },
      { target: 'catalyseurs', type: 'select', id: 7 },
    ];
    for (const data of bad) await host.frame.evaluate((d) => window.command(d), data);
    // A structured clone the map cannot print: a cycle.
    await host.frame.evaluate(() => { const c = { target: 'catalyseurs', type: 'setFilters' }; c.filters = { metiers: [c] }; window.command(c); });
    await quiet(host);
    const said = host.log.warnings.slice(warnings).filter((w) => w.startsWith('Commande de la page hôte ignorée'));
    assert.equal(said.length, bad.length + 1, `one warning per bad message:\n${host.log.warnings.slice(warnings).join('\n')}`);
    assert.deepEqual(await mapState(host.map), stateBefore, 'a bad message changed the map');
    assert.equal((await events(host.frame)).length, from);
    assert.deepEqual(host.log.pageErrors, []);
    // An unknown filter value is the engine's to refuse, as from the address.
    await host.frame.evaluate(() => window.command({ target: 'catalyseurs', type: 'setFilters', filters: { metiers: ['inconnu', 'lieu'] } }));
    await host.frame.waitForFunction(() => window.__events.at(-1).data.type === 'filter');
    assert.ok(host.log.warnings.some((w) => w.includes('« inconnu »')));
    // And the map still obeys.
    await host.frame.evaluate(() => window.command({ target: 'catalyseurs', type: 'setFilters', filters: {} }));
    await host.map.waitForFunction(() => window.catalyseurs.state().matching === window.catalyseurs.state().total);
  });
});

describe('before the map is ready', () => {
  test('a command sent early waits for the map, after ready', async () => {
    const host = await openHost({ early: true });
    try {
      await host.frame.waitForFunction(() => window.__events.length >= 2);
      const [ready, filter] = await events(host.frame);
      assert.equal(ready.data.type, 'ready');
      assert.equal(filter.data.type, 'filter');
      assert.deepEqual(sorted(filter.data.ids), sorted(expectedIds(features, { ...EMPTY, metiers: ['lieu'] }, '')));
      assert.deepEqual((await mapState(host.map)).filters.metiers, ['lieu']);
    } finally {
      await host.close();
    }
  });
});

describe('embed.json', () => {
  const command = { target: 'catalyseurs', type: 'setFilters', filters: { metiers: ['lieu'] } };

  async function commandWorks(host) {
    await host.frame.evaluate((c) => window.command(c), command);
    await quiet(host);
    return (await mapState(host.map)).filters.metiers.includes('lieu');
  }

  test('allowed origins that leave the host out: its commands are refused, it hears nothing', async () => {
    const host = await openHost({ config: JSON.stringify({ allowedOrigins: [INTRUDER] }) });
    try {
      assert.equal(await commandWorks(host), false, 'the command was carried out');
      assert.ok(host.log.warnings.some((w) => w.includes(`« ${HOST} » n’est pas dans allowedOrigins`) && w.startsWith('Commande refusée')), host.log.warnings.join('\n'));
      assert.ok(host.log.warnings.some((w) => w.includes('ne lui envoie pas d’événements')), 'the map says why the host hears nothing');
      assert.deepEqual(await events(host.frame), []);
    } finally {
      await host.close();
    }
  });

  test('allowed origins that list the host: commands and events', async () => {
    const host = await openHost({ config: JSON.stringify({ allowedOrigins: [INTRUDER, HOST] }) });
    try {
      assert.equal(await commandWorks(host), true);
      assert.deepEqual((await events(host.frame)).map((e) => e.data.type), ['ready', 'filter']);
    } finally {
      await host.close();
    }
  });

  test('no embed.json: any framing page may command; an unreadable one: none may', async () => {
    const open = await openHost({ config: null });
    try {
      assert.equal(await commandWorks(open), true);
      assert.deepEqual(open.log.warnings, []);
    } finally {
      await open.close();
    }
    const broken = await openHost({ config: '{"allowedOrigins": [' });
    try {
      assert.equal(await commandWorks(broken), false);
      assert.ok(broken.log.warnings.some((w) => w.startsWith('embed.json illisible')), broken.log.warnings.join('\n'));
      assert.deepEqual(await events(broken.frame), []);
    } finally {
      await broken.close();
    }
  });

  test('a host with an opaque origin hears nothing unless postToAnyOrigin', async () => {
    const closed = await openHost({ opaque: true });
    try {
      assert.equal(await commandWorks(closed), true, 'its commands still come from the parent window');
      assert.deepEqual(await events(closed.frame), [], 'events must not go to « * »');
      assert.ok(closed.log.warnings.some((w) => w.startsWith('Origine de la page hôte inconnue')), closed.log.warnings.join('\n'));
    } finally {
      await closed.close();
    }
    const open = await openHost({ opaque: true, config: JSON.stringify({ postToAnyOrigin: true }) });
    try {
      await open.frame.waitForFunction(() => window.__events.length >= 1);
      const [ready] = await events(open.frame);
      assert.equal(ready.data.type, 'ready');
      assert.equal(ready.origin, MAP);
    } finally {
      await open.close();
    }
  });
});

describe('the copy-paste example', () => {
  test('web/embed-example.html frames the map, hears it and commands it', async () => {
    const opened = await openPage(shared.browser, MAP, { path: '/embed-example.html', viewport: { width: 1100, height: 900 } });
    try {
      const { page } = opened;
      await page.locator('#etat').filter({ hasText: 'Carte prête' }).waitFor({ timeout: 60_000 });
      assert.equal(await page.textContent('#etat'), `Carte prête : ${features.length} catalyseurs affichés sur ${features.length}.`);
      await page.click('#lieux-ara');
      const n = expectedIds(features, { ...EMPTY, metiers: ['lieu'], region: ['84'] }, '').length;
      await page.locator('#etat').filter({ hasText: `${n} catalyseurs affichés.` }).waitFor({ timeout: 10_000 });
      await page.click('#centsept');
      const map = page.frames().find((f) => f.url().startsWith(`${MAP}/?embed=1`));
      await map.locator('#card').waitFor({ state: 'visible', timeout: 5_000 });
      await page.locator('#journal li').filter({ hasText: 'select : fiche « le-centsept » ouverte' }).waitFor({ timeout: 5_000 });
      await saveScreenshot(page, 'embed-example');
      assert.deepEqual(opened.log.consoleErrors, []);
      assert.deepEqual(opened.log.pageErrors, []);
    } finally {
      await opened.close();
    }
  });
});

describe('frame-ancestors', () => {
  test('any origin by default; a server told otherwise cannot be framed elsewhere', async () => {
    const response = await fetch(`${MAP}/`);
    assert.match(response.headers.get('content-security-policy'), /(^|; )frame-ancestors \*($|;)/);
    const strict = await startServer(SITE_DIR, { port: 0, quiet: true, frameAncestors: "'self'" });
    const origin = `http://127.0.0.1:${strict.address().port}`;
    try {
      const page = await openPage(shared.browser, HOST, { path: `/host.html?${new URLSearchParams({ map: `${origin}/` })}` });
      try {
        await page.page.waitForTimeout(1500);
        const framed = page.page.frames().find((f) => f.url().startsWith(`${origin}/`));
        const loaded = framed ? await framed.evaluate(() => typeof window.catalyseurs).catch(() => 'blocked') : 'blocked';
        assert.notEqual(loaded, 'object', 'the map must not run in a frame its server forbids');
        assert.ok(page.log.consoleErrors.some((e) => e.includes('frame-ancestors')), page.log.consoleErrors.join('\n'));
      } finally {
        await page.close();
      }
    } finally {
      strict.closeAllConnections();
      await new Promise((r) => strict.close(r));
    }
  });

  test('the command line takes --frame-ancestors and FRAME_ANCESTORS, and refuses a value that would break the header', async () => {
    const serve = (args, env = {}) => new Promise((resolve) => {
      const child = spawn(process.execPath, ['scripts/serve.mjs', SITE_DIR, '--port', '0', ...args], { cwd: REPO_ROOT, env: { ...process.env, ...env } });
      let out = '';
      let err = '';
      child.stdout.on('data', async (d) => {
        out += d;
        const m = out.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
        if (!m) return;
        const policy = (await fetch(m[0])).headers.get('content-security-policy');
        child.kill();
        resolve({ policy });
      });
      child.stderr.on('data', (d) => { err += d; });
      child.on('exit', (code) => resolve({ code, err }));
    });
    assert.match((await serve(['--frame-ancestors', "'self' https://www.exemple.fr"])).policy, /frame-ancestors 'self' https:\/\/www\.exemple\.fr$/);
    assert.match((await serve([], { FRAME_ANCESTORS: "'none'" })).policy, /frame-ancestors 'none'$/);
    const bad = await serve(['--frame-ancestors', "'self'; script-src *"]);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /frame-ancestors invalide/);
  });
});
