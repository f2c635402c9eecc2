// What « Intégrer la carte » writes (web/embed.js), without a browser: sizes, the framed map's
// address, the frame's title in words, the snippet's escaping and the preview's scale.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import {
  embedSearch, escapeAttribute, frameTitle, iframeSnippet, parseHeight, parseWidth, previewFit, widthAttribute,
} from '../../web/embed.js';
import { parseState } from '../../web/url.js';

const STRINGS = JSON.parse(readFileSync(new URL('../../assets/strings.json', import.meta.url), 'utf8'));
// The shipped words, looked up and filled in as the page does.
const words = (lang) => (key, values = {}) => Object.entries(values).reduce((s, [k, v]) => s.split(`{${k}}`).join(v), STRINGS[lang][key] ?? key);
const NNBSP = '\u202f';
const empty = { metiers: [], thematiques: [], structure: [], region: [] };

describe('sizes', () => {
  test('a width is whole pixels (200 to 4000) or a percentage (10 to 100)', () => {
    for (const [text, value, unit] of [['600', 600, 'px'], [' 600px ', 600, 'px'], ['600 PX', 600, 'px'], ['200', 200, 'px'], ['4000', 4000, 'px'],
      ['100%', 100, '%'], ['100 %', 100, '%'], [`100${NNBSP}%`, 100, '%'], ['10%', 10, '%']]) {
      assert.deepEqual(parseWidth(text), { value, unit }, JSON.stringify(text));
    }
    for (const text of ['', ' ', 'abc', '199', '4001', '9%', '101%', '0%', '50.5', '600,5', '-600', '1e3', '600 px px', '600em', '%', '100%%']) {
      assert.equal(parseWidth(text), null, JSON.stringify(text));
    }
  });

  test('a height is whole pixels, 200 to 4000; no percentage', () => {
    assert.equal(parseHeight('400'), 400);
    assert.equal(parseHeight(' 500px'), 500);
    for (const text of ['', '50%', '100 %', '199', '4001', '4.5e2', 'auto']) assert.equal(parseHeight(text), null, JSON.stringify(text));
  });

  test('the width attribute: pixels bare, percentages with their sign', () => {
    assert.equal(widthAttribute({ value: 600, unit: 'px' }), '600');
    assert.equal(widthAttribute({ value: 100, unit: '%' }), '100%');
  });
});

describe('embedSearch', () => {
  // An open card, the regional view and a moved map: all a page can be in.
  const filters = { metiers: ['lieu', 'dialogue'], thematiques: [], structure: [], region: ['53'] };
  const view = { x: 650000.4, y: 6860000.6, scale: 12.3456 };
  const state = { filters, q: 'Île "de" <Ré> & co', selected: 'le-centsept', regional: true, view };

  test('the chrome first, then the state; never the open card; the view only when asked', () => {
    const p = new URLSearchParams(embedSearch(state, { panel: 'collapsed', lang: 'en' }));
    assert.deepEqual([...p.keys()].slice(0, 3), ['embed', 'panel', 'lang']);
    assert.equal(p.get('embed'), '1');
    assert.equal(p.get('panel'), 'collapsed');
    assert.equal(p.get('lang'), 'en');
    assert.equal(p.get('metier'), 'lieu,dialogue');
    assert.equal(p.get('region'), '53');
    assert.equal(p.get('q'), state.q);
    assert.equal(p.get('vue'), 'regions');
    assert.equal(p.has('id'), false);
    assert.equal(p.has('view'), false);
    assert.equal(new URLSearchParams(embedSearch(state, { withView: true })).get('view'), '650000,6860001,12.35');
  });

  test('panel: absent when shown, collapsed, 0 when hidden; French unless English', () => {
    const of = (options) => new URLSearchParams(embedSearch({ filters: empty }, options));
    assert.equal(of({ panel: 'shown' }).has('panel'), false);
    assert.equal(of({ panel: 'hidden' }).get('panel'), '0');
    assert.equal(of({}).get('lang'), 'fr');
    assert.equal(of({ lang: 'de' }).get('lang'), 'fr');
    assert.equal(embedSearch({ filters: empty }, { panel: 'hidden', lang: 'fr' }), '?embed=1&panel=0&lang=fr');
  });

  test('the framed map reads it back without a warning', () => {
    const back = parseState(embedSearch(state, { panel: 'hidden', lang: 'fr', withView: true }));
    assert.deepEqual(back.filters, state.filters);
    assert.equal(back.q, state.q);
    assert.equal(back.id, '');
    assert.equal(back.regional, true);
    assert.deepEqual(back.warnings, []);
  });
});

