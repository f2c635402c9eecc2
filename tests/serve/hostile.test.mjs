// The local server (scripts/serve.mjs) against hostile clients, over raw sockets: a few
// hundred malformed requests (garbage request lines, huge headers, methods it does not serve,
// bad percent-encoding, traversal, absolute-form and over-long targets, slowloris half
// requests). Each must get a 4xx, or for bytes that are not HTTP at least a closed
// connection, and never a file from outside the site; afterwards the same server process
// still serves a normal GET. The server runs as its own process, started as a user would.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { REPO_ROOT, seededRandom } from '../e2e/support.mjs';

const HEADERS_TIMEOUT_MS = 600;
const SECRET = 'SECRET-OUTSIDE-THE-SITE';
const INDEX = '<!doctype html><title>site</title><p>INDEX-OF-THE-SITE</p>';

let work;
let server;
let port;

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'serve-hostile-'));
  mkdirSync(join(work, 'site', 'data'), { recursive: true });
  writeFileSync(join(work, 'site', 'index.html'), INDEX);
  writeFileSync(join(work, 'site', 'data', 'a.json'), '{"a":1}');
  writeFileSync(join(work, 'secret.txt'), SECRET);
  server = spawn(process.execPath, [join(REPO_ROOT, 'scripts', 'serve.mjs'), join(work, 'site'), '--port', '0', '--headers-timeout', String(HEADERS_TIMEOUT_MS)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  port = await new Promise((resolvePort, reject) => {
    let out = '';
    server.stdout.on('data', (chunk) => {
      out += chunk;
      const m = /127\.0\.0\.1:(\d+)/.exec(out);
      if (m) resolvePort(Number(m[1]));
    });
    server.once('exit', (code) => reject(new Error(`the server exited (${code})`)));
  });
});

after(() => {
  server?.kill();
  if (work) rmSync(work, { recursive: true, force: true });
});

// Writes `chunks` (strings or buffers, `gapMs` apart) and reads until the server closes the
// connection or `timeoutMs` passes. → {status: the response's code or null, text, closed}.
function exchange(chunks, { gapMs = 0, timeoutMs = 5000 } = {}) {
  return new Promise((resolveExchange) => {
    const socket = connect(port, '127.0.0.1');
    const received = [];
    let done = false;
    const finish = (closed) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      const text = Buffer.concat(received).toString('latin1');
      const m = /^HTTP\/1\.[01] (\d{3}) /.exec(text);
      resolveExchange({ status: m ? Number(m[1]) : null, text, closed });
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    socket.on('data', (d) => received.push(d));
    socket.on('close', () => finish(true));
    socket.on('error', () => finish(true));
    socket.on('connect', async () => {
      for (const chunk of chunks) {
        if (done) return;
        socket.write(chunk);
        if (gapMs) await new Promise((r) => setTimeout(r, gapMs));
      }
    });
  });
}

const request = (line, headers = ['Host: 127.0.0.1', 'Connection: close']) => `${line}\r\n${headers.join('\r\n')}\r\n\r\n`;

