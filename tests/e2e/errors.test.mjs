// Every failure the design lists is explained in the page, in French, and never leaves a
// blank canvas (DESIGN §5.3): missing or invalid data, partly valid data, no WebAssembly.
// Without WebGL 2 the data is still served (no-webgl.test.mjs); a lost WebGL context is not a
// failure either (context-loss.test.mjs).
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { describe, test } from 'node:test';
import {
  loadDataset,
  openPage,
  readyOutcome,
  saveScreenshot,
  sharedPage,
  waitReady,
} from './support.mjs';

// No page of its own: each test opens one with the settings it checks.
const shared = sharedPage(null);

const DATA_URL = '**/data/catalyseurs.geojson';

// Serves `body` in place of the real file, keeping the server's other headers (the
// Content-Security-Policy in particular) but not its encoding: the body is plain text now.
async function replaceWith(route, makeBody) {
  const original = await route.fetch();
  const headers = { ...original.headers() };
  for (const name of Object.keys(headers)) {
    if (['content-encoding', 'content-length', 'transfer-encoding'].includes(name.toLowerCase())) delete headers[name];
  }
  const body = makeBody(await original.text());
  await route.fulfill({ status: original.status(), headers, body });
}

// The error box as a visitor sees it: visible, on screen, with a title and an explanation.
async function shownError(page) {
  const box = page.locator('#error');
  await box.waitFor({ state: 'visible', timeout: 60_000 });
  const info = await page.evaluate(() => {
    const el = document.getElementById('error');
    const r = el.getBoundingClientRect();
    const h2 = el.querySelector('h2');
    return {
      role: el.getAttribute('role'),
      title: h2 ? h2.textContent.trim() : '',
      text: el.innerText.trim(),
      area: Math.max(0, Math.min(r.right, innerWidth) - Math.max(r.left, 0)) * Math.max(0, Math.min(r.bottom, innerHeight) - Math.max(r.top, 0)),
      lang: document.documentElement.lang,
      loadingVisible: !document.getElementById('loading').hidden && getComputedStyle(document.getElementById('loading')).display !== 'none',
    };
  });
  assert.equal(info.role, 'alert', 'assistive technology must announce the error');
  assert.ok(info.title.length > 0, 'the error needs an h2 title');
  assert.ok(info.area > 100 * 40, 'the error must be on screen, not a blank page');
  assert.equal(info.loadingVisible, false, 'the loading overlay must not hide the error');
  assert.equal(info.lang, 'fr');
  // French, not an English exception message: accented letters or French function words.
  assert.match(info.text, /[éèêàùçô’]|\b(le|la|les|des|du|est|pas|ne)\b/i, `not French: ${info.text}`);
  return info;
}

async function assertNotReady(page) {
  const outcome = await readyOutcome(page, 3_000);
  assert.notEqual(outcome, 'resolved', 'catalyseurs.ready must not resolve when the map cannot be drawn');
}

