// Failures, told in the page in the interface's language: a blocking error over the map, or a
// notice above it when the map works but something was left out. The error box's markup holds
// a French message of its own for the one case where strings.json itself is missing.
import { haveStrings, plural, t } from './i18n.js';

const $ = (id) => document.getElementById(id);

let failed = null;
// Resolves never; rejects with the first error shown (window.catalyseurs.ready).
export const failure = new Promise((_, reject) => { failed = reject; });
failure.catch(() => {});

export function showError(titleKey, detailKey, values = {}) {
  $('loading').hidden = true;
  const box = $('error');
  if (haveStrings()) {
    const h = document.createElement('h2');
    h.textContent = t(titleKey);
    const p = document.createElement('p');
    p.textContent = t(detailKey, values);
    const retry = document.createElement('button');
    retry.type = 'button';
    retry.textContent = t('error_reload');
    box.replaceChildren(h, p, retry);
  }
  box.querySelector('button')?.addEventListener('click', () => window.location.reload());
  box.hidden = false;
  // Controls that would act on no data are hidden rather than left inert.
  $('layout').classList.add('failed');
  failed(new Error(`${box.querySelector('h2')?.textContent ?? ''} ${box.querySelector('p')?.textContent ?? ''}`.trim()));
}

export function showNotice(text) {
  const notice = $('notice');
  notice.textContent = text;
  notice.hidden = false;
}

// Why a download failed, as a clause of an error message.
export function downloadProblem(error, file) {
  if (error.tooLarge) return t('error_download_too_large', { file, limit: error.tooLarge });
  return error.status ? t('error_download_http', { file, status: error.status }) : t('error_download_network', { file });
}

// A data file's report: each rejected entry in the console, and what the page must say.
// Returns true when the map can go on with the file.
export function checkReport(report, file, notices) {
  for (const issue of report.issues) {
    const which = issue.id ? `« ${issue.id} »` : `n° ${issue.index + 1}`;
    console.warn(`${file} : entrée ${which} rejetée : ${issue.reason}`);
  }
  if (report.fatal) {
    showError('error_invalid_title', 'error_invalid', { file, reason: report.fatal });
    return false;
  }
  if (report.accepted === 0) {
    showError('error_invalid_title', 'error_empty', { file, rejected: plural('n_rejected', report.rejected) });
    return false;
  }
  // Past the engine's cap only counted (report.unreported): the notice says how many more.
  if (report.unreported > 0) {
    console.warn(`${file} : ${report.unreported} autres entrées rejetées, non détaillées`);
    const more = plural('notice_unreported', report.unreported);
    notices.push(t('notice_rejected_unreported', { file, n: report.rejected, ok: report.accepted, shown: report.issues.length, more }));
  } else if (report.rejected > 0) {
    notices.push(plural('notice_rejected', report.rejected, { file, ok: report.accepted }));
  }
  return true;
}
