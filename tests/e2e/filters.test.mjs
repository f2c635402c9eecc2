// The filter checkboxes (DESIGN §5.1, §6): values OR-ed within a group and AND-ed across
// groups, each box showing how many catalyseurs ticking it would give (its own group left
// out, the other groups and the search applied), « Réinitialiser », and the filters kept in
// the URL. Every expected figure is computed here from the data file.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import {
  FILTER_GROUPS,
  expectedIds,
  facetCount,
  loadDataset,
  openPage,
  seededRandom,
  settleFrames,
  sharedPage,
  shownList,
  valuesOf,
  waitReady,
} from './support.mjs';

const features = loadDataset().features;
const LIST_LIMIT = 200;
const URL_KEYS = { metiers: 'metier', thematiques: 'theme', structure: 'type', region: 'region' };
const EMPTY = () => ({ metiers: [], thematiques: [], structure: [], region: [] });

const shared = sharedPage();
let page;

before(async () => {
  ({ page } = await shared.ready());
});

const sorted = (values) => [...values].sort();
const countText = (n) => (n === 0 ? 'Aucun catalyseur ne correspond' : n === 1 ? '1 catalyseur' : `${String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f')} catalyseurs`);

// Each box's value, whether it is ticked, and the count shown beside it (its digits may be
// grouped with a narrow no-break space).
function readBoxes(p = page) {
  return p.evaluate((groups) => {
    const out = {};
    for (const group of groups) {
      out[group] = [...document.querySelectorAll(`input[name="${group}"]`)].map((input) => ({
        value: input.value,
        checked: input.checked,
        shown: input.closest('label').querySelector('.n').textContent,
      }));
    }
    return out;
  }, FILTER_GROUPS);
}

// The whole panel against the data: boxes ticked, every count, the core's state, the list
// and the result count.
async function assertPanel(filters, query, what, p = page) {
  const boxes = await readBoxes(p);
  const wrong = [];
  for (const group of FILTER_GROUPS) {
    const present = new Set(features.flatMap((f) => valuesOf(f.properties, group)));
    const offered = new Set(boxes[group].map((b) => b.value));
    for (const value of present) if (!offered.has(value)) wrong.push(`${group}: no box for « ${value} », which the data uses`);
    for (const box of boxes[group]) {
      const expected = facetCount(features, filters, query, group, box.value);
      const digits = box.shown.replace(/[\s\u202f\u00a0]/g, '');
      if (!/^\d+$/.test(digits) || Number(digits) !== expected) wrong.push(`${group}/${box.value}: shows « ${box.shown} », expected ${expected}`);
      if (/\d{4}/.test(box.shown)) wrong.push(`${group}/${box.value}: « ${box.shown} » needs a narrow no-break space between thousands`);
      if (box.checked !== filters[group].includes(box.value)) wrong.push(`${group}/${box.value}: ${box.checked ? 'ticked' : 'not ticked'}`);
    }
  }
  assert.deepEqual(wrong, [], `${what}: the filter boxes`);
  const expected = expectedIds(features, filters, query);
  const state = await p.evaluate(() => window.catalyseurs.state());
  for (const group of FILTER_GROUPS) assert.deepEqual(sorted(state.filters[group]), sorted(filters[group]), `${what}: state().filters.${group}`);
  assert.equal(state.matching, expected.length, `${what}: state().matching`);
  assert.deepEqual(sorted(state.matchingIds), sorted(expected), `${what}: state().matchingIds`);
  const list = await shownList(p);
  if (expected.length <= LIST_LIMIT) assert.deepEqual(sorted(list.ids), sorted(expected), `${what}: the list`);
  else assert.ok(list.ids.length === LIST_LIMIT && list.more === 1 && list.ids.every((id) => expected.includes(id)), `${what}: the list's first page`);
  assert.equal(list.count, countText(expected.length), `${what}: the result count`);
}

// Ticks or unticks a box with the mouse, opening its group first when it is folded away.
async function toggle(group, value) {
  const details = page.locator(`details[data-group="${group}"]`);
  if ((await details.count()) && !(await details.evaluate((d) => d.open))) await details.locator('summary').click();
  const box = page.locator(`input[name="${group}"][value="${value}"]`);
  const wasChecked = await box.isChecked();
  await box.click();
  await page
    .waitForFunction(([g, v, on]) => window.catalyseurs.state().filters[g].includes(v) === on, [group, value, !wasChecked], { timeout: 5_000 })
    .catch(() => {});
  await settleFrames(page, 2);
}

async function clickReset() {
  await page.click('#reset');
  await page
    .waitForFunction(() => {
      const s = window.catalyseurs.state();
      return s.q === '' && Object.values(s.filters).every((v) => v.length === 0);
    }, null, { timeout: 5_000 })
    .catch(() => {});
  await settleFrames(page, 2);
}

async function tickAll(filters) {
  for (const group of FILTER_GROUPS) for (const value of filters[group]) await toggle(group, value);
}