describe('frameTitle', () => {
  const regions = { 53: 'Bretagne', '04': 'La Réunion' };
  const regionName = (code) => regions[code];

  test('no filter: the map’s name alone', () => {
    assert.equal(frameTitle({ filters: empty, q: '' }, words('fr'), regionName), 'Carte des catalyseurs territoriaux');
    assert.equal(frameTitle({ filters: empty, q: '' }, words('en'), regionName), 'Map of territorial catalysts');
  });

  test('the filters in words: « ou » within a group, « ; » between groups and the search', () => {
    const state = { filters: { metiers: ['lieu', 'dialogue'], thematiques: ['emploi'], structure: [], region: ['53', '04'] }, q: 'tiers' };
    assert.equal(frameTitle(state, words('fr'), regionName),
      `Carte des catalyseurs territoriaux — Gestion d’un lieu, tiers-lieu ou Dialogue territorial${NNBSP}; Emploi${NNBSP}; Bretagne ou La Réunion${NNBSP}; recherche «${NNBSP}tiers${NNBSP}»`);
    assert.equal(frameTitle(state, words('en'), regionName),
      'Map of territorial catalysts — Running a place, third place or Local dialogue; Employment; Bretagne or La Réunion; search “tiers”');
  });

  test('the regional view is said; an unknown region keeps its code', () => {
    const state = { filters: { ...empty, structure: ['association'], region: ['99'] }, q: '', regional: true };
    assert.equal(frameTitle(state, words('fr'), regionName), `Carte des catalyseurs territoriaux — Vue par région${NNBSP}; Association${NNBSP}; 99`);
  });
});

describe('the snippet', () => {
  test('attribute values escaped: & " < >', () => {
    assert.equal(escapeAttribute(`a & "b" <c> 'd'`), `a &amp; &quot;b&quot; &lt;c&gt; 'd'`);
    assert.equal(escapeAttribute('&amp;'), '&amp;amp;');
  });

  test('an iframe with its title, size, lazy loading, full screen allowed, and no border without a style attribute', () => {
    const snippet = iframeSnippet({
      src: 'https://carte.example/?embed=1&lang=fr&q=%22%3C',
      title: 'Carte — recherche « "x" <script>alert(1)</script> & »',
      width: { value: 100, unit: '%' },
      height: 500,
    });
    assert.equal(snippet, '<iframe src="https://carte.example/?embed=1&amp;lang=fr&amp;q=%22%3C" '
      + 'title="Carte — recherche « &quot;x&quot; &lt;script&gt;alert(1)&lt;/script&gt; &amp; »" '
      + 'width="100%" height="500" loading="lazy" allow="fullscreen" frameborder="0"></iframe>');
  });
});

test('previewFit: percentages of the room’s width, scaled down to fit, never up', () => {
  assert.deepEqual(previewFit({ value: 600, unit: 'px' }, 400, { width: 700, height: 500 }), { width: 600, height: 400, scale: 1 });
  assert.deepEqual(previewFit({ value: 800, unit: 'px' }, 600, { width: 600, height: 600 }), { width: 800, height: 600, scale: 0.75 });
  assert.deepEqual(previewFit({ value: 800, unit: 'px' }, 600, { width: 1000, height: 300 }), { width: 800, height: 600, scale: 0.5 });
  assert.deepEqual(previewFit({ value: 50, unit: '%' }, 300, { width: 640, height: 400 }), { width: 320, height: 300, scale: 1 });
  assert.deepEqual(previewFit({ value: 100, unit: '%' }, 1000, { width: 640, height: 500 }), { width: 640, height: 1000, scale: 0.5 });
});
