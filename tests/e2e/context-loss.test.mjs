// A lost WebGL context comes back by itself: the page says the drawing is interrupted, the
// panel keeps working meanwhile, and once the browser restores the context the map draws the
// same state again and answers, without a reload.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { canvasBox, decodePng, openPage, saveScreenshot, settleFrames, sharedPage, waitReady, waitViewChange } from './support.mjs';

const shared = sharedPage(null);

// The share of the canvas' pixels that differ by more than a few levels between two shots.
function differingShare(a, b) {
  let differing = 0;
  let total = 0;
  for (let y = 0; y < a.height; y += 2) {
    for (let x = 0; x < a.width; x += 2) {
      const p = a.pixel(x, y);
      const q = b.pixel(x, y);
      total++;
      if (!q || p.some((v, i) => Math.abs(v - q[i]) > 8)) differing++;
    }
  }
  return differing / total;
}

// The WEBGL_lose_context extension of the map's own context (asking for the type the canvas
// already has returns that context). A lost context gives no extensions: the first call keeps it.
const loseContext = (page, how) => page.evaluate((method) => {
  if (!window.__loseContext) {
    const gl = document.getElementById('canvas').getContext('webgl2');
    window.__loseContext = gl && gl.getExtension('WEBGL_lose_context');
  }
  if (!window.__loseContext) return false;
  window.__loseContext[method]();
  return true;
}, how);

describe('a lost WebGL context', () => {
  test('is said, then restored by itself: the same map is drawn again and answers', async () => {
    const opened = await openPage(shared.browser, shared.site.origin);
    try {
      const { page, log } = opened;
      await waitReady(page);
      await page.mouse.move(5, 5); // over the panel: no tooltip on the map
      await settleFrames(page);
      const box = await canvasBox(page);
      const clip = { x: box.x, y: box.y, width: box.width, height: box.height };
      const shot = async (name) => decodePng((await saveScreenshot(page, name, { clip })).png);
      const before = await shot('context-before');

      assert.ok(await loseContext(page, 'loseContext'), 'WEBGL_lose_context is needed to simulate the loss');
      const status = page.locator('#map-status');
      await status.waitFor({ state: 'visible', timeout: 10_000 });
      assert.match(await status.textContent(), /contexte graphique/);
      assert.ok(await page.evaluate(() => document.getElementById('canvas').getContext('webgl2').isContextLost()));
      await saveScreenshot(page, 'context-lost');
      assert.equal(await page.locator('#error').isVisible(), false, 'a loss is not a fatal error');

      // Meanwhile the state lives on: the panel still filters.
      const total = (await page.evaluate(() => window.catalyseurs.state())).matching;
      await page.fill('#search', 'Lyon');
      await page.waitForFunction((n) => window.catalyseurs.state().matching < n, total);
      await page.fill('#search', '');
      await page.waitForFunction((n) => window.catalyseurs.state().matching === n, total);

      assert.ok(await loseContext(page, 'restoreContext'));
      await status.waitFor({ state: 'hidden', timeout: 10_000 });
      assert.equal(await page.evaluate(() => document.getElementById('canvas').getContext('webgl2').isContextLost()), false);
      await settleFrames(page, 10);
      const after = await shot('context-restored');
      const changed = differingShare(before, after);
      assert.ok(changed < 0.01, `the restored map looks as before (${(100 * changed).toFixed(2)} % of pixels differ)`);

      // It answers: a zoom moves and redraws the view; a marker opens its card.
      const view = (await page.evaluate(() => window.catalyseurs.state())).view;
      await page.click('#zoom-in');
      await waitViewChange(page, view);
      await settleFrames(page, 10);
      const zoomed = await shot('context-zoomed');
      assert.ok(differingShare(after, zoomed) > 0.05, 'the zoomed map is drawn');
      const ids = (await page.evaluate(() => window.catalyseurs.state())).matchingIds;
      let clicked = null;
      for (const candidate of ids) {
        const at = await page.evaluate((x) => window.catalyseurs.screenPosition(x), candidate);
        if (at && at.x > 40 && at.y > 40 && at.x < box.width - 200 && at.y < box.height - 40) {
          await page.mouse.click(box.x + at.x, box.y + at.y);
          clicked = candidate;
          break;
        }
      }
      assert.ok(clicked, 'a marker is drawn on its own somewhere');
      await page.locator('#card').waitFor({ state: 'visible', timeout: 5_000 });
      assert.equal((await page.evaluate(() => window.catalyseurs.state())).selected, clicked);

      assert.deepEqual(log.pageErrors, []);
      assert.deepEqual(log.consoleErrors, []);
    } finally {
      await opened.close();
    }
  });
});
