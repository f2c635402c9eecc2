// The page's two readers of outside input, fed seeded random input (the C++ readers have
// libFuzzer targets, tests/fuzz; these run in JavaScript): the address (web/url.js) and a
// host page's messages (web/host-messages.js). Whatever comes in, they never throw, what they
// accept stays within the documented bounds, and a warning is never longer than a line.
// The seed is fixed, so a failure is the same on every run; FUZZ_CASES runs more of them.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { COMMANDS, readCommand } from '../../web/host-messages.js';
import { seededRandom as generator } from '../e2e/support.mjs';
import { GROUPS, MAX_LIST_ENTRIES, MAX_SEARCH_CHARS, MAX_VALUE_CHARS, parseState, serialiseState } from '../../web/url.js';

const CASES = Number(process.env.FUZZ_CASES || 3000);

// Pieces an address or a message is made of, with the awkward ones over-represented: the
// keys, separators, percent escapes good and bad, accents, lone surrogates, huge lengths.
const KEYS = ['metier', 'theme', 'type', 'region', 'q', 'id', 'view', 'vue', 'embed', 'lang', 'panel', 'zz', ''];
const BITS = ['=', '&', ',', '%', '%2C', '%E9', '%C3%A9', '%ZZ', '%00', '+', '?', '#', 'lieu', 'dialogue', '84', '04',
  'regions', 'collapsed', '0', '1', 'en', 'fr', '1e400', 'NaN', '-0', '650000,6860000,12.5', 'Île', '\u0000', '\ud800', '🙂', ' '];

function randomAddress(random) {
  const pick = (list) => list[Math.floor(random() * list.length)];
  let out = random() < 0.8 ? '?' : '';
  const parts = Math.floor(random() * 60);
  for (let i = 0; i < parts; i++) {
    const r = random();
    if (r < 0.3) out += `${i ? '&' : ''}${pick(KEYS)}=`;
    else if (r < 0.95) out += pick(BITS);
    else out += pick(BITS).repeat(1 + Math.floor(random() * 300));
  }
  return out;
}

function randomValue(random, depth = 0) {
  const r = random();
  if (r < 0.12) return null;
  if (r < 0.2) return random() < 0.5;
  if (r < 0.3) return [NaN, Infinity, -1, 0, 1e308, 2 ** 53][Math.floor(random() * 6)];
  if (r < 0.55) return random() < 0.1 ? 'x'.repeat(Math.floor(random() * 500)) : randomAddress(random).slice(0, 40);
  if (depth > 3) return 'lieu';
  if (r < 0.75) {
    const list = [];
    const n = random() < 0.1 ? Math.floor(random() * 200) : Math.floor(random() * 5);
    for (let i = 0; i < n; i++) list.push(random() < 0.7 ? ['lieu', '84', '', 'x'.repeat(250)][Math.floor(random() * 4)] : randomValue(random, depth + 1));
    return list;
  }
  const object = {};
  const keys = ['target', 'type', 'q', 'id', 'filters', ...GROUPS, 'constructor', 'toString', 'x'];
  const n = Math.floor(random() * 6);
  for (let i = 0; i < n; i++) object[keys[Math.floor(random() * keys.length)]] = randomValue(random, depth + 1);
  return object;
}

function randomCommand(random) {
  const value = randomValue(random);
  if (random() < 0.6 && value && typeof value === 'object' && !Array.isArray(value)) {
    value.target = random() < 0.9 ? 'catalyseurs' : 'autre';
    value.type = random() < 0.85 ? COMMANDS[Math.floor(random() * COMMANDS.length)] : 'teleport';
    // Mostly well-formed filters, so that the bounds on lists and values are reached.
    if (value.type === 'setFilters' && random() < 0.7) {
      value.filters = {};
      for (const group of GROUPS) {
        if (random() < 0.5) continue;
        const n = random() < 0.1 ? MAX_LIST_ENTRIES + Math.floor(random() * 3) - 1 : Math.floor(random() * 4);
        value.filters[group] = Array.from({ length: n }, () => (random() < 0.05 ? 'v'.repeat(MAX_VALUE_CHARS + Math.floor(random() * 3) - 1) : 'lieu'));
      }
    }
    if ((value.type === 'search' || value.type === 'select') && random() < 0.5) {
      value[value.type === 'search' ? 'q' : 'id'] = 'é'.repeat(Math.floor(random() * (MAX_SEARCH_CHARS + 3)));
    }
  }
  return value;
}

const withinBounds = (filters) => GROUPS.every((g) => Array.isArray(filters[g]) && filters[g].length <= MAX_LIST_ENTRIES
  && filters[g].every((v) => typeof v === 'string' && v.length <= MAX_VALUE_CHARS));

describe('random input', () => {
  test(`parseState: ${CASES} addresses, never a throw, always within bounds, and what it reads writes back the same`, () => {
    const random = generator(0x5eed);
    let withFilters = 0;
    for (let i = 0; i < CASES; i++) {
      const address = randomAddress(random);
      let state;
      assert.doesNotThrow(() => { state = parseState(address); }, `address #${i}: ${JSON.stringify(address)}`);
      assert.ok(withinBounds(state.filters), `address #${i}: filters out of bounds`);
      if (GROUPS.some((g) => state.filters[g].length)) withFilters++;
      assert.ok(state.q.length <= MAX_SEARCH_CHARS && state.id.length <= MAX_VALUE_CHARS, `address #${i}`);
      assert.ok(state.view === null || [state.view.x, state.view.y, state.view.scale].every(Number.isFinite), `address #${i}: view`);
      for (const w of state.warnings) assert.ok(w.length <= 400 && !w.includes('\n'), `address #${i}: a warning of ${w.length} characters`);
      // Written back (without the view, which is rounded on the way), it reads as the same state.
      const again = parseState(serialiseState({ ...state, selected: state.id, view: null }));
      assert.deepEqual({ ...again, warnings: [] }, { ...state, view: null, warnings: [] }, `address #${i}: ${JSON.stringify(address)}`);
    }
    assert.ok(withFilters >= CASES / 20, `addresses with filters read: ${withFilters}`);
  });

  test(`readCommand: ${CASES} messages, never a throw; a command or one warning, within bounds`, () => {
    const random = generator(0xc0ffee);
    const accepted = { setFilters: 0, search: 0, select: 0, home: 0 };
    for (let i = 0; i < CASES; i++) {
      const message = randomCommand(random);
      let read;
      assert.doesNotThrow(() => { read = readCommand(message); }, `message #${i}`);
      assert.ok(('command' in read) !== ('warning' in read), `message #${i}: a command or a warning`);
      if (read.warning) {
        assert.ok(read.warning.length <= 600 && !read.warning.includes('\n'), `message #${i}: a warning of ${read.warning.length} characters`);
        continue;
      }
      const { type, arg } = read.command;
      assert.ok(COMMANDS.includes(type), `message #${i}`);
      accepted[type]++;
      if (type === 'setFilters') assert.ok(withinBounds(arg), `message #${i}: filters out of bounds`);
      if (type === 'search') assert.ok(typeof arg === 'string' && arg.length <= MAX_SEARCH_CHARS);
      if (type === 'select') assert.ok(typeof arg === 'string' && arg.length <= MAX_VALUE_CHARS);
    }
    // The inputs reach every command, not only the warnings.
    for (const [type, n] of Object.entries(accepted)) assert.ok(n >= CASES / 200, `${type} accepted ${n} times`);
  });
});
