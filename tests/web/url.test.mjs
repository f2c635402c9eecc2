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
