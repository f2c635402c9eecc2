// Accessibility (RGAA, WCAG 2 A/AA): axe-core finds no serious or critical violation; the
// results list is one tab stop whose arrows move inside it; Esc closes the card from anywhere
// and focus goes back where it came from; the map shows where the keyboard is; with lang=en
// every word of the page is English.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { axeViolations, openPage, REPO_ROOT, saveScreenshot, settleFrames, sharedPage, waitReady } from './support.mjs';

const STRINGS = JSON.parse(readFileSync(join(REPO_ROOT, 'assets', 'strings.json'), 'utf8'));

const shared = sharedPage();
let page;

before(async () => {
  ({ page } = await shared.ready());
});

const focusedItem = (p = page) => p.evaluate(() => document.activeElement?.closest('li[data-id]')?.dataset.id ?? document.activeElement?.id ?? '');

describe('accessibility', () => {
  test('axe-core: the main page, and with a card open', async () => {
    assert.deepEqual(await axeViolations(page), [], 'the page');
    await page.click('#results li:nth-child(3) button');
    assert.deepEqual(await axeViolations(page), [], 'with the card open');
    await page.keyboard.press('Escape');
  });

  test('axe-core: the « Intégrer la carte » dialog', async () => {
    await page.click('#embed-open');
    await page.waitForSelector('#embed-dialog[open]');
    assert.deepEqual(await axeViolations(page, '#embed-dialog'), [], 'the dialog');
    await page.keyboard.press('Escape');
    await page.waitForSelector('#embed-dialog:not([open])', { state: 'attached' });
  });

  test('axe-core: the compact layout of a 600×400 frame, drawer closed and open', async () => {
    const small = await openPage(shared.browser, shared.site.origin, { path: '/?embed=1', viewport: { width: 600, height: 400 } });
    try {
      await waitReady(small.page);
      assert.deepEqual(await axeViolations(small.page), [], 'drawer closed');
      await small.page.click('#sheet-handle');
      assert.deepEqual(await axeViolations(small.page), [], 'drawer open');
    } finally {
      await small.close();
    }
  });

  test('from the search, the map is one Tab and Enter away', async () => {
    await page.focus('#search');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'skip-to-map');
    assert.ok(await page.isVisible('#skip-to-map'));
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'canvas');
  });

  test('the results list is one tab stop; arrows, Home and End move inside it', async () => {
    await page.focus('#list-in-view');  // the last control before the list
    await page.keyboard.press('Tab');
    const ids = await page.evaluate(() => [...document.querySelectorAll('#results li[data-id]')].map((li) => li.dataset.id));
    const stop = await page.evaluate(() => [...document.querySelectorAll('#results button')].filter((b) => b.tabIndex === 0).map((b) => b.closest('li').dataset.id));
    assert.equal(stop.length, 1, 'one entry in the Tab order');
    assert.equal(await focusedItem(), stop[0], 'Tab from « Dans la zone affichée » reaches that entry (the last one used, else the first)');
    await page.keyboard.press('Home');
    assert.equal(await focusedItem(), ids[0]);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    assert.equal(await focusedItem(), ids[2]);
    await page.keyboard.press('ArrowUp');
    assert.equal(await focusedItem(), ids[1]);
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.closest('#results')), null, 'one more Tab leaves the list');
    await page.keyboard.press('Shift+Tab');
    assert.equal(await focusedItem(), ids[1], 'coming back lands on the entry last used');
    await page.keyboard.press('End');
    assert.equal(await page.evaluate(() => document.activeElement.textContent), await page.evaluate(() => document.querySelector('#results li:last-child button').textContent));
    await page.keyboard.press('Home');
    assert.equal(await focusedItem(), ids[0]);
    await page.keyboard.press('ArrowUp');
    assert.equal(await focusedItem(), 'search', 'up from the first result goes back to the search');
  });

  test('Esc closes the card from anywhere; focus goes back where it came from', async () => {
    await page.focus('#results li:nth-child(2) button');
    const opener = await focusedItem();
    await page.keyboard.press('Enter');
    assert.equal(await page.isVisible('#card'), true);
    await page.focus('#search');
    await page.keyboard.type('x');
    await page.keyboard.press('Escape');
    assert.equal(await page.isHidden('#card'), true, 'Esc in the search field closes the card');
    assert.equal(await page.inputValue('#search'), 'x', 'and leaves the search alone');
    await page.fill('#search', '');
    await page.dispatchEvent('#search', 'input');
    await page.focus(`#results li[data-id="${opener}"] button`);
    await page.keyboard.press('Enter');
    await page.click('#card-close');
    assert.equal(await focusedItem(), opener, 'closing gives focus back to the list entry');
  });

  test('the map shows a focus ring when the keyboard reaches it', async () => {
    await page.focus('#zoom-in');
    await page.keyboard.press('Shift+Tab');  // the canvas comes just before the map's controls
    assert.equal(await page.evaluate(() => document.activeElement.id), 'canvas');
    const outline = await page.evaluate(() => {
      const s = getComputedStyle(document.getElementById('canvas'));
      return { style: s.outlineStyle, width: parseFloat(s.outlineWidth) };
    });
    assert.equal(outline.style, 'solid');
    assert.ok(outline.width >= 2, `a visible ring: ${outline.width}px`);
    await saveScreenshot(page, 'canvas-focus-ring');
  });

  test('lang=en: every word is English, title and labels included; unknown lang warns', async () => {
    const en = await openPage(shared.browser, shared.site.origin, { path: '/?lang=en' });
    try {
      await waitReady(en.page);
      await settleFrames(en.page);
      const words = await en.page.evaluate(() => ({
        lang: document.documentElement.lang,
        title: document.title,
        labels: [...document.querySelectorAll('[aria-label]')].map((el) => el.getAttribute('aria-label')),
        text: document.body.innerText,
      }));
      assert.equal(words.lang, 'en');
      assert.equal(words.title, STRINGS.en.page_title);
      const french = new Set(Object.values(STRINGS.fr).filter((s) => !Object.values(STRINGS.en).includes(s)));
      for (const label of words.labels) assert.ok(!french.has(label), `a French aria-label left: « ${label} »`);
      for (const line of words.text.split('\n').map((l) => l.trim()).filter(Boolean)) {
        assert.ok(!french.has(line), `French text left with lang=en: « ${line} »`);
      }
      assert.deepEqual(await axeViolations(en.page), []);
    } finally {
      await en.close();
    }
    const de = await openPage(shared.browser, shared.site.origin, { path: '/?lang=de' });
    try {
      await waitReady(de.page);
      assert.ok(de.log.warnings.some((w) => w.includes('lang') && w.includes('« de »')), `no warning about lang=de: ${JSON.stringify(de.log.warnings)}`);
      assert.equal(await de.page.evaluate(() => document.documentElement.lang), 'fr');
    } finally {
      await de.close();
    }
  });
});