// The URL after its debounced update, as filter lists.
async function urlFilters(p = page, expectSome = true) {
  if (expectSome) await p.waitForFunction(() => /[?&](metier|theme|type|region)=/.test(location.search), null, { timeout: 3_000 }).catch(() => {});
  else await p.waitForTimeout(400);
  const params = new URL(p.url()).searchParams;
  const out = {};
  for (const group of FILTER_GROUPS) out[group] = params.get(URL_KEYS[group]) ? params.get(URL_KEYS[group]).split(',') : [];
  return out;
}

describe('filters', () => {
  test('every box shows its faceted count, before and after ticking boxes', async () => {
    await assertPanel(EMPTY(), '', 'at start');
    const filters = EMPTY();
    for (const [group, value] of [['metiers', 'dialogue'], ['metiers', 'lieu'], ['thematiques', 'emploi'], ['region', '11'], ['structure', 'association']]) {
      await toggle(group, value);
      filters[group].push(value);
      await assertPanel(filters, '', `after ticking ${group}/${value}`);
    }
    await toggle('metiers', 'dialogue');
    filters.metiers = ['lieu'];
    await assertPanel(filters, '', 'after unticking metiers/dialogue');
  });

  test('the search applies to the counts and the list, together with the filters', async () => {
    const filters = (await page.evaluate(() => window.catalyseurs.state())).filters;
    await page.click('#search');
    await page.keyboard.type('fictif', { delay: 20 });
    await page.waitForFunction(() => window.catalyseurs.state().q === 'fictif', null, { timeout: 5_000 });
    await settleFrames(page, 2);
    await assertPanel(filters, 'fictif', 'with the search « fictif »');
  });

  test('« Réinitialiser » clears the filters and the search', async () => {
    await clickReset();
    assert.equal(await page.inputValue('#search'), '', 'the search field is emptied');
    await assertPanel(EMPTY(), '', 'after « Réinitialiser »');
    assert.deepEqual(await urlFilters(page, false), EMPTY(), 'the URL loses the filters');
    assert.equal(new URL(page.url()).searchParams.get('q'), null, 'the URL loses the search');
  });

  test('random combinations: OR within a group, AND across groups', async () => {
    const random = seededRandom(20241122);
    const boxes = await readBoxes();
    const pick = (group) => {
      if (random() < 0.35) return [];
      const values = boxes[group].map((b) => b.value);
      const n = 1 + Math.floor(random() * 2);
      const out = new Set();
      while (out.size < n) out.add(values[Math.floor(random() * values.length)]);
      return [...out];
    };
    const seen = [];
    for (let round = 0; round < 6; round++) {
      await clickReset();
      const filters = EMPTY();
      for (const group of FILTER_GROUPS) filters[group] = pick(group);
      await tickAll(filters);
      const n = expectedIds(features, filters, '').length;
      seen.push(`${JSON.stringify(filters)} → ${n}`);
      await assertPanel(filters, '', `combination ${JSON.stringify(filters)}`);
    }
    console.log(`filter combinations checked:\n  ${seen.join('\n  ')}`);
  });

  test('the URL carries the filters, and reloading it restores them', async () => {
    await clickReset();
    const filters = { metiers: ['dialogue', 'experimentation'], thematiques: ['emploi', 'inclusion'], structure: ['association'], region: ['84', '11'] };
    await tickAll(filters);
    await assertPanel(filters, '', 'before the reload');
    const inUrl = await urlFilters();
    for (const group of FILTER_GROUPS) assert.deepEqual(sorted(inUrl[group]), sorted(filters[group]), `URL parameter ${URL_KEYS[group]}`);
    const url = page.url();
    assert.match(url, /[?&]metier=[^&]+&.*theme=/, 'metier=…&theme=… in the URL');
    await page.reload({ waitUntil: 'domcontentloaded' });
    await waitReady(page);
    assert.equal(page.url(), url);
    await assertPanel(filters, '', 'after the reload');
    await clickReset();
  });

  test('unknown values in the URL are ignored with a warning, never a crash', async () => {
    const other = await openPage(shared.browser, shared.site.origin, { path: '/?metier=dialogue,licorne&theme=emploi,zzz&type=fondation&region=99,84&couleur=bleu' });
    try {
      await waitReady(other.page);
      assert.equal(await other.page.locator('#error').isVisible(), false, 'no error for bad URL values');
      assert.deepEqual(other.log.pageErrors, [], 'no uncaught exception');
      for (const bad of ['licorne', 'zzz', 'fondation', '99', 'couleur']) {
        assert.ok(other.log.warnings.some((w) => w.includes(`« ${bad} »`)), `no console warning names « ${bad} »: ${JSON.stringify(other.log.warnings)}`);
      }
      const kept = { metiers: ['dialogue'], thematiques: ['emploi'], structure: [], region: ['84'] };
      await assertPanel(kept, '', 'with bad URL values', other.page);
      // The URL is rewritten with what was kept.
      const inUrl = await urlFilters(other.page);
      await other.page.waitForFunction(() => !location.search.includes('licorne'), null, { timeout: 3_000 }).catch(() => {});
      const params = new URL(other.page.url()).searchParams;
      assert.deepEqual(Object.fromEntries(FILTER_GROUPS.map((g) => [g, sorted(inUrl[g])])), kept, 'the URL keeps the valid values only');
      assert.equal(params.get('couleur'), null, 'the unknown parameter is dropped from the URL');
    } finally {
      await other.close();
    }
  });
});
