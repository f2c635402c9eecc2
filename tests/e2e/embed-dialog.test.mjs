// « Intégrer la carte » (DESIGN §6): the map controls' button opens a modal dialog that keeps
// the focus, closes with Esc and gives the focus back; its <iframe> snippet carries a title
// naming the active filters, lazy loading, the chosen size (presets or free values) and an
// address with the filters, search, view, embed, panel and language; its preview is the
// framed map itself, in the same state; « Copier le code » copies exactly the snippet, with a
// fallback when the clipboard API is refused; the dialog speaks English with lang=en.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { REGION_NAMES, openPage, readSiteFile, saveScreenshot, settleFrames, sharedPage, waitReady, waitViewChange } from './support.mjs';

const STRINGS = JSON.parse(readSiteFile('strings.json').toString('utf8'));
const NNBSP = '\u202f';
// Quotes, angle brackets and an ampersand: what a careless snippet would break on.
const QUERY = 'Tom "l’a" <b>dit</b> & co';

const shared = sharedPage({
  path: '/?metier=lieu,dialogue&region=53',
  setup: (p, context) => context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: shared.site.origin }),
});
let page;

before(async () => {
  ({ page } = await shared.ready());
  await page.fill('#search', QUERY);
  await page.waitForFunction((q) => window.catalyseurs.state().q === q, QUERY);
});

const isOpen = (p = page) => p.evaluate(() => document.getElementById('embed-dialog').open);
const focused = (p = page) => p.evaluate(() => {
  const el = document.activeElement;
  return { id: el?.id || el?.tagName, inDialog: document.getElementById('embed-dialog').contains(el) };
});

async function openDialog(p = page) {
  await p.click('#embed-open');
  await p.waitForFunction(() => document.getElementById('embed-dialog').open, null, { timeout: 5_000 });
}

// Closed, and its close event handled (it comes a task later): the preview is unloaded.
const waitClosed = (p = page) => p.waitForFunction(() => !document.getElementById('embed-dialog').open
  && document.getElementById('embed-frame').getAttribute('src') === 'about:blank', null, { timeout: 5_000 });

async function closeDialog(p = page) {
  if (await isOpen(p)) await p.keyboard.press('Escape');
  await waitClosed(p);
}

// The snippet as a browser parses it: what a host page would get.
function snippet(p = page) {
  return p.evaluate(() => {
    const code = document.getElementById('embed-code').value;
    const body = new DOMParser().parseFromString(code, 'text/html').body;
    const frame = body.firstElementChild;
    return {
      code,
      elements: body.querySelectorAll('*').length,
      text: body.textContent,
      tag: frame?.tagName,
      attributes: Object.fromEntries([...(frame?.attributes ?? [])].map((a) => [a.name, a.value])),
    };
  });
}

// The preview's own window once it shows `src`, and ready.
async function previewFrame(src, p = page) {
  await p.waitForFunction((s) => document.getElementById('embed-frame').src === s, src, { timeout: 5_000 });
  let frame = null;
  for (let i = 0; i < 100 && !frame; i++) {
    frame = p.frames().find((f) => f.url() === src) ?? null;
    if (!frame) await p.waitForTimeout(100);
  }
  assert.ok(frame, `the preview must load ${src}`);
  await waitReady(frame);
  return frame;
}

async function choosePreset(label) {
  await page.selectOption('#embed-preset', { label });
}

