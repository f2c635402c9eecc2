// The address ↔ state functions of web/url.js, without a browser.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseState, serialiseState, shareSearch } from '../../web/url.js';

const empty = { metiers: [], thematiques: [], structure: [], region: [] };

describe('parseState', () => {
  test('reads every key of DESIGN §6', () => {
    const s = parseState('?metier=lieu,dialogue&theme=emploi&type=association&region=04,84&q=r%C3%A9union&id=le-centsept&view=650000,6860000,12.5&vue=regions&embed=1&lang=en&panel=collapsed');
    assert.deepEqual(s.filters, { metiers: ['lieu', 'dialogue'], thematiques: ['emploi'], structure: ['association'], region: ['04', '84'] });
    assert.equal(s.q, 'réunion');
    assert.equal(s.id, 'le-centsept');
    assert.deepEqual(s.view, { x: 650000, y: 6860000, scale: 12.5 });
    assert.equal(s.regional, true);
    assert.deepEqual(s.warnings, []);
  });

  // The bounds, written out: 4 096 characters of query, 32 parameters, 200 characters of
  // search, id or value, 40 values a list; past them, ignored with a warning.
  test('an address longer than 4 096 characters is ignored as a whole', () => {
    const fits = `?q=lyon&zz=${'a'.repeat(4096 - 'q=lyon&zz='.length)}`;
    assert.equal(parseState(fits).q, 'lyon');
    const s = parseState(`${fits}a`);
    assert.deepEqual({ ...s, warnings: [] }, { filters: empty, q: '', id: '', view: null, regional: false, warnings: [] });
    assert.equal(s.warnings.length, 1);
    assert.match(s.warnings[0], /^Adresse ignorée : 4097 caractères/);
  });

  test('only the first 32 parameters are read', () => {
    const many = Array.from({ length: 31 }, (_, i) => `x${i}=1`).join('&');
    const s = parseState(`?${many}&q=lyon&q2=1`);
    assert.equal(s.q, 'lyon', 'the 32nd is read');
    assert.equal(parseState(`?${many}&x31=1&q=lyon`).q, '', 'the 33rd is not');
    assert.ok(s.warnings.some((w) => /33 paramètres, seuls les 32 premiers/.test(w)));
    assert.equal(s.warnings.length, 1 + 31, 'one per unknown key read, and one for the rest');
  });

  test('a search, an id or a filter value past 200 characters, a list past 40 values', () => {
    assert.equal(parseState(`?q=${'é'.repeat(200)}`).q.length, 200);
    const q = parseState(`?q=${'é'.repeat(201)}`);
    assert.equal(q.q, '');
    assert.deepEqual(q.warnings, ['Paramètre q ignoré : 201 caractères, 200 au plus']);
    assert.equal(parseState(`?id=${'a'.repeat(201)}`).id, '');
    const value = parseState(`?metier=lieu,${'b'.repeat(201)}`);
    assert.deepEqual(value.filters.metiers, ['lieu']);
    assert.equal(value.warnings.length, 1);
    assert.ok(value.warnings[0].length < 200, 'the value is shortened in the warning');
    assert.equal(parseState(`?region=${Array(40).fill('84').join(',')}`).filters.region.length, 40);
    const list = parseState(`?region=${Array(41).fill('84').join(',')}`);
    assert.deepEqual(list.filters.region, []);
    assert.deepEqual(list.warnings, ['Paramètre region ignoré : 41 valeurs, 40 au plus']);
  });

  test('warnings quote at most a line of what the address holds', () => {
    for (const key of ['view', 'vue', 'lang', 'panel', 'k'.repeat(500)]) {
      const s = parseState(`?${key}=${'v'.repeat(1000)}`);
      assert.equal(s.warnings.length, 1, key);
      assert.ok(s.warnings[0].length < 120, `${key.slice(0, 10)}: ${s.warnings[0].length}`);
    }
  });

  test('an empty address is the default state', () => {
    assert.deepEqual(parseState(''), { filters: empty, q: '', id: '', view: null, regional: false, warnings: [] });
  });

  test('lists drop blanks and spaces around values', () => {
    assert.deepEqual(parseState('?metier=,lieu,%20dialogue%20,,').filters.metiers, ['lieu', 'dialogue']);
  });

  test('a view that is not three finite numbers with a positive scale is ignored with a warning', () => {
    for (const bad of ['1,2', '1,2,3,4', 'a,b,c', '1,2,0', '1,2,-3', '1,,3', 'Infinity,2,3', '']) {
      const s = parseState(`?view=${encodeURIComponent(bad)}`);
      assert.equal(s.view, null, bad);
      assert.equal(s.warnings.length, 1, bad);
      assert.match(s.warnings[0], /view/);
    }
  });

  test('a language other than fr or en is warned about', () => {
    assert.deepEqual(parseState('?lang=en').warnings, []);
    assert.deepEqual(parseState('?lang=de').warnings, ['Paramètre lang ignoré : « de »']);
  });

  test('panel is 0 or collapsed; any other value is warned about', () => {
    for (const good of ['0', 'collapsed']) assert.deepEqual(parseState(`?embed=1&panel=${good}`).warnings, [], good);
    for (const bad of ['1', 'hidden', 'Collapsed', '']) {
      const s = parseState(`?panel=${bad}`);
      assert.equal(s.warnings.length, 1, bad);
      assert.equal(s.warnings[0], `Paramètre panel ignoré : « ${bad} »`);
    }
  });

  test('unknown keys and values of vue are warned about, never fatal', () => {
    const s = parseState('?couleur=bleu&vue=carte&metier=lieu');
    assert.deepEqual(s.filters.metiers, ['lieu']);
    assert.equal(s.regional, false);
    assert.equal(s.warnings.length, 2);
    assert.ok(s.warnings.some((w) => w.includes('« couleur »')));
    assert.ok(s.warnings.some((w) => w.includes('« carte »')));
  });
});

