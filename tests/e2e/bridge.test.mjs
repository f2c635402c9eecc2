// One user action crosses the wasm boundary once (DESIGN §2): the page sends one request and
// shows the snapshot that comes back with it; what the map changes on its own comes as one
// snapshot per changed frame, without the page asking. Counted by wrapping the engine's
// Module.ccall and its onSnapshot callback before the page gets them.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { settleFrames, sharedPage, waitViewStill } from './support.mjs';

const shared = sharedPage({
  setup: (page) =>
    page.addInitScript(() => {
      window.__crossings = { calls: [], pushes: [] };
      let factory;
      Object.defineProperty(window, 'createCatalyseurs', {
        configurable: true,
        get: () => factory,
        set(create) {
          factory = async (options) => {
            const onSnapshot = options.onSnapshot;
            options.onSnapshot = (text) => {
              window.__crossings.pushes.push(JSON.parse(text).changes);
              return onSnapshot(text);
            };
            const module = await create(options);
            const ccall = module.ccall.bind(module);
            module.ccall = (name, ...rest) => {
              window.__crossings.calls.push(name === 'catalyseurs_call' ? JSON.parse(rest[2][0]).type : name);
              return ccall(name, ...rest);
            };
            return module;
          };
        },
      });
    }),
});

// After ready the page loads its context layers and place names (main.js loadContext): the
// counting starts once those four files (regions, catalyseurs, context, places) are in, or
// their loads would be counted against the first action.
before(async () => {
  await shared.ready();
  await shared.page.waitForFunction(() => window.__crossings.calls.filter((c) => c === 'catalyseurs_load').length >= 4, null, { timeout: 30_000 });
});

async function crossings(action) {
  const page = shared.page;
  await settleFrames(page);
  await page.evaluate(() => { window.__crossings = { calls: [], pushes: [] }; });
  await action(page);
  await settleFrames(page);
  return page.evaluate(() => window.__crossings);
}

describe('one user action, one crossing', () => {
  const cases = [
    ['ticking a filter', (p) => p.check('input[name="metiers"][value="dialogue"]'), 'setFilters'],
    ['typing a letter in the search field', async (p) => { await p.focus('#search'); await p.keyboard.press('e'); }, 'search'],
    ['opening a card from the list with the keyboard', async (p) => { await p.focus('#results button'); await p.keyboard.press('Enter'); }, 'select'],
    ['closing the card', (p) => p.keyboard.press('Escape'), 'select'],
    ['the zoom button', (p) => p.click('#zoom-in'), 'zoom'],
    ['the regional view', (p) => p.click('#regional'), 'setRegional'],
    ['« Réinitialiser »', (p) => p.click('#reset'), 'reset'],
    // By the keyboard: scrolling the panel down to the link would drag list entries under a
    // resting pointer, and hovering them is an action of its own.
    ['the CSV export', async (p) => {
      const map = await p.locator('#canvas').boundingBox();
      await p.mouse.move(map.x + map.width / 2, map.y + map.height - 5);
      await p.focus('#export-csv');
      await p.keyboard.press('Enter');
    }, 'export'],
  ];
  for (const [what, action, request] of cases) {
    test(what, async () => {
      const { calls, pushes } = await crossings(action);
      assert.deepEqual(calls, [request], `${what}: the page must make one request, « ${request} »`);
      assert.deepEqual(pushes, [], `${what}: the reply carries the snapshot; no push is needed`);
    });
  }

  test('hovering a list entry', async () => {
    await shared.page.mouse.move(5, 5);
    const { calls } = await crossings((p) => p.hover('#results li:nth-child(2) button'));
    assert.deepEqual(calls, ['hover']);
  });

  test('dragging the map: no request, one snapshot per frame that moved', async () => {
    const page = shared.page;
    const box = await page.locator('#canvas').boundingBox();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);  // leaving the list is an action of its own
    const { calls, pushes } = await crossings(async () => {
      await page.mouse.down();
      for (let i = 1; i <= 10; ++i) await page.mouse.move(box.x + box.width / 2 - i * 12, box.y + box.height / 2);
      await page.mouse.up();
      await waitViewStill(page);
    });
    assert.deepEqual(calls.filter((c) => c !== 'state'), [], 'the page asks nothing while the map moves');
    assert.ok(pushes.length >= 1 && pushes.length <= 12, `at most one snapshot per pointer event (12): ${pushes.length}`);
    for (const changes of pushes) assert.ok(changes.includes('view') || changes.includes('hover'), `a push says what changed: ${changes}`);
  });
});