describe('opening and closing', () => {
  test('the button sits in the map controls, labelled, and opens a labelled modal dialog', async () => {
    const button = await page.evaluate(() => {
      const b = document.getElementById('embed-open');
      return { inControls: !!b.closest('.map-controls'), label: b.getAttribute('aria-label'), title: b.title, icon: !!b.querySelector('svg'), popup: b.getAttribute('aria-haspopup') };
    });
    assert.deepEqual(button, { inControls: true, label: 'Intégrer la carte', title: 'Intégrer la carte', icon: true, popup: 'dialog' });
    await openDialog();
    const dialog = await page.evaluate(() => {
      const d = document.getElementById('embed-dialog');
      return { modal: d.matches(':modal'), label: document.getElementById(d.getAttribute('aria-labelledby'))?.textContent, described: !!document.getElementById(d.getAttribute('aria-describedby'))?.textContent };
    });
    assert.deepEqual(dialog, { modal: true, label: 'Intégrer la carte', described: true });
    assert.ok((await focused()).inDialog, 'opening moves the focus into the dialog');
    const behind = await page.evaluate(() => {
      const r = document.getElementById('zoom-in').getBoundingClientRect();
      return document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2)?.id;
    });
    assert.equal(behind, 'embed-dialog', 'the map behind is out of reach: a click there meets the backdrop');
  });

  test('Tab and Shift+Tab go round inside the dialog', async () => {
    for (const key of ['Tab', 'Shift+Tab']) {
      const path = [];
      for (let i = 0; i < 24; i++) {
        await page.keyboard.press(key);
        const f = await focused();
        assert.ok(f.inDialog, `${key} must not leave the dialog (${[...path, f.id].join(' → ')})`);
        path.push(f.id);
      }
      for (const id of ['embed-close', 'embed-preset', 'embed-width', 'embed-height', 'embed-lang', 'embed-view', 'embed-code', 'embed-copy']) {
        assert.ok(path.includes(id), `${key} must reach #${id} (${path.join(' → ')})`);
      }
      assert.ok(path.filter((id) => id === 'embed-copy').length >= 2, `${key} must go round (${path.join(' → ')})`);
    }
  });

  test('Esc closes the dialog, gives the focus back to the button and unloads the preview', async () => {
    await page.keyboard.press('Escape');
    await waitClosed();
    assert.equal((await focused()).id, 'embed-open');
  });

  test('the keyboard opens it too, with Enter and with Space; the close button closes it', async () => {
    for (const key of ['Enter', 'Space']) {
      await page.focus('#embed-open');
      await page.keyboard.press(key);
      await page.waitForFunction(() => document.getElementById('embed-dialog').open, null, { timeout: 5_000 });
      await page.click('#embed-close');
      await waitClosed();
      assert.equal((await focused()).id, 'embed-open', `after ${key} and the close button`);
    }
  });
});

