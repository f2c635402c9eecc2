// The search field is a real HTML input (DESIGN §5.3): typing, accents typed with a dead
// key, pasting and a virtual keyboard's insertion all reach the core, which ignores case
// and accents and also matches the region's name. Expected results are worked out here
// from the data file, never taken from the page.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import {
  REGION_NAMES,
  expectedIds,
  fold,
  loadDataset,
  settleFrames,
  sharedPage,
  shownList,
} from './support.mjs';

const features = loadDataset().features;
const LIST_LIMIT = 200; // the list shows this many at first; the count says how many match

// The paste test writes « Nîmes » to the clipboard, then pastes it.
const shared = sharedPage({
  setup: (p, context) => context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: shared.site.origin }),
});
let page;
let cdp;

before(async () => {
  ({ page } = await shared.ready());
  cdp = await page.context().newCDPSession(page);
});

// Empties the field the way a user does: select all, delete.
async function clearSearch() {
  await page.click('#search');
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await waitSettled('');
}

// Once the core has the query, waits for the list to show the core's result (the list is
// redrawn when the core reports the change), so that the assertions read a settled page.
async function waitSettled(query) {
  await page
    .waitForFunction(
      ([q, limit]) => {
        const s = window.catalyseurs.state();
        const shown = [...document.querySelectorAll('#results li[data-id]')].map((li) => li.dataset.id);
        return s.q === q && shown.join() === s.matchingIds.slice(0, limit).join();
      },
      [query, LIST_LIMIT],
      { timeout: 5_000 },
    )
    .catch(() => {}); // the assertions that follow say what is wrong
  await settleFrames(page, 2);
}

const sorted = (ids) => [...ids].sort();
const countText = (n) => (n === 0 ? 'Aucun catalyseur ne correspond' : n === 1 ? '1 catalyseur' : `${String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f')} catalyseurs`);

// The field, the core's state, the list and the count all agree with the data.
async function assertResults(typed, expectedQuery = typed) {
  const expected = expectedIds(features, {}, expectedQuery);
  const value = await page.inputValue('#search');
  assert.equal(value, typed, 'the field must hold exactly what was typed');
  const state = await page.evaluate(() => window.catalyseurs.state());
  assert.equal(state.q, typed, 'the core must search for the field’s text');
  assert.deepEqual(sorted(state.matchingIds), sorted(expected), `« ${typed} »: the matching catalyseurs`);
  assert.equal(state.matching, expected.length);
  const list = await shownList(page);
  if (expected.length <= LIST_LIMIT) assert.deepEqual(sorted(list.ids), sorted(expected), `« ${typed} »: the list`);
  else assert.ok(list.ids.length === LIST_LIMIT && list.ids.every((id) => expected.includes(id)) && list.more === 1, `« ${typed} »: a first page of the list and a « more » item`);
  assert.equal(list.count, countText(expected.length), 'the result count');
  return expected;
}

describe('search', () => {
  test('the data has catalyseurs in La Réunion', () => {
    assert.ok(features.filter((f) => f.properties.region === '04').length >= 2, 'no entry in region 04');
    assert.equal(fold(REGION_NAMES['04']), 'la reunion');
  });

  test('« reunion » finds the catalyseurs of La Réunion, by the region’s name', async () => {
    await page.click('#search');
    await page.keyboard.type('reunion', { delay: 20 });
    await waitSettled('reunion');
    const expected = await assertResults('reunion');
    // Most of these say « Réunion » nowhere but in their region's name.
    const inRegion = features.filter((f) => f.properties.region === '04').map((f) => f.properties.id);
    assert.deepEqual(inRegion.filter((id) => !expected.includes(id)), [], 'every catalyseur of La Réunion must be found');
    // The search is kept in the URL for sharing.
    await page.waitForFunction(() => new URL(location.href).searchParams.get('q') === 'reunion', null, { timeout: 2_000 }).catch(() => {});
    assert.equal(new URL(page.url()).searchParams.get('q'), 'reunion', 'the URL must carry q=reunion');
  });

  test('case and accents do not matter: « RÉUNION », « Réunion », « reunion »', async () => {
    const sets = [];
    for (const text of ['RÉUNION', 'Réunion', 'reunion']) {
      await clearSearch();
      await page.keyboard.type(text, { delay: 20 });
      await waitSettled(text);
      await assertResults(text);
      sets.push(sorted((await page.evaluate(() => window.catalyseurs.state())).matchingIds));
    }
    assert.deepEqual(sets[0], sets[2]);
    assert.deepEqual(sets[1], sets[2]);
  });

  test('a dead key composes « ô » (AZERTY: ^ then o) in « pôle »', async () => {
    await clearSearch();
    await page.keyboard.type('p');
    // The dead key opens a composition showing « ^ »; the next key commits « ô » in its place.
    await cdp.send('Input.imeSetComposition', { text: '^', selectionStart: 1, selectionEnd: 1 });
    assert.equal(await page.inputValue('#search'), 'p^', 'the composition shows the dead key');
    await cdp.send('Input.insertText', { text: 'ô' });
    await page.keyboard.type('le');
    await waitSettled('pôle');
    const expected = await assertResults('pôle');
    assert.ok(expected.length > 0, 'the data has « pôle »: the test needs a match');
    // Accents are ignored both ways: « pole » finds the same.
    assert.deepEqual(sorted(expected), sorted(expectedIds(features, {}, 'pole')));
  });

  test('pasting « Nîmes » from the clipboard', async () => {
    await clearSearch();
    await page.evaluate(() => navigator.clipboard.writeText('Nîmes'));
    await page.keyboard.press('Control+V');
    await waitSettled('Nîmes');
    const expected = await assertResults('Nîmes');
    assert.ok(expected.length > 0, 'the data has Nîmes: the test needs a match');
  });

  test('text inserted at once, as a phone’s virtual keyboard does: « Île-de-France »', async () => {
    await clearSearch();
    await cdp.send('Input.insertText', { text: 'Île-de-France' });
    await waitSettled('Île-de-France');
    const expected = await assertResults('Île-de-France');
    const inRegion = features.filter((f) => f.properties.region === '11').map((f) => f.properties.id);
    assert.deepEqual(inRegion.filter((id) => !expected.includes(id)), [], 'every catalyseur of Île-de-France must be found by its region’s name');
  });

  test('several words must all match, in any field', async () => {
    // A commune and a word of the same catalyseur's description, typed together.
    const f = features.find((x) => x.properties.description && fold(x.properties.commune).split(' ').length === 1);
    const word = fold(f.properties.description).split(' ').find((w) => w.length >= 6);
    const text = `${f.properties.commune} ${word}`;
    await clearSearch();
    await page.keyboard.type(text, { delay: 10 });
    await waitSettled(text);
    const expected = await assertResults(text);
    assert.ok(expected.includes(f.properties.id), `« ${text} » must find ${f.properties.id}`);
    assert.ok(expected.length < expectedIds(features, {}, f.properties.commune).length || expected.length < expectedIds(features, {}, word).length, 'two words must narrow the search');
  });

  test('a search with no match says so', async () => {
    await clearSearch();
    await page.keyboard.type('zzqx', { delay: 20 });
    await waitSettled('zzqx');
    await assertResults('zzqx');
    await clearSearch();
    const state = await page.evaluate(() => window.catalyseurs.state());
    assert.equal(state.matching, features.length, 'an empty search matches everything again');
    assert.deepEqual([...shared.opened.log.consoleErrors, ...shared.opened.log.pageErrors], []);
  });
});
