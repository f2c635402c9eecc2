// index.html preloads every module of the page, so that the browser asks for them all at
// once instead of discovering the imports level by level. The list is written by hand: this
// test keeps it equal to what main.js really imports.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../e2e/support.mjs';

const web = join(REPO_ROOT, 'web');
const read = (file) => readFileSync(join(web, file), 'utf8');

function importsOf(file, seen = new Set()) {
  for (const [, dep] of read(file).matchAll(/^\s*import\s[^;]*?from\s+'\.\/([^']+)'/gms)) {
    if (seen.has(dep)) continue;
    seen.add(dep);
    importsOf(dep, seen);
  }
  return seen;
}

test('index.html preloads exactly the modules main.js imports', () => {
  const html = read('index.html');
  assert.match(html, /<script type="module" src="main\.js"><\/script>/);
  const preloaded = [...html.matchAll(/<link rel="modulepreload" href="([^"]+)">/g)].map((m) => m[1]).sort();
  const imported = [...importsOf('main.js')].sort();
  assert.ok(imported.length >= 10, `main.js imports ${imported.length} modules: the import reader is broken`);
  assert.deepEqual(preloaded, imported);
});

test('the data preloaded by index.html is what main.js downloads first', () => {
  const html = read('index.html');
  const preloaded = [...html.matchAll(/<link rel="preload" href="([^"]+)" as="fetch" crossorigin>/g)].map((m) => m[1]);
  const main = read('main.js');
  const first = main.slice(main.indexOf('const DATA = ['), main.indexOf('];', main.indexOf('const DATA = [')));
  const data = [...first.matchAll(/'(data\/[^']+)'/g)].map((m) => m[1]);
  assert.ok(data.length >= 2, 'main.js lists the data files of the first frame in DATA');
  for (const file of [...data, 'strings.json']) assert.ok(preloaded.includes(file), `${file} should be preloaded`);
});
