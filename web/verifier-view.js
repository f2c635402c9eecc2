// « Vérifier un tableur »: one file's report on the page: the counts, the problems (each a
// link to its row), a dot plot of the valid rows in metropolitan France, and the table of the
// file's rows. Values from the file only ever go in as text.
import { lang, plural, t } from './i18n.js';

const $ = (id) => document.getElementById(id);
const SVG = 'http://www.w3.org/2000/svg';

// Metropolitan France in degrees, drawn equirectangular at its middle latitude.
const WEST = -5.4;
const EAST = 9.8;
const SOUTH = 41.2;
const NORTH = 51.2;
const ASPECT = Math.cos((46.2 * Math.PI) / 180);

const el = (tag, text, className) => {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
};

// « 1 498 » with a narrow no-break space in French, « 1,498 » in English.
const number = new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-GB');
const counted = (key, n) => (n === 0 ? t(`${key}_zero`) : plural(key, n, { n: number.format(n) }));

function showIssues(issues) {
  const list = $('issues');
  list.replaceChildren();
  $('issues-note').hidden = issues.length === 0;
  if (issues.length === 0) {
    list.append(el('li', t('checker_issues_none'), 'none'));
    return;
  }
  const items = document.createDocumentFragment();
  for (const issue of issues) {
    const item = el('li');
    item.dataset.line = issue.line;
    item.dataset.column = issue.column;
    let where = t('checker_issue_line', { line: issue.line });
    if (issue.column) where += `, ${t('checker_issue_column', { column: issue.column })}`;
    const [before, after] = t('checker_issue', { where: '\u0000', reason: issue.reason }).split('\u0000');
    // A row's problem links to it in the table; the header's, line 1, has no row there.
    const row = issue.line > 1 ? document.getElementById(`ligne-${issue.line}`) : null;
    const link = el(row ? 'a' : 'span', where);
    if (row) link.href = `#ligne-${issue.line}`;
    item.append(before, link, after);
    items.append(item);
  }
  list.append(items);
}

// Past this many rows, the table starts with the rejected ones and the first valid ones:
// laying out ten thousand rows takes the browser seconds, and every problem's row is there.
const ROW_LIMIT = 1000;
let current = null; // the report shown, for « Afficher les … lignes »

function showRows(table, issues, all = false) {
  const problems = new Map();
  for (const issue of issues) problems.set(issue.line, (problems.get(issue.line) ?? 0) + 1);
  let room = ROW_LIMIT - table.filter((row) => !row.ok).length;
  const shown = all || table.length <= ROW_LIMIT ? table : table.filter((row) => !row.ok || room-- > 0);
  $('rows-more').hidden = shown.length === table.length;
  $('rows-partial').textContent = t('checker_rows_partial', { shown: number.format(shown.length), total: number.format(table.length) });
  $('rows-all').textContent = t('checker_rows_all', { total: number.format(table.length) });
  const body = document.createDocumentFragment();
  for (const row of shown) {
    const tr = el('tr', undefined, row.ok ? 'ok' : 'bad');
    tr.id = `ligne-${row.line}`;
    tr.append(el('td', String(row.line), 'line'), el('td', row.id), el('td', row.nom), el('td', row.commune), el('td', row.region),
      el('td', row.ok ? t('checker_state_ok') : plural('checker_state_bad', problems.get(row.line) ?? 0), 'state'));
    body.append(tr);
  }
  $('rows-body').replaceChildren(body);
  $('rows').hidden = table.length === 0;
}

// One round dot per valid row: a single path of zero-length strokes, cheap at any count.
function showPlot(table) {
  const width = (EAST - WEST) * ASPECT;
  const height = NORTH - SOUTH;
  const plot = $('plot');
  plot.setAttribute('viewBox', `0 0 ${width.toFixed(3)} ${height}`);
  let d = '';
  let outside = 0;
  let inside = 0;
  for (const row of table) {
    if (!row.ok) continue;
    if (row.lon < WEST || row.lon > EAST || row.lat < SOUTH || row.lat > NORTH) {
      outside += 1;
      continue;
    }
    inside += 1;
    d += `M${((row.lon - WEST) * ASPECT).toFixed(3)} ${(NORTH - row.lat).toFixed(3)}h0`;
  }
  const frame = document.createElementNS(SVG, 'rect');
  Object.entries({ x: 0, y: 0, width: width.toFixed(3), height, class: 'frame' }).forEach(([k, v]) => frame.setAttribute(k, v));
  const dots = document.createElementNS(SVG, 'path');
  dots.setAttribute('d', d);
  dots.setAttribute('class', 'dots');
  plot.replaceChildren(frame, dots);
  plot.dataset.dots = String(inside);
  $('plot-caption').textContent = outside > 0 ? plural('checker_outside', outside, { n: number.format(outside) }) : '';
  plot.closest('figure').hidden = inside + outside === 0;
}

$('rows-all').addEventListener('click', () => showRows(current.table, current.issues, true));

export function showReport(report, name) {
  current = report;
  $('report').hidden = false;
  $('report-title').textContent = name;
  $('converted').hidden = !report.converted;
  const refused = report.rows === 0 && report.issues.length > 0; // the header: no row was read
  $('summary').textContent = refused ? t('checker_not_checked')
    : `${counted('checker_valid', report.valid)}, ${counted('checker_rejected', report.rejected)}`;
  $('preview-title').hidden = report.table.length === 0;
  $('summary').dataset.valid = report.valid;
  $('summary').dataset.rejected = report.rejected;
  const offered = report.geojson !== null;
  $('download-geojson').hidden = !offered;
  $('geojson-hint').hidden = !offered;
  $('geojson-blocked').hidden = offered;
  showRows(report.table, report.issues); // first: the problems link to its rows
  showIssues(report.issues);
  showPlot(report.table);
}
