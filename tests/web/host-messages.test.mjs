// The host API's pure half, web/host-messages.js, without a browser: embed.json, the
// parent's origin, where events may go, and which commands are well formed.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CLOSED_CONFIG, OPEN_CONFIG, allowsOrigin, canonicalOrigin, eventTarget, parentOrigin, readCommand, readConfig } from '../../web/host-messages.js';

const HOST = 'https://www.exemple.fr';
const config = (json) => readConfig({ status: 200, text: JSON.stringify(json) });

describe('readConfig', () => {
  test('no embed.json: any framing page, events to its origin only', () => {
    assert.deepEqual(readConfig({ status: 404, text: '' }), { config: { allowedOrigins: null, postToAnyOrigin: false }, warnings: [] });
  });

  test('the shipped default reads as no restriction', () => {
    assert.deepEqual(config({ allowedOrigins: '*', postToAnyOrigin: false }), { config: OPEN_CONFIG, warnings: [] });
    assert.deepEqual(config({}), { config: OPEN_CONFIG, warnings: [] });
  });

  test('a list of origins, with the bad entries left out and warned about', () => {
    const { config: c, warnings } = config({ allowedOrigins: [HOST, 'http://127.0.0.1:8080', 'https://exemple.fr/', 'exemple.fr', 'https://a.fr/carte', 'javascript:alert(1)', 12], postToAnyOrigin: true });
    assert.deepEqual(c, { allowedOrigins: [HOST, 'http://127.0.0.1:8080'], postToAnyOrigin: true });
    assert.equal(warnings.length, 5);
    assert.ok(warnings.every((w) => w.startsWith('embed.json : origine ignorée')), warnings.join('\n'));
  });

  test('an empty list allows no host', () => {
    assert.deepEqual(config({ allowedOrigins: [] }).config.allowedOrigins, []);
  });

  test('unknown keys and a postToAnyOrigin that is not a boolean are warned about; it stays false', () => {
    const { config: c, warnings } = config({ allowedOrigins: [HOST], postToAnyOrigin: 'yes', autre: 1 });
    assert.deepEqual(c, { allowedOrigins: [HOST], postToAnyOrigin: false });
    assert.equal(warnings.length, 2);
  });

  test('a file that cannot be read closes the map to every host, with one warning', () => {
    for (const answer of [
      { status: 200, text: '{ "allowedOrigins": [' },
      { status: 200, text: '[]' },
      { status: 200, text: 'null' },
      { status: 200, text: '{"allowedOrigins": "https://www.exemple.fr"}' },
      { status: 500, text: '' },
      { status: 403, text: '' },
      { status: 0, text: '' },
    ]) {
      const { config: c, warnings } = readConfig(answer);
      assert.deepEqual(c, CLOSED_CONFIG, JSON.stringify(answer));
      assert.equal(warnings.length, 1, JSON.stringify(answer));
      assert.match(warnings[0], /^embed\.json .*aucune commande/);
    }
  });
});

describe('origins', () => {
  test('canonicalOrigin takes exactly what event.origin looks like', () => {
    assert.equal(canonicalOrigin('https://exemple.fr'), 'https://exemple.fr');
    assert.equal(canonicalOrigin('http://localhost:8080'), 'http://localhost:8080');
    for (const bad of ['https://exemple.fr/', 'HTTPS://exemple.fr', 'https://exemple.fr:443', 'null', '*', '', 'file:///tmp', undefined]) {
      assert.equal(canonicalOrigin(bad), null, String(bad));
    }
  });

  test('the parent is ancestorOrigins[0] when the browser gives it, whatever the referrer', () => {
    assert.equal(parentOrigin({ ancestorOrigins: [HOST, 'https://top.fr'], referrer: 'https://autre.fr/page' }), HOST);
    // An opaque origin (a sandboxed host page): no message can be addressed to it.
    assert.equal(parentOrigin({ ancestorOrigins: ['null'], referrer: 'https://autre.fr/page' }), null);
  });

  test('else the referrer\'s origin, else unknown', () => {
    assert.equal(parentOrigin({ ancestorOrigins: undefined, referrer: `${HOST}/partenaires/carte?x=1` }), HOST);
    assert.equal(parentOrigin({ ancestorOrigins: [], referrer: `${HOST}/` }), HOST);
    assert.equal(parentOrigin({ ancestorOrigins: undefined, referrer: '' }), null);
    assert.equal(parentOrigin({ ancestorOrigins: undefined, referrer: 'pas une adresse' }), null);
  });

  test('commands: any origin without a list, only the listed ones with one', () => {
    assert.equal(allowsOrigin(OPEN_CONFIG, 'https://nimporte.fr'), true);
    const listed = { allowedOrigins: [HOST], postToAnyOrigin: false };
    assert.equal(allowsOrigin(listed, HOST), true);
    assert.equal(allowsOrigin(listed, 'https://exemple.fr'), false);
    assert.equal(allowsOrigin(listed, 'null'), false);
    assert.equal(allowsOrigin(CLOSED_CONFIG, HOST), false);
  });

  test('events go to the parent\'s origin, never to « * » unless embed.json says so and the origin is unknown', () => {
    const any = { allowedOrigins: null, postToAnyOrigin: true };
    const listed = { allowedOrigins: [HOST], postToAnyOrigin: true };
    assert.equal(eventTarget(OPEN_CONFIG, HOST), HOST);
    assert.equal(eventTarget(any, HOST), HOST);
    assert.equal(eventTarget(OPEN_CONFIG, null), null);
    assert.equal(eventTarget(any, null), '*');
    assert.equal(eventTarget(listed, HOST), HOST);
    assert.equal(eventTarget(listed, 'https://autre.fr'), null);
    assert.equal(eventTarget(listed, null), null, 'a list cannot be checked against an unknown origin');
    assert.equal(eventTarget(CLOSED_CONFIG, HOST), null);
  });
});

