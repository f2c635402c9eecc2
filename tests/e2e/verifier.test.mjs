// « Vérifier un tableur » (verifier.html): the directory's spreadsheet checked in the page by
// the core's rules compiled to WebAssembly. Expectations come from outside the page: the
// shipped GeoJSON, each bad fixture's .expected file, and the command line's own output for
// the same file (build/native/geodata/catalyseurs-csv, built by scripts/test.sh).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { downloaded, FIXTURES_DIR, foreignRequests, openPage, REPO_ROOT, saveScreenshot, sharedPage, waitReady } from './support.mjs';

const STRINGS = JSON.parse(readFileSync(join(REPO_ROOT, 'assets', 'strings.json'), 'utf8'));
const CLI = join(REPO_ROOT, 'build', 'native', 'geodata', 'catalyseurs-csv');
const BAD = join(FIXTURES_DIR, 'spreadsheet', 'bad');
const SHIPPED_CSV = readFileSync(join(REPO_ROOT, 'geodata', 'catalyseurs.csv'));
const SHIPPED_GEOJSON = readFileSync(join(REPO_ROOT, 'geodata', 'catalyseurs.geojson'));

const shared = sharedPage(null);
let page;
let opened;
let requestsAtReady;

before(async () => {
  await shared.ready();
  opened = await openPage(shared.browser, shared.site.origin, { path: '/verifier.html' });
  page = opened.page;
  await page.waitForFunction(() => window.checker);
  await page.evaluate(() => window.checker.ready);
  await page.waitForSelector('#file:enabled', { state: 'attached' });
  requestsAtReady = opened.log.requests.length;
});