describe('the snippet', () => {
  const TITLE_FR = `Carte des catalyseurs territoriaux — Gestion d’un lieu, tiers-lieu ou Dialogue territorial${NNBSP}; ${REGION_NAMES['53']}${NNBSP}; recherche «${NNBSP}${QUERY}${NNBSP}»`;
  const TITLE_EN = `Map of territorial catalysts — Running a place, third place or Local dialogue; ${REGION_NAMES['53']}; search “${QUERY}”`;

  test('one iframe, titled with the filters in words, lazy, 800 × 600 by default', async () => {
    await openDialog();
    const s = await snippet();
    assert.equal(s.elements, 1, `the snippet must be one element: ${s.code}`);
    assert.equal(s.text, '', 'nothing of the snippet may spill out as text');
    assert.equal(s.tag, 'IFRAME');
    assert.equal(s.attributes.title, TITLE_FR);
    assert.equal(s.attributes.loading, 'lazy');
    assert.equal(s.attributes.width, '800');
    assert.equal(s.attributes.height, '600');
    assert.equal(s.attributes.style, undefined, 'no style attribute, which a host as strict as this page would refuse');
  });

  test('the size follows the presets and free values; a bad value is refused and says why', async () => {
    for (const [label, width, height] of [['600 × 400', '600', '400'], [`100${NNBSP}% × 500`, '100%', '500'], ['800 × 600', '800', '600']]) {
      await choosePreset(label);
      const { attributes } = await snippet();
      assert.deepEqual([attributes.width, attributes.height], [width, height], label);
    }
    await page.fill('#embed-width', '720');
    await page.fill('#embed-height', '480');
    let { attributes } = await snippet();
    assert.deepEqual([attributes.width, attributes.height], ['720', '480']);
    assert.equal(await page.inputValue('#embed-preset'), 'custom', 'a free size shows as « Personnalisée »');
    await page.fill('#embed-width', '75 %');
    ({ attributes } = await snippet());
    assert.equal(attributes.width, '75%');
    await page.fill('#embed-width', '600');
    await page.fill('#embed-height', '400');
    assert.equal(await page.locator('#embed-preset option:checked').textContent(), '600 × 400', 'typing a preset’s size selects it');

    const before = (await snippet()).code;
    for (const [field, bad] of [['#embed-width', '50'], ['#embed-width', '120%'], ['#embed-width', 'large'], ['#embed-height', '5000'], ['#embed-height', '50%']]) {
      await page.fill(field, bad);
      assert.equal(await page.getAttribute(field, 'aria-invalid'), 'true', `${field} = ${bad}`);
      const error = await page.evaluate((f) => {
        const el = document.getElementById(document.querySelector(f).getAttribute('aria-describedby'));
        return el.hidden ? '' : el.textContent;
      }, field);
      assert.match(error, field === '#embed-width' ? /^Largeur\u00a0: .*200 à 4000/ : /^Hauteur\u00a0: .*200 à 4000/, `${field} = ${bad}: the error says what is expected`);
      assert.equal(await page.isDisabled('#embed-copy'), true, `${field} = ${bad}: nothing to copy`);
      assert.equal((await snippet()).code, before, `${field} = ${bad}: the code keeps the last valid size`);
      await page.fill(field, field === '#embed-width' ? '600' : '400');
      assert.equal(await page.getAttribute(field, 'aria-invalid'), 'false');
    }
    assert.equal(await page.isDisabled('#embed-copy'), false);
    await choosePreset('800 × 600');
  });

  test('the address: this map, with filters, search, embed, panel and language; the view once the map was moved', async () => {
    let { attributes } = await snippet();
    let src = new URL(attributes.src);
    assert.equal(`${src.origin}${src.pathname}`, `${shared.site.origin}/`);
    assert.equal(src.searchParams.get('embed'), '1');
    assert.equal(src.searchParams.get('lang'), 'fr');
    assert.equal(src.searchParams.has('panel'), false, 'the panel shown is the default');
    assert.equal(src.searchParams.get('metier'), 'lieu,dialogue');
    assert.equal(src.searchParams.get('region'), '53');
    assert.equal(src.searchParams.get('q'), QUERY);
    assert.equal(src.searchParams.has('view'), false, 'a map left at its overview lets the frame fit its own');
    assert.equal(src.searchParams.has('id'), false);
    for (const [value, param] of [['collapsed', 'collapsed'], ['hidden', '0']]) {
      await page.check(`input[name="embed-panel"][value="${value}"]`);
      ({ attributes } = await snippet());
      assert.equal(new URL(attributes.src).searchParams.get('panel'), param, value);
    }
    await page.selectOption('#embed-lang', 'en');
    ({ attributes } = await snippet());
    assert.equal(new URL(attributes.src).searchParams.get('lang'), 'en');
    assert.equal(attributes.title, TITLE_EN, 'the title speaks the frame’s language');
    await closeDialog();

    const before = await page.evaluate(() => window.catalyseurs.state().view);
    await page.click('#zoom-in');
    const v = await waitViewChange(page, before);
    await page.waitForFunction(() => new URLSearchParams(window.location.search).has('view'), null, { timeout: 5_000 });
    await openDialog();
    assert.equal(await page.isChecked('#embed-view'), true, 'once moved, the current view is kept by default');
    src = new URL((await snippet()).attributes.src);
    assert.equal(src.searchParams.get('view'), `${Math.round(v.x)},${Math.round(v.y)},${v.scale.toPrecision(4)}`);
    await page.uncheck('#embed-view');
    assert.equal(new URL((await snippet()).attributes.src).searchParams.has('view'), false);
    await page.check('#embed-view');
  });

  test('the preview is the framed map, in the snippet’s state and at its size', async () => {
    await page.check('input[name="embed-panel"][value="shown"]');
    await page.selectOption('#embed-lang', 'fr');
    const { attributes } = await snippet();
    const frame = await previewFrame(attributes.src);
    const state = await frame.evaluate(() => window.catalyseurs.state());
    assert.deepEqual(state.filters, { metiers: ['lieu', 'dialogue'], thematiques: [], structure: [], region: ['53'] });
    assert.equal(state.q, QUERY);
    assert.equal(await frame.evaluate(() => document.body.classList.contains('embed')), true);
    assert.equal(await frame.evaluate(() => document.documentElement.lang), 'fr');
    const box = await page.evaluate(() => {
      const f = document.getElementById('embed-frame');
      const r = f.getBoundingClientRect();
      return { width: r.width, height: r.height, cssWidth: f.offsetWidth, cssHeight: f.offsetHeight, caption: document.getElementById('embed-preview-caption').textContent, inert: f.inert };
    });
    assert.deepEqual([box.cssWidth, box.cssHeight], [800, 600], 'the framed map is laid out at the chosen size');
    const scale = box.width / 800;
    assert.ok(scale > 0.2 && scale <= 1 && Math.abs(box.height / 600 - scale) < 0.01, `scaled evenly to fit (${box.width} × ${box.height})`);
    assert.equal(box.caption, `Aperçu à ${Math.round(scale * 100)}${NNBSP}% de la taille réelle\u00a0: 800 × 600`);
    assert.equal(box.inert, true, 'the preview is shown, not a second map to Tab through');

    // Another language reloads the preview.
    await page.selectOption('#embed-lang', 'en');
    const english = await previewFrame((await snippet()).attributes.src);
    assert.equal(await english.evaluate(() => document.documentElement.lang), 'en');
    await saveScreenshot(page, 'embed-dialog-desktop');
    await page.selectOption('#embed-lang', 'fr');
  });

  test('« Copier le code » puts exactly the snippet in the clipboard and says so', async () => {
    await page.evaluate(() => navigator.clipboard.writeText('rien'));
    await page.click('#embed-copy');
    await page.locator('#embed-copied').filter({ hasText: /\S/ }).waitFor({ timeout: 5_000 });
    assert.equal(await page.getAttribute('#embed-copied', 'role'), 'status');
    assert.equal(await page.textContent('#embed-copied'), 'Code copié dans le presse-papiers');
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), (await snippet()).code);
    await closeDialog();
  });

  test('no error in the page', () => {
    assert.deepEqual(shared.opened.log.pageErrors, []);
    assert.deepEqual(shared.opened.log.consoleErrors, []);
  });
});