describe('serialiseState', () => {
  const state = {
    filters: { metiers: ['lieu', 'dialogue'], thematiques: [], structure: [], region: ['04'] },
    q: 'Île de Ré',
    selected: 'le-centsept',
    regional: true,
    view: { x: 650000.4, y: 6860000.6, scale: 12.3456 },
  };

  test('writes each part under its key, the view only when asked', () => {
    const search = serialiseState(state);
    const p = new URLSearchParams(search);
    assert.equal(p.get('metier'), 'lieu,dialogue');
    assert.equal(p.get('region'), '04');
    assert.equal(p.get('q'), 'Île de Ré');
    assert.equal(p.get('id'), 'le-centsept');
    assert.equal(p.get('vue'), 'regions');
    assert.equal(p.has('theme'), false);
    assert.equal(p.has('view'), false);
    assert.equal(new URLSearchParams(serialiseState(state, { withView: true })).get('view'), '650000,6860001,12.35');
  });

  test('keeps embed, lang and panel, first, and drops everything else of the current address', () => {
    const search = serialiseState({ filters: empty }, { current: '?zzz=1&lang=en&metier=lieu&panel=collapsed&embed=1' });
    assert.equal(search, '?lang=en&panel=collapsed&embed=1');
    assert.equal(serialiseState({ filters: empty, q: 'x' }, { current: '?panel=0' }), '?panel=0&q=x');
  });

  test('the default state is no query string at all', () => {
    assert.equal(serialiseState({ filters: empty, q: '', selected: null, regional: false }), '');
  });

  test('what it writes reads back as the same state', () => {
    const back = parseState(serialiseState(state, { withView: true }));
    assert.deepEqual(back.filters, state.filters);
    assert.equal(back.q, state.q);
    assert.equal(back.id, state.selected);
    assert.equal(back.regional, true);
    assert.deepEqual(back.view, { x: 650000, y: 6860001, scale: 12.35 });
    assert.deepEqual(back.warnings, []);
  });
});

describe('shareSearch', () => {
  const card = {
    filters: { ...empty, metiers: ['lieu'], region: ['84'] },
    q: 'lyon',
    selected: 'le-centsept',
    regional: false,
    view: { x: 842000.4, y: 6519000.6, scale: 88.8888, width: 900, height: 700 },
  };

  test('the card with its filters, search and view, even before the view was moved', () => {
    const p = new URLSearchParams(shareSearch(card, ''));
    assert.deepEqual([...p.keys()], ['metier', 'region', 'q', 'id', 'view']);
    assert.equal(p.get('metier'), 'lieu');
    assert.equal(p.get('region'), '84');
    assert.equal(p.get('q'), 'lyon');
    assert.equal(p.get('id'), 'le-centsept');
    assert.equal(p.get('view'), '842000,6519001,88.89');
  });

  test('keeps the language, drops the compact chrome and whatever else the address had', () => {
    const p = new URLSearchParams(shareSearch(card, '?embed=1&lang=en&id=other&view=1,2,3&zzz=1'));
    assert.equal(p.get('lang'), 'en');
    assert.equal(p.has('embed'), false);
    assert.equal(p.has('zzz'), false);
    assert.equal(p.get('id'), 'le-centsept');
    assert.equal(p.get('view'), '842000,6519001,88.89');
  });

  test('reads back as the same state', () => {
    const back = parseState(shareSearch({ ...card, regional: true }, '?lang=en'));
    assert.deepEqual(back.filters, card.filters);
    assert.equal(back.q, 'lyon');
    assert.equal(back.id, 'le-centsept');
    assert.equal(back.regional, true);
    assert.deepEqual(back.view, { x: 842000, y: 6519001, scale: 88.89 });
    assert.deepEqual(back.warnings, []);
  });
});