// The command's problems for a file: {line, column, reason}, as it prints them.
function cliProblems(path) {
  assert.ok(existsSync(CLI), `${CLI} is missing: build the native preset first`);
  const out = join(mkdtempSync(join(tmpdir(), 'verifier-')), 'out.geojson');
  let stderr = '';
  try {
    execFileSync(CLI, [path, out], { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (e) {
    stderr = e.stderr.toString('utf8');
  }
  const problems = [];
  for (const line of stderr.split('\n')) {
    if (!line.startsWith(`${path}:`)) continue;
    const m = /^(\d+): (?:colonne « (.*?) » : )?(.*)$/.exec(line.slice(path.length + 1));
    if (m) problems.push({ line: Number(m[1]), column: m[2] ?? '', reason: m[3] });
  }
  return problems;
}

async function feed(name, buffer) {
  const before = await page.evaluate(() => Number(document.body.dataset.checked || 0));
  await page.setInputFiles('#file', { name, mimeType: 'text/csv', buffer });
  await page.waitForFunction((n) => Number(document.body.dataset.checked || 0) > n, before);
}

// `linked`: the problem is a link to its row of the table, which is there.
const shownProblems = () => page.$$eval('#issues li[data-line]', (items) => items.map((li) => {
  const href = li.querySelector('a')?.getAttribute('href');
  const row = href === `#ligne-${li.dataset.line}` ? document.getElementById(href.slice(1)) : null;
  return { line: Number(li.dataset.line), column: li.dataset.column, text: li.textContent, linked: Boolean(row?.closest('tbody')) };
}));

const counts = () => page.$eval('#summary', (s) => ({ valid: Number(s.dataset.valid), rejected: Number(s.dataset.rejected), text: s.textContent }));

describe('the shipped spreadsheet', () => {
  test('is valid, listed and previewed, and its GeoJSON is the shipped file byte for byte', async () => {
    await feed('catalyseurs.csv', SHIPPED_CSV);
    assert.deepEqual(await shownProblems(), []);
    const { valid, rejected, text } = await counts();
    assert.equal(valid, 350);
    assert.equal(rejected, 0);
    assert.equal(text, `350 lignes valides, ${STRINGS.fr.checker_rejected_zero}`);
    assert.equal(await page.locator('#rows-body tr.ok').count(), 350);
    assert.equal(await page.locator('#rows-body tr.bad').count(), 0);
    // Le Centsept, in Lyon, Auvergne-Rhône-Alpes, on the line where the file has it.
    const csv = SHIPPED_CSV.toString('utf8');
    const line = csv.slice(0, csv.indexOf('\nle-centsept,')).split('\n').length + 1;
    const row = await page.$$eval(`#ligne-${line} td`, (cells) => cells.map((c) => c.textContent));
    assert.deepEqual(row.slice(0, 5), [String(line), 'le-centsept', 'Le Centsept', 'Lyon', 'Auvergne-Rhône-Alpes']);
    const dots = Number(await page.getAttribute('#plot', 'data-dots'));
    assert.ok(dots > 250 && dots < 350, `${dots} dots in metropolitan France`);
    assert.match(await page.textContent('#plot-caption'), new RegExp(`^${350 - dots} lignes valides hors de la métropole`));
    const { name, bytes } = await downloaded(page, '#download-geojson');
    assert.equal(name, 'catalyseurs.geojson');
    assert.ok(bytes.equals(SHIPPED_GEOJSON), 'the downloaded GeoJSON differs from geodata/catalyseurs.geojson');
    await saveScreenshot(page, 'verifier-shipped');
  });
});

describe('bad spreadsheets', () => {
  const fixtures = readdirSync(BAD).filter((f) => f.endsWith('.csv')).sort();
  test('there are bad fixtures to feed', () => assert.ok(fixtures.length >= 30, `${fixtures.length}`));
  for (const fixture of fixtures) {
    test(`${fixture}: every problem with its line and column, as the command prints it`, async () => {
      const path = join(BAD, fixture);
      await feed(fixture, readFileSync(path));
      const shown = await shownProblems();
      const expected = readFileSync(path.replace(/\.csv$/, '.expected'), 'utf8').split('\n')
        .filter((l) => l && !l.startsWith('#')).map((l) => l.split('\t'));
      assert.equal(shown.length, expected.length, JSON.stringify(shown));
      expected.forEach(([line, column, text], k) => {
        assert.equal(shown[k].line, Number(line), shown[k].text);
        assert.equal(shown[k].column, column, shown[k].text);
        assert.ok(shown[k].text.includes(text), `${shown[k].text} lacks ${text}`);
        // The header's problems are line 1's, which is no row of the table.
        assert.equal(shown[k].linked, Number(line) > 1, `${shown[k].text}: ${shown[k].linked ? 'linked' : 'no row to link to'}`);
      });
      const cli = cliProblems(path);
      assert.deepEqual(shown.map((p) => [p.line, p.column]), cli.map((p) => [p.line, p.column]));
      cli.forEach((p, k) => {
        const where = `Ligne ${p.line}${p.column ? `, colonne «\u202f${p.column}\u202f»` : ''}`;
        assert.equal(shown[k].text, `${where}\u00a0: ${p.reason}`);
      });
      assert.equal(await page.isVisible('#download-geojson'), false);
      assert.equal(await page.isVisible('#geojson-blocked'), true);
    });
  }
  test('a rejected row is marked in the table, and the count says how many', async () => {
    await feed('several_bad_rows.csv', readFileSync(join(BAD, 'several_bad_rows.csv')));
    const { valid, rejected } = await counts();
    const bad = await page.locator('#rows-body tr.bad').count();
    assert.equal(rejected, bad);
    assert.ok(valid > 0 && rejected > 0);
    await page.click('#issues li a');
    assert.ok(await page.$eval('#rows-body tr.bad', (tr) => tr.matches(':target')));
    await saveScreenshot(page, 'verifier-bad');
  });
});

describe('a long spreadsheet', () => {
  // The shipped rows four times and a half (one per line: the file has no multi-line cell),
  // ids made unique, two of them broken near the end.
  const [header, ...records] = SHIPPED_CSV.toString('utf8').trimEnd().split('\n');
  assert.equal(records.length, 350);
  const lines = [header];
  for (let i = 0; i < 1500; ++i) lines.push(records[i % 350].replace(/^([a-z0-9-]+),/, `$1-${i},`));
  lines[1400] = lines[1400].replace(/,(true|false)$/, ',peut-être');
  lines[1450] = lines[1450].replace(/^[a-z0-9-]+,/, 'Majuscules,');

  test('every problem has its row; the valid rows past the first thousand wait for a click', async () => {
    await feed('long.csv', Buffer.from(`${lines.join('\n')}\n`));
    assert.deepEqual((await shownProblems()).map((p) => [p.line, p.column, p.linked]), [[1401, 'demo', true], [1451, 'id', true]]);
    assert.deepEqual(await counts(), { valid: 1498, rejected: 2, text: '1\u202f498 lignes valides, 2 lignes rejetées' });
    assert.equal(await page.locator('#rows-body tr').count(), 1000);
    assert.equal(await page.locator('#rows-body tr.bad').count(), 2);
    assert.equal(await page.isVisible('#rows-more'), true);
    await page.click('#rows-all');
    assert.equal(await page.locator('#rows-body tr').count(), 1500);
    assert.equal(await page.isVisible('#rows-more'), false);
  });
});

describe('friendlier files', () => {
  test('a Windows-1252 file is converted, with a note', async () => {
    await feed('windows1252.csv', readFileSync(join(FIXTURES_DIR, 'spreadsheet', 'windows1252.csv')));
    assert.equal(await page.isVisible('#converted'), true);
    assert.match(await page.textContent('#converted'), /Windows-1252/);
    assert.deepEqual(await shownProblems(), []);
    const names = await page.$$eval('#rows-body tr td:nth-child(3)', (cells) => cells.map((c) => c.textContent));
    assert.deepEqual(names, ['Café des possibles', 'Atelier d’Île-de-France']);
    await feed('catalyseurs.csv', SHIPPED_CSV);
    assert.equal(await page.isVisible('#converted'), false);
  });

  test('a file dropped on the page is checked', async () => {
    const bytes = readFileSync(join(BAD, 'misspelt_column.csv')).toString('base64');
    const before = await page.evaluate(() => Number(document.body.dataset.checked || 0));
    await page.evaluate((b64) => {
      const file = new File([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], 'déposé.csv', { type: 'text/csv' });
      const data = new DataTransfer();
      data.items.add(file);
      document.getElementById('drop').dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    }, bytes);
    await page.waitForFunction((n) => Number(document.body.dataset.checked || 0) > n, before);
    assert.equal(await page.textContent('#report-title'), 'déposé.csv');
    assert.equal(await page.textContent('#summary'), STRINGS.fr.checker_not_checked);
    assert.equal(await page.isVisible('#preview-title'), false);
    const [problem] = await shownProblems();
    // The reason is the core's, as the command prints it; the page only puts « Ligne 1 : » before it.
    assert.equal(problem.text, 'Ligne 1\u00a0: colonne « metier » inconnue : vouliez-vous dire « metiers » ?');
  });

  test('« Télécharger un modèle » gives the command’s template, which checks clean', async () => {
    const { name, bytes } = await downloaded(page, '#template');
    assert.equal(name, 'modele-catalyseurs.csv');
    const out = join(mkdtempSync(join(tmpdir(), 'verifier-')), 'modele.csv');
    execFileSync(CLI, ['--template', out], { stdio: 'ignore' });
    assert.ok(bytes.equals(readFileSync(out)), 'the page’s template differs from catalyseurs-csv --template');
    await feed('modele.csv', bytes);
    assert.deepEqual(await shownProblems(), []);
    assert.deepEqual(await counts(), { valid: 2, rejected: 0, text: `2 lignes valides, ${STRINGS.fr.checker_rejected_zero}` });
  });

  test('nothing was sent anywhere once the checker and the gazetteer were loaded', () => {
    const early = opened.log.requests.slice(0, requestsAtReady).map((u) => new URL(u).pathname);
    for (const file of ['/checker.js', '/checker.wasm', '/data/communes.csv']) assert.ok(early.includes(file), `${file} not loaded`);
    assert.ok(!early.includes('/catalyseurs.wasm'), 'the map’s module was loaded too');
    // The tab's icon is the browser's own request, made whenever it gets to it.
    const later = opened.log.requests.slice(requestsAtReady).filter((u) => !u.startsWith('blob:') && !u.endsWith('/favicon.svg'));
    assert.deepEqual(later, []);
    assert.deepEqual(foreignRequests(opened.log.requests, shared.site.origin), []);
    assert.deepEqual(opened.log.pageErrors, []);
    assert.deepEqual(opened.log.consoleErrors, []);
  });
});

describe('in English, and from the map', () => {
  test('?lang=en: the page in English, with the way back to the map in English too', async () => {
    const english = await openPage(shared.browser, shared.site.origin, { path: '/verifier.html?lang=en', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    try {
      const p = english.page;
      await p.waitForSelector('#file:enabled', { state: 'attached' });
      await p.waitForFunction(() => document.documentElement.lang === 'en');
      assert.equal(await p.title(), STRINGS.en.checker_page_title);
      assert.equal(await p.textContent('h1'), STRINGS.en.checker_title);
      assert.equal(await p.textContent('#status'), STRINGS.en.checker_ready);
      assert.match(await p.getAttribute('a[data-keep-lang]', 'href'), /\/\?lang=en$/);
      await p.setInputFiles('#file', { name: 'bad.csv', mimeType: 'text/csv', buffer: readFileSync(join(BAD, 'wrong_metier.csv')) });
      await p.waitForSelector('#issues li[data-line]');
      assert.match(await p.textContent('#issues li'), /^Line 3, column “metiers”: /);
      assert.equal(await p.textContent('#summary'), '1 valid row, 1 row rejected');
      await saveScreenshot(p, 'verifier-en-phone', { fullPage: true });
    } finally {
      await english.close();
    }
  });

  test('the map links to the page, in its language, and never loads the gazetteer', async () => {
    const map = await openPage(shared.browser, shared.site.origin, { path: '/?lang=en' });
    try {
      await waitReady(map.page);
      const link = map.page.locator('#checker-link');
      assert.equal(await link.textContent(), STRINGS.en.checker_link);
      assert.match(await link.getAttribute('href'), /\/verifier\.html\?lang=en$/);
      const paths = map.log.requests.map((u) => new URL(u).pathname);
      for (const file of ['/data/communes.csv', '/checker.js', '/checker.wasm']) assert.ok(!paths.includes(file), `the map loaded ${file}`);
    } finally {
      await map.close();
    }
  });
});
