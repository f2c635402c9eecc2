// The facts the C++ core holds — the spreadsheet's columns, the allowed values, the
// territories, the regions and the départements — as `catalyseurs-csv --schema geodata/schema.json`
// writes them. The Node scripts and the browser tests read them here instead of keeping
// copies of their own; ctest (schema_json_is_current) fails when the committed file no
// longer matches the C++ tables.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const SCHEMA_PATH = path.join(path.dirname(fileURLToPath(import.meta.url)), 'schema.json');

function readSchema() {
  try {
    return JSON.parse(fs.readFileSync(SCHEMA_PATH, 'utf8'));
  } catch (err) {
    throw new Error(`cannot read ${SCHEMA_PATH} (make it with catalyseurs-csv --schema): ${err.message}`);
  }
}

// { columns, structure, metiers, thematiques,
//   territoires: [{slug, nom, epsg, extent: [min lon, min lat, max lon, max lat]}],
//   regions: [{code, nom, territoire}], departements: {code: region} }
export const SCHEMA = readSchema();

// INSEE region code (and the COM's own code) → official French name.
export const REGION_NAMES = Object.fromEntries(SCHEMA.regions.map((r) => [r.code, r.nom]));