describe('readCommand', () => {
  const empty = { metiers: [], thematiques: [], structure: [], region: [] };

  test('the four commands', () => {
    assert.deepEqual(readCommand({ target: 'catalyseurs', type: 'home' }), { command: { type: 'home' } });
    assert.deepEqual(readCommand({ target: 'catalyseurs', type: 'search', q: 'réunion' }), { command: { type: 'search', arg: 'réunion' } });
    assert.deepEqual(readCommand({ target: 'catalyseurs', type: 'select', id: '' }), { command: { type: 'select', arg: '' } });
    assert.deepEqual(readCommand({ target: 'catalyseurs', type: 'setFilters', filters: { metiers: ['lieu'], region: ['84'] } }), {
      command: { type: 'setFilters', arg: { ...empty, metiers: ['lieu'], region: ['84'] } },
    });
  });

  test('values the data may not know are the engine\'s to refuse, not the shape\'s', () => {
    assert.deepEqual(readCommand({ target: 'catalyseurs', type: 'setFilters', filters: { metiers: ['inconnu'] } }).command.arg.metiers, ['inconnu']);
  });

  // Bounds written out here, not read from the module: 200 characters of search (the
  // engine's own cut), 200 for an id or a value, 40 values a group.
  test('sizes are bounded: a search, an id, a value, a list', () => {
    const cmd = (data) => readCommand({ target: 'catalyseurs', ...data });
    assert.equal(cmd({ type: 'search', q: 'é'.repeat(200) }).command.arg.length, 200);
    assert.match(cmd({ type: 'search', q: 'é'.repeat(201) }).warning, /search : q a 201 caractères, 200 au plus/);
    assert.equal(cmd({ type: 'select', id: 'a'.repeat(200) }).command.arg.length, 200);
    assert.match(cmd({ type: 'select', id: 'a'.repeat(5000) }).warning, /select : id a 5000 caractères, 200 au plus/);
    assert.equal(cmd({ type: 'setFilters', filters: { region: Array(40).fill('84') } }).command.arg.region.length, 40);
    assert.match(cmd({ type: 'setFilters', filters: { region: Array(41).fill('84') } }).warning, /region a 41 valeurs, 40 au plus/);
    const million = cmd({ type: 'setFilters', filters: { metiers: new Array(1_000_000) } });
    assert.match(million.warning, /metiers a 1000000 valeurs/);
    const long = cmd({ type: 'setFilters', filters: { metiers: ['lieu', 'x'.repeat(201)] } });
    assert.match(long.warning, /valeur de metiers de plus de 200 caractères/);
    assert.ok(long.warning.length < 300);
    assert.ok(cmd({ type: 'setFilters', filters: { ['g'.repeat(10_000)]: [] } }).warning.length < 300, 'an unknown group, quoted short');
  });

  test('anything else is a warning, never an exception', () => {
    const cyclic = { target: 'catalyseurs', type: 'setFilters' };
    cyclic.filters = { metiers: [cyclic] };
    const bad = [
      undefined, null, 'home', 42, [], ['catalyseurs', 'home'],
      { type: 'home' },
      { target: 'autre', type: 'home' },
      { source: 'catalyseurs', type: 'home' },
      { target: 'catalyseurs' },
      { target: 'catalyseurs', type: 'zoom' },
      { target: 'catalyseurs', type: 'constructor' },
      { target: 'catalyseurs', type: 'search' },
      { target: 'catalyseurs', type: 'search', q: 3 },
      { target: 'catalyseurs', type: 'select', id: null },
      { target: 'catalyseurs', type: 'setFilters' },
      { target: 'catalyseurs', type: 'setFilters', filters: ['lieu'] },
      { target: 'catalyseurs', type: 'setFilters', filters: { metiers: 'lieu' } },
      { target: 'catalyseurs', type: 'setFilters', filters: { metiers: [1] } },
      { target: 'catalyseurs', type: 'setFilters', filters: { couleur: ['bleu'] } },
      { target: cyclic, type: 'home' },
      cyclic,
      { target: 'x'.repeat(10_000), type: 'home' },
    ];
    for (const data of bad) {
      const read = readCommand(data);
      assert.equal(read.command, undefined, `accepted: ${String(data && data.type)}`);
      assert.match(read.warning, /^Commande de la page hôte ignorée : /);
      assert.ok(read.warning.length < 300, `a short warning: ${read.warning.length} characters`);
    }
  });
});