// The site as `origin` serves it, except for a catalyseurs.geojson that never ends: 1 MB
// blocks of blanks, streamed until `megabytes` or until the page hangs up.
async function startEndlessDataSite(origin, megabytes) {
  const block = Buffer.alloc(1 << 20, 0x20);
  const server = createServer(async (req, res) => {
    if (req.url.startsWith('/data/catalyseurs.geojson')) {
      res.writeHead(200, { 'Content-Type': 'application/geo+json' });
      let sent = 0;
      const pump = () => {
        while (!res.destroyed && sent < megabytes) {
          sent += 1;
          if (!res.write(block)) return void res.once('drain', pump);
        }
        res.end();
      };
      pump();
      return;
    }
    const upstream = await fetch(origin + req.url, { headers: { 'accept-encoding': 'identity' } });
    const headers = Object.fromEntries(upstream.headers);
    for (const name of ['content-encoding', 'content-length', 'transfer-encoding']) delete headers[name];
    res.writeHead(upstream.status, headers);
    res.end(Buffer.from(await upstream.arrayBuffer()));
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  return { origin: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((done) => { server.closeAllConnections(); server.close(done); }) };
}

describe('failures are shown in French', () => {
  test('a data file too large for the tab is refused while it downloads', async () => {
    const endless = await startEndlessDataSite(shared.site.origin, 400);
    const opened = await openPage(shared.browser, endless.origin);
    try {
      const info = await shownError(opened.page);
      assert.match(info.text, /catalyseurs\.geojson/, 'the message must name the file');
      assert.match(info.text, /dépasse 160 Mo/);
      await assertNotReady(opened.page);
      // The tab stays alive and answers.
      assert.equal(await opened.page.evaluate(() => 6 * 7), 42);
      assert.deepEqual(opened.log.pageErrors, [], 'no uncaught exception');
    } finally {
      await opened.close();
      await endless.close();
    }
  });

  test('catalyseurs.geojson missing (HTTP 404)', async () => {
    const opened = await openPage(shared.browser, shared.site.origin, {
      setup: (page) => page.route(DATA_URL, (route) => route.fulfill({ status: 404, contentType: 'text/plain; charset=utf-8', body: 'Introuvable' })),
    });
    try {
      const info = await shownError(opened.page);
      assert.match(info.text, /catalyseurs\.geojson/, 'the message must name the missing file');
      assert.match(info.text, /introuvable|404/i);
      await assertNotReady(opened.page);
      await saveScreenshot(opened.page, 'error-404');
      assert.deepEqual(opened.log.pageErrors, [], 'no uncaught exception');
    } finally {
      await opened.close();
    }
  });

  // The engine is fetched and compiled by boot.js, before the page's modules run: a failure
  // there must still reach the page's message, naming the file.
  for (const [file, expected] of [['catalyseurs.wasm', /404/], ['catalyseurs.js', /moteur/], ['boot.js', /démarrage/]]) {
    test(`${file} missing (HTTP 404)`, async () => {
      const opened = await openPage(shared.browser, shared.site.origin, {
        setup: (page) => page.route((url) => url.pathname === `/${file}`, (route) => route.fulfill({ status: 404, contentType: 'text/plain; charset=utf-8', body: 'Introuvable' })),
      });
      try {
        const info = await shownError(opened.page);
        assert.match(info.text, new RegExp(file.replace('.', '\\.')), 'the message must name the missing file');
        assert.match(info.text, expected);
        await assertNotReady(opened.page);
        assert.deepEqual(opened.log.pageErrors, [], 'no uncaught exception');
      } finally {
        await opened.close();
      }
    });
  }

  test('catalyseurs.geojson is not JSON', async () => {
    const opened = await openPage(shared.browser, shared.site.origin, {
      setup: (page) => page.route(DATA_URL, (route) => replaceWith(route, (text) => text.slice(0, Math.floor(text.length / 2)) + '\n<html>oops')),
    });
    try {
      const info = await shownError(opened.page);
      assert.match(info.title + ' ' + info.text, /Données invalides/);
      assert.match(info.text, /catalyseurs\.geojson/);
      await assertNotReady(opened.page);
      await saveScreenshot(opened.page, 'error-invalid-json');
      assert.deepEqual(opened.log.pageErrors, []);
    } finally {
      await opened.close();
    }
  });

  test('a partly valid file: the valid entries are drawn, the rejected ones counted', async () => {
    const features = loadDataset().features;
    assert.ok(features.length >= 10, 'the shipped dataset is too small to break four entries');
    // Four different faults, on entries spread through the file. The last one loses its id,
    // so that the console has to name it by its position instead.
    const faults = [
      { at: 1, reason: /structure/, breakIt: (f) => { f.properties.structure = 'fondation-inconnue'; } },
      { at: Math.floor(features.length / 2), reason: /site/, breakIt: (f) => { f.properties.site = 'javascript:alert(1)'; } },
      { at: features.length - 2, reason: /géométrie/, breakIt: (f) => { delete f.geometry; } },
      { at: 5, reason: /\bid\b/, anonymous: true, breakIt: (f) => { delete f.properties.id; } },
    ];
    const broken = faults.map((fault) => features[fault.at].properties.id);
    const valid = features.filter((f) => !broken.includes(f.properties.id));
    const opened = await openPage(shared.browser, shared.site.origin, {
      setup: (page) =>
        page.route(DATA_URL, (route) =>
          replaceWith(route, (text) => {
            const data = JSON.parse(text);
            for (const fault of faults) fault.breakIt(data.features[fault.at]);
            return JSON.stringify(data);
          }),
        ),
    });
    try {
      const { page, log } = opened;
      await waitReady(page);
      assert.equal(await page.locator('#error').isVisible(), false, 'a partly valid file must not stop the map');
      const notice = page.locator('#notice');
      assert.equal(await notice.isVisible(), true, 'the rejected entries must be announced');
      const text = (await notice.innerText()).trim();
      assert.match(text, /(^|\D)4 entrées rejetées/, `the notice must say that 4 entries were rejected: « ${text} »`);
      assert.equal(await notice.getAttribute('role'), 'status');
      const state = await page.evaluate(() => window.catalyseurs.state());
      assert.equal(state.total, valid.length, 'only the valid entries are loaded');
      assert.ok(state.visible > 0);
      assert.deepEqual(broken.filter((id) => state.matchingIds.includes(id)), [], 'a rejected entry must not be listed');
      const positions = await page.evaluate((ids) => ids.map((id) => window.catalyseurs.screenPosition(id)), broken);
      assert.deepEqual(positions, broken.map(() => null), 'a rejected entry must not be on the map');
      // One console line per rejection, naming the entry by its id, or by its position
      // (counted from 1) when it has none, with the reason.
      const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      for (const [k, fault] of faults.entries()) {
        const which = fault.anonymous ? `n° ${fault.at + 1}` : `« ${broken[k]} »`;
        const line = new RegExp(`^catalyseurs\\.geojson : entrée ${escape(which)} rejetée : .+`);
        const found = log.warnings.filter((w) => line.test(w));
        assert.equal(found.length, 1, `expected one console line « catalyseurs.geojson : entrée ${which} rejetée : … »; warnings: ${JSON.stringify(log.warnings)}`);
        assert.match(found[0], fault.reason, `the reason given for entry ${which}`);
      }
      await saveScreenshot(page, 'partly-valid');
      assert.deepEqual([...log.consoleErrors, ...log.pageErrors], []);
    } finally {
      await opened.close();
    }
  });

  // The engine details the first kMaxReportedIssues (1 000, core/geojson.h) rejected entries
  // and only counts the others (the report's `unreported`): the notice says how many.
  test('more rejected entries than the report details: the rest counted in the notice', async () => {
    const extra = 1007;
    for (const [path, wanted] of [
      ['/', new RegExp(`^catalyseurs\\.geojson : ${extra} entrées rejetées car invalides, ${loadDataset().features.length} affichées \\(les 1000 premières détaillées dans la console, et 7 autres problèmes non détaillés\\)\\.$`)],
      ['/?lang=en', /^catalyseurs\.geojson: 1007 invalid entries rejected, \d+ shown \(the first 1000 detailed in the console, and 7 other problems not detailed\)\.$/],
    ]) {
      const opened = await openPage(shared.browser, shared.site.origin, {
        path,
        setup: (page) =>
          page.route(DATA_URL, (route) =>
            replaceWith(route, (text) => {
              const data = JSON.parse(text);
              const model = data.features[0];
              for (let i = 0; i < extra; ++i) {
                data.features.push({ ...model, properties: { ...model.properties, id: `casse-${i}`, structure: 'inconnue' } });
              }
              return JSON.stringify(data);
            }),
          ),
      });
      try {
        await waitReady(opened.page);
        const text = (await opened.page.locator('#notice').innerText()).trim();
        assert.match(text, wanted);
        assert.equal(opened.log.warnings.filter((w) => / entrée « casse-\d+ » rejetée : /.test(w)).length, 1000, 'one console line per detailed entry');
        assert.ok(opened.log.warnings.some((w) => w.includes('7 autres entrées rejetées, non détaillées')));
        assert.deepEqual(opened.log.pageErrors, []);
      } finally {
        await opened.close();
      }
    }
  });

  // Not a failure any more: the core-only engine serves the data (no-webgl.test.mjs, with
  // WebGL really off); here the page's own check is fooled, and must not end in an error.
  test('no WebGL 2: no error, the data served, the map area says why', async () => {
    const opened = await openPage(shared.browser, shared.site.origin, {
      setup: (page) =>
        page.addInitScript(() => {
          const original = HTMLCanvasElement.prototype.getContext;
          HTMLCanvasElement.prototype.getContext = function (type, ...rest) {
            return type === 'webgl2' ? null : original.call(this, type, ...rest);
          };
        }),
    });
    try {
      await waitReady(opened.page);
      assert.equal(await opened.page.isVisible('#error'), false);
      assert.match(await opened.page.locator('#no-map').innerText(), /WebGL2 indisponible/);
      assert.equal(await opened.page.evaluate(() => window.catalyseurs.state().total), loadDataset().features.length);
      assert.deepEqual(opened.log.pageErrors, []);
    } finally {
      await opened.close();
    }
  });

  test('no WebAssembly', async () => {
    const opened = await openPage(shared.browser, shared.site.origin, {
      setup: (page) => page.addInitScript(() => { delete window.WebAssembly; }),
    });
    try {
      assert.equal(await opened.page.evaluate(() => typeof WebAssembly), 'undefined', 'the simulation must work');
      const info = await shownError(opened.page);
      assert.match(info.text, /WebAssembly/);
      await assertNotReady(opened.page);
      await saveScreenshot(opened.page, 'error-no-wasm');
      assert.deepEqual(opened.log.pageErrors, []);
    } finally {
      await opened.close();
    }
  });

});
