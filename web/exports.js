// « Télécharger (CSV) » and « (GeoJSON) »: the catalyseurs the filters keep, written by the
// engine in the directory's own formats, handed to the browser as a download.
import { send } from './bridge.js';

// Also the checking page's downloads (verifier.js).
export function download(name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

const FORMATS = {
  csv: ['catalyseurs.csv', 'text/csv;charset=utf-8'],
  geojson: ['catalyseurs.geojson', 'application/geo+json'],
};

export function wireExports() {
  for (const [format, [name, type]] of Object.entries(FORMATS)) {
    document.getElementById(`export-${format}`).addEventListener('click', (event) => {
      event.preventDefault();
      const reply = send({ type: 'export', format });
      if (reply.ok) download(name, type, reply.text);
    });
  }
}