// [name, chunks, expected statuses ('closed' allows a closed connection without an answer)]
function cases() {
  const list = [];
  const random = seededRandom(10);
  for (let i = 0; i < 200; ++i) {
    const bytes = Buffer.alloc(1 + Math.floor(random() * 300));
    for (let k = 0; k < bytes.length; ++k) bytes[k] = Math.floor(random() * 256);
    // Half of them end like a request would, so that the parser has all it waits for.
    list.push([`random bytes ${i}`, i % 2 ? [bytes, '\r\n\r\n'] : [bytes], [400, 408, 'closed']]);
  }
  // (Node's parser reads « GET  / HTTP/1.1 », with two spaces, as « GET / »: not listed.)
  for (const line of ['HELLO WORLD', 'GET', 'GET /', 'GET / HTTP/0.9', 'GET / HTTP/2.0', 'GET / HTTP/9.9', 'GET / HTTP/1.1 extra', ' GET / HTTP/1.1',
    'G\u00e9T / HTTP/1.1', 'GET / FTP/1.0', 'GET /\u0000 HTTP/1.1', '\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u01fc\u0003\u0003']) {
    list.push([`request line « ${JSON.stringify(line)} »`, [request(line)], [400, 'closed']]);
  }
  const huge = 'x'.repeat(20_000);
  list.push(['one huge header', [request('GET / HTTP/1.1', ['Host: 127.0.0.1', `X-Big: ${huge}`])], [431]]);
  list.push(['a huge cookie', [request('GET / HTTP/1.1', ['Host: 127.0.0.1', `Cookie: a=${huge}`])], [431]]);
  list.push(['thousands of headers', [request('GET / HTTP/1.1', ['Host: 127.0.0.1', ...Array.from({ length: 3000 }, (_, i) => `X-H${i}: v`)])], [431]]);
  list.push(['a header without a colon', [request('GET / HTTP/1.1', ['Host: 127.0.0.1', 'Broken header'])], [400]]);
  list.push(['a bad Content-Length', [request('GET / HTTP/1.1', ['Host: 127.0.0.1', 'Content-Length: -5'])], [400]]);
  list.push(['two Content-Lengths', [request('GET / HTTP/1.1', ['Host: 127.0.0.1', 'Content-Length: 1', 'Content-Length: 2'])], [400]]);
  list.push(['no Host header', [request('GET / HTTP/1.1', ['Connection: close'])], [400]]);
  for (const method of ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'TRACE', 'PROPFIND', 'MKCOL', 'LOCK', 'PURGE', 'SEARCH', 'CONNECT']) {
    const target = method === 'CONNECT' ? '127.0.0.1:80' : '/index.html';
    list.push([`method ${method}`, [request(`${method} ${target} HTTP/1.1`)], [405]]);
  }
  list.push(['a POST whose body never comes', [request('POST / HTTP/1.1', ['Host: 127.0.0.1', 'Content-Length: 100000'])], [405]]);
  for (const method of ['FOO', 'get', 'G@T', 'GE T']) list.push([`method « ${method} »`, [request(`${method} / HTTP/1.1`)], [400, 405]]);
  for (const target of ['/%', '/%2', '/%zz', '/%E0%A4%A', '/%C0%AF', '/%FF%FE', '/data/%', '/%00', '/index.html%00.png', '/a%0d%0aSet-Cookie:x', '/%5c..%5csecret.txt']) {
    list.push([`target ${target}`, [request(`GET ${target} HTTP/1.1`)], [400, 403]]);
  }
  for (const target of ['/../secret.txt', '/data/../../secret.txt', '/%2e%2e/secret.txt', '/%2E%2E%2Fsecret.txt', '/..%2fsecret.txt', '/data/..%2f..%2fsecret.txt',
    '/./../secret.txt', '/data/%2e%2e/%2e%2e/secret.txt', '/..', '/data/..']) {
    list.push([`traversal ${target}`, [request(`GET ${target} HTTP/1.1`)], [400, 403]]);
  }
  for (const target of ['http://127.0.0.1/index.html', 'https://evil.example/', '*', '127.0.0.1:80', 'index.html', '//evil.example/x', '\\index.html']) {
    list.push([`absolute or odd target ${target}`, [request(`GET ${target} HTTP/1.1`)], [400]]);
  }
  list.push(['a 3 KB path', [request(`GET /${'a'.repeat(3000)} HTTP/1.1`)], [414]]);
  list.push(['a 5 KB query', [request(`GET /index.html?q=${'b'.repeat(5000)} HTTP/1.1`)], [414]]);
  list.push(['a 16 KB target', [request(`GET /${'%41'.repeat(5500)} HTTP/1.1`)], [414, 431]]);
  return list;
}

function accepted(result, expected) {
  if (result.status !== null) return expected.includes(result.status);
  return expected.includes('closed') && result.closed;
}

describe('the local server against hostile requests', () => {
  test('a few hundred malformed requests, each refused with a 4xx', async () => {
    const all = cases();
    assert.ok(all.length >= 200, `${all.length} cases`);
    const failures = [];
    for (let i = 0; i < all.length; i += 16) {
      const batch = all.slice(i, i + 16);
      const results = await Promise.all(batch.map(([, chunks]) => exchange(chunks)));
      for (const [k, [name, , expected]] of batch.entries()) {
        const r = results[k];
        if (!accepted(r, expected)) failures.push(`${name}: ${r.status ?? (r.closed ? 'closed' : 'no answer')} (expected ${expected.join(' or ')})`);
        if (r.text.includes(SECRET)) failures.push(`${name}: served the file outside the site`);
      }
    }
    assert.deepEqual(failures, []);
    assert.equal(server.exitCode, null, 'the server is still running');
  });

  test('slowloris: half requests dripped byte by byte are cut off', async () => {
    const started = Date.now();
    const half = 'GET /index.html HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ';
    const drips = [half, ...'abcdefghijklmnopqrstuvwxyz'.repeat(4)];  // 10 s if nothing cut it off
    const results = await Promise.all(Array.from({ length: 40 }, () => exchange(drips, { gapMs: 100, timeoutMs: 12_000 })));
    const elapsed = Date.now() - started;
    for (const r of results) {
      assert.ok(r.closed, 'the server closes the connection');
      assert.ok(r.status === 408 || r.status === null, `408 or closed, not ${r.status}`);
    }
    assert.ok(elapsed < 5000, `cut off after the headers timeout, not when the client gives up (${elapsed} ms)`);
    const idle = await exchange(['GET / HTTP/1.1\r\n'], { timeoutMs: 8000 });
    assert.ok(idle.closed && (idle.status === 408 || idle.status === null), 'a request line alone is cut off too');
  });

  test('afterwards a normal GET still works', async () => {
    const get = await exchange([request('GET / HTTP/1.1')]);
    assert.equal(get.status, 200);
    assert.ok(get.text.includes('INDEX-OF-THE-SITE'));
    assert.match(get.text, /content-security-policy: default-src 'self'/i);
    const head = await exchange([request('HEAD /data/a.json HTTP/1.1')]);
    assert.equal(head.status, 200);
    const missing = await exchange([request('GET /nothing-here HTTP/1.1')]);
    assert.equal(missing.status, 404);
    const query = await exchange([request('GET /data/a.json?x=%zz HTTP/1.1')]);
    assert.equal(query.status, 200, 'the query is not the file’s business');
    assert.equal(server.exitCode, null, 'the server is still running');
  });
});
