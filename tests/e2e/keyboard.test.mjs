// Keyboard only (DESIGN §5.3, RGAA): from the top of the page, Tab reaches the search,
// Enter goes to the first result and opens its card, Tab reaches « Site web ↗ »; on the
// map, arrows pan, + and - zoom, Esc closes the card, and Tab leaves the map again.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import {
  expectedIds,
  loadDataset,
  openPage,
  saveScreenshot,
  settleFrames,
  sharedPage,
  waitReady,
  waitViewChange,
} from './support.mjs';

const features = loadDataset().features;
// A catalyseur with a web site whose full name finds it alone.
const target = features.find((f) => f.properties.site && /^https?:\/\//.test(f.properties.site) && expectedIds(features, {}, f.properties.nom).length === 1);

const shared = sharedPage();
let page;

before(async () => {
  ({ page } = await shared.ready());
});

// The focused element, described: its id, or its tag and class, plus what the tests need.
const focused = (p = page) =>
  p.evaluate(() => {
    const el = document.activeElement;
    const li = el?.closest('li[data-id]');
    const r = el?.getBoundingClientRect();
    return {
      id: el?.id ?? '',
      tag: el?.tagName.toLowerCase() ?? '',
      className: el?.className ?? '',
      text: el?.textContent.trim() ?? '',
      href: el?.getAttribute('href') ?? null,
      itemId: li ? li.dataset.id : null,
      onScreen: r ? r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth && r.width > 0 : false,
    };
  });
const label = (f) => f.id || `${f.tag}.${f.className}`;
const view = () => page.evaluate(() => window.catalyseurs.state().view);

async function press(key) {
  await page.keyboard.press(key);
  await settleFrames(page, 2);
}

describe('keyboard only', () => {
  test('the data has a catalyseur with a site that its name finds alone', () => {
    assert.ok(target, 'no such catalyseur');
  });

  test('the skip link comes first and leads to the list', async () => {
    const other = await openPage(shared.browser, shared.site.origin);
    try {
      const p = other.page;
      await waitReady(p);
      await p.keyboard.press('Tab');
      const skip = await focused(p);
      assert.match(skip.className, /skip-link/, `the first Tab must reach the skip link, not « ${label(skip)} »`);
      assert.equal(skip.href, '#results');
      assert.ok(skip.onScreen, 'the skip link must show when focused');
      await p.keyboard.press('Enter');
      await settleFrames(p, 2);
      assert.equal((await focused(p)).id, 'results', 'the skip link must move the focus to the list');
    } finally {
      await other.close();
    }
  });

  test('Tab, type a name, Enter to the first result, Enter opens its card, Tab to « Site web ↗ »', async () => {
    const { id, nom, site: url } = target.properties;
    await press('Tab');
    assert.match((await focused()).className, /skip-link/, 'first Tab: the skip link');
    await press('Tab');
    assert.equal((await focused()).id, 'search', 'second Tab: the search field');

    await page.keyboard.type(nom, { delay: 5 });
    await page.waitForFunction((q) => window.catalyseurs.state().q === q, nom, { timeout: 5_000 });
    await page.waitForFunction((i) => document.querySelector('#results li[data-id]')?.dataset.id === i, id, { timeout: 5_000 }).catch(() => {});
    assert.equal(await page.locator('#results li[data-id]').count(), 1, `« ${nom} » must list one catalyseur`);

    await press('Enter');
    const first = await focused();
    assert.equal(first.tag, 'button', `Enter in the search must focus the first result, not « ${label(first)} »`);
    assert.equal(first.itemId, id, 'the first result is the catalyseur typed');

    await press('Enter');
    await page.locator('#card').waitFor({ state: 'visible', timeout: 5_000 });
    assert.equal(await page.textContent('#card-title'), nom);
    const inCard = await focused();
    assert.equal(inCard.id, 'card-title', `opening the card must move the focus into it, not to « ${label(inCard)} »`);

    await press('Tab');
    const link = await focused();
    assert.equal(link.id, 'card-site', `Tab from the card’s title must reach « Site web ↗ », not « ${label(link)} »`);
    assert.equal(link.text, 'Site web ↗');
    assert.equal(link.href, url);
    assert.ok(link.onScreen);
    await saveScreenshot(page, 'keyboard-card');
  });

  test('Shift+Tab from the card reaches the map through its controls', async () => {
    const path = [];
    for (let i = 0; i < 12; i++) {
      await press('Shift+Tab');
      const f = await focused();
      path.push(label(f));
      if (f.id === 'canvas') break;
    }
    assert.equal(path.at(-1), 'canvas', `the map must be reachable by keyboard; Shift+Tab went through ${path.join(' → ')}`);
    for (const control of ['zoom-in', 'zoom-out', 'home', 'regional']) assert.ok(path.includes(control), `« ${control} » must be reachable by keyboard (${path.join(' → ')})`);
  });

  test('on the map: arrows pan, + and - zoom, Esc closes the card', async () => {
    assert.equal((await focused()).id, 'canvas', 'the previous test leaves the focus on the map');
    assert.ok(await page.locator('#card').isVisible(), 'the card is still open');
    const moves = [
      ['ArrowRight', (a, b) => b.x > a.x && b.y === a.y && b.scale === a.scale, 'east'],
      ['ArrowLeft', (a, b) => b.x < a.x && b.y === a.y && b.scale === a.scale, 'west'],
      ['ArrowUp', (a, b) => b.y > a.y && b.x === a.x && b.scale === a.scale, 'north'],
      ['ArrowDown', (a, b) => b.y < a.y && b.x === a.x && b.scale === a.scale, 'south'],
      ['+', (a, b) => b.scale > a.scale * 1.1, 'a zoom in'],
      ['-', (a, b) => b.scale < a.scale / 1.1, 'a zoom out'],
    ];
    for (const [key, ok, what] of moves) {
      const before = await view();
      await page.keyboard.press(key);
      const after = await waitViewChange(page, before).catch(() => before);
      assert.ok(ok(before, after), `« ${key} » must move the view ${what}: ${JSON.stringify(before)} → ${JSON.stringify(after)}`);
    }
    await press('Escape');
    await page.locator('#card').waitFor({ state: 'hidden', timeout: 3_000 }).catch(() => {});
    assert.equal((await page.evaluate(() => window.catalyseurs.state())).selected, null, 'Esc on the map must close the card');
    assert.equal(await page.locator('#card').isVisible(), false);
  });

  test('no keyboard trap: Tab and Shift+Tab leave the map', async () => {
    assert.equal((await focused()).id, 'canvas');
    await press('Tab');
    const next = await focused();
    assert.equal(next.id, 'zoom-in', `Tab from the map must go to the next control, not « ${label(next)} »`);
    await press('Shift+Tab');
    assert.equal((await focused()).id, 'canvas', 'Shift+Tab comes back to the map');
    await press('Shift+Tab');
    const previous = await focused();
    assert.notEqual(previous.id, 'canvas', 'Shift+Tab must leave the map');
    assert.ok(previous.tag !== 'body', 'Shift+Tab from the map must land on a control');
    assert.deepEqual([...shared.opened.log.consoleErrors, ...shared.opened.log.pageErrors], []);
  });
});