test('without the clipboard API the code is copied from its field, selected', async () => {
  const other = await openPage(shared.browser, shared.site.origin, {
    path: '/?theme=emploi',
    setup: async (p, context) => {
      await context.grantPermissions(['clipboard-read'], { origin: shared.site.origin });
      await p.addInitScript(() => {
        navigator.clipboard.writeText = () => Promise.reject(new DOMException('refused', 'NotAllowedError'));
      });
    },
  });
  try {
    const p = other.page;
    await waitReady(p);
    await openDialog(p);
    await p.click('#embed-copy');
    await p.locator('#embed-copied').filter({ hasText: /\S/ }).waitFor({ timeout: 5_000 });
    const { code } = await snippet(p);
    const field = await p.evaluate(() => {
      const c = document.getElementById('embed-code');
      return { focused: document.activeElement === c, start: c.selectionStart, end: c.selectionEnd };
    });
    assert.deepEqual(field, { focused: true, start: 0, end: code.length }, 'the whole code is selected');
    assert.equal(await p.textContent('#embed-copied'), 'Code copié dans le presse-papiers');
    assert.equal(await p.evaluate(() => navigator.clipboard.readText()), code, 'the old way copies exactly the snippet too');

    // When even that is refused, the code stays selected and the page says to copy it.
    await p.evaluate(() => { document.execCommand = () => false; });
    await p.click('#embed-copy');
    await p.locator('#embed-copied').filter({ hasText: /refusé/ }).waitFor({ timeout: 5_000 });
    assert.match(await p.textContent('#embed-copied'), /^Le navigateur a refusé la copie\u00a0: le code est sélectionné, copiez-le avec Ctrl\+C/);
    assert.deepEqual(await p.evaluate(() => [document.activeElement.id, document.getSelection().toString().length]), ['embed-code', code.length]);
    assert.deepEqual(other.log.pageErrors, []);
  } finally {
    await other.close();
  }
});

test('English labels with lang=en, and the dialog on a phone', async () => {
  const other = await openPage(shared.browser, shared.site.origin, { path: '/?lang=en&metier=lieu', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  try {
    const p = other.page;
    await waitReady(p);
    assert.equal(await p.getAttribute('#embed-open', 'aria-label'), 'Embed the map');
    await openDialog(p);
    const en = STRINGS.en;
    assert.equal(await p.textContent('#embed-title'), en.embed_open);
    assert.equal(await p.textContent('#embed-copy'), 'Copy the code');
    assert.equal(await p.inputValue('#embed-lang'), 'en', 'the frame’s language defaults to the page’s');
    assert.deepEqual(await p.locator('#embed-preset option').allTextContents(), ['600 × 400', '800 × 600', '100% × 500', 'Custom']);
    const { attributes } = await snippet(p);
    assert.equal(attributes.title, 'Map of territorial catalysts — Running a place, third place');
    assert.equal(new URL(attributes.src).searchParams.get('lang'), 'en');
    await previewFrame(attributes.src, p);
    await settleFrames(p, 4);
    const fits = await p.evaluate(() => {
      const d = document.getElementById('embed-dialog').getBoundingClientRect();
      const s = document.getElementById('embed-stage').getBoundingClientRect();
      return d.left >= 0 && d.right <= window.innerWidth && s.right <= d.right && document.getElementById('embed-dialog').scrollWidth <= document.getElementById('embed-dialog').clientWidth;
    });
    assert.ok(fits, 'the dialog and its preview fit the phone’s width');
    await saveScreenshot(p, 'embed-dialog-phone');
    await p.evaluate(() => { const d = document.getElementById('embed-dialog'); d.scrollTop = d.scrollHeight; });
    await saveScreenshot(p, 'embed-dialog-phone-preview');
    assert.deepEqual(other.log.pageErrors, []);
    assert.deepEqual(other.log.consoleErrors, []);
  } finally {
    await other.close();
  }
});
