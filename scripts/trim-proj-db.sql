-- Reduces a copy of PROJ's proj.db to what PROJ needs to transform between the
-- CRSs listed in temp.wanted_crs (filled in by trim-proj-db.sh before this file
-- runs), with the same results as the full database.
--
-- Every object that survives is recorded in temp.keep under the table name
-- that usage, alias_name, supersession and deprecation use, so those tables can
-- be filtered with one rule.

PRAGMA foreign_keys = OFF;

-- INTEGER_OR_TEXT gives the same affinity as the database's own columns, so
-- codes compare equal whether stored as integers ('4326') or text ('RGF93').
CREATE TEMP TABLE keep(
    table_name TEXT NOT NULL,
    auth_name TEXT NOT NULL,
    code INTEGER_OR_TEXT NOT NULL,
    PRIMARY KEY (table_name, auth_name, code)
) WITHOUT ROWID;

-- Authorities whose operations and CRSs PROJ consults when both ends are EPSG
-- objects; CRSs of other authorities that happen to share a datum are never
-- candidates and would only add weight.
CREATE TEMP TABLE searched_authority(auth_name TEXT PRIMARY KEY);
INSERT INTO searched_authority VALUES ('EPSG');
WITH RECURSIVE split(rest, item) AS (
    SELECT (SELECT allowed_authorities FROM authority_to_authority_preference
            WHERE source_auth_name = 'EPSG' AND target_auth_name = 'EPSG') || ',', NULL
    UNION ALL
    SELECT substr(rest, instr(rest, ',') + 1), substr(rest, 1, instr(rest, ',') - 1)
    FROM split WHERE rest <> ''
)
INSERT OR IGNORE INTO searched_authority SELECT item FROM split WHERE item IS NOT NULL AND item <> 'any';

-- Projected CRSs asked for.
INSERT OR IGNORE INTO keep
SELECT 'projected_crs', p.auth_name, p.code
FROM projected_crs p JOIN temp.wanted_crs w ON w.auth_name = p.auth_name AND w.code = p.code;

-- Geodetic CRSs asked for, and the base CRSs of the projected ones.
INSERT OR IGNORE INTO keep
SELECT 'geodetic_crs', g.auth_name, g.code
FROM geodetic_crs g JOIN temp.wanted_crs w ON w.auth_name = g.auth_name AND w.code = g.code;
INSERT OR IGNORE INTO keep
SELECT 'geodetic_crs', p.geodetic_crs_auth_name, p.geodetic_crs_code
FROM projected_crs p JOIN keep k
  ON k.table_name = 'projected_crs' AND k.auth_name = p.auth_name AND k.code = p.code;

-- PROJ also looks for operations between the other CRSs built on the same datum
-- (geocentric, 3D geographic, lon-lat variants) and maps them back, so those
-- CRSs and the operations between them must stay.
INSERT OR IGNORE INTO keep
SELECT 'geodetic_crs', g.auth_name, g.code
FROM geodetic_crs g
WHERE g.auth_name IN (SELECT auth_name FROM searched_authority)
  AND EXISTS (
    SELECT 1 FROM geodetic_crs g2 JOIN keep k
      ON k.table_name = 'geodetic_crs' AND k.auth_name = g2.auth_name AND k.code = g2.code
    WHERE g2.datum_auth_name = g.datum_auth_name AND g2.datum_code = g.datum_code);

-- Transformations whose two ends are kept CRSs. Concatenated operations are
-- left out: the only one between kept CRSs (EPSG:8573) is deprecated, and PROJ
-- does not propose deprecated operations.
INSERT OR IGNORE INTO keep
SELECT 'helmert_transformation', t.auth_name, t.code FROM helmert_transformation_table t
WHERE (t.source_crs_auth_name, t.source_crs_code) IN
        (SELECT auth_name, code FROM keep WHERE table_name = 'geodetic_crs')
  AND (t.target_crs_auth_name, t.target_crs_code) IN
        (SELECT auth_name, code FROM keep WHERE table_name = 'geodetic_crs');
INSERT OR IGNORE INTO keep
SELECT 'grid_transformation', t.auth_name, t.code FROM grid_transformation t
WHERE (t.source_crs_auth_name, t.source_crs_code) IN
        (SELECT auth_name, code FROM keep WHERE table_name = 'geodetic_crs')
  AND (t.target_crs_auth_name, t.target_crs_code) IN
        (SELECT auth_name, code FROM keep WHERE table_name = 'geodetic_crs');
INSERT OR IGNORE INTO keep
SELECT 'other_transformation', t.auth_name, t.code FROM other_transformation t
WHERE (t.source_crs_auth_name, t.source_crs_code) IN
        (SELECT auth_name, code FROM keep WHERE table_name IN ('geodetic_crs', 'projected_crs'))
  AND (t.target_crs_auth_name, t.target_crs_code) IN
        (SELECT auth_name, code FROM keep WHERE table_name IN ('geodetic_crs', 'projected_crs'));

-- An interpolation CRS is read when its operation is instantiated.
INSERT OR IGNORE INTO keep
SELECT 'geodetic_crs', t.interpolation_crs_auth_name, t.interpolation_crs_code
FROM grid_transformation t JOIN keep k
  ON k.table_name = 'grid_transformation' AND k.auth_name = t.auth_name AND k.code = t.code
WHERE t.interpolation_crs_auth_name IS NOT NULL;
INSERT OR IGNORE INTO keep
SELECT 'geodetic_crs', t.interpolation_crs_auth_name, t.interpolation_crs_code
FROM other_transformation t JOIN keep k
  ON k.table_name = 'other_transformation' AND k.auth_name = t.auth_name AND k.code = t.code
WHERE t.interpolation_crs_auth_name IS NOT NULL;

-- What the kept CRSs are made of.
INSERT OR IGNORE INTO keep
SELECT 'conversion', p.conversion_auth_name, p.conversion_code
FROM projected_crs p JOIN keep k
  ON k.table_name = 'projected_crs' AND k.auth_name = p.auth_name AND k.code = p.code
WHERE p.conversion_auth_name IS NOT NULL;
INSERT OR IGNORE INTO keep
SELECT 'geodetic_datum', g.datum_auth_name, g.datum_code
FROM geodetic_crs g JOIN keep k
  ON k.table_name = 'geodetic_crs' AND k.auth_name = g.auth_name AND k.code = g.code
WHERE g.datum_auth_name IS NOT NULL;
-- A datum ensemble (WGS 84 is one) is only complete with its members.
INSERT OR IGNORE INTO keep
SELECT 'geodetic_datum', m.member_auth_name, m.member_code
FROM geodetic_datum_ensemble_member m JOIN keep k
  ON k.table_name = 'geodetic_datum' AND k.auth_name = m.ensemble_auth_name AND k.code = m.ensemble_code;
INSERT OR IGNORE INTO keep
SELECT 'ellipsoid', d.ellipsoid_auth_name, d.ellipsoid_code
FROM geodetic_datum d JOIN keep k
  ON k.table_name = 'geodetic_datum' AND k.auth_name = d.auth_name AND k.code = d.code;
INSERT OR IGNORE INTO keep
SELECT 'prime_meridian', d.prime_meridian_auth_name, d.prime_meridian_code
FROM geodetic_datum d JOIN keep k
  ON k.table_name = 'geodetic_datum' AND k.auth_name = d.auth_name AND k.code = d.code;
INSERT OR IGNORE INTO keep
SELECT 'celestial_body', e.celestial_body_auth_name, e.celestial_body_code
FROM ellipsoid e JOIN keep k
  ON k.table_name = 'ellipsoid' AND k.auth_name = e.auth_name AND k.code = e.code;
INSERT OR IGNORE INTO keep
SELECT 'coordinate_system', g.coordinate_system_auth_name, g.coordinate_system_code
FROM geodetic_crs g JOIN keep k
  ON k.table_name = 'geodetic_crs' AND k.auth_name = g.auth_name AND k.code = g.code
WHERE g.coordinate_system_auth_name IS NOT NULL;
INSERT OR IGNORE INTO keep
SELECT 'coordinate_system', p.coordinate_system_auth_name, p.coordinate_system_code
FROM projected_crs p JOIN keep k
  ON k.table_name = 'projected_crs' AND k.auth_name = p.auth_name AND k.code = p.code
WHERE p.coordinate_system_auth_name IS NOT NULL;

-- Usages carry the areas of use that PROJ filters and sorts operations by.
INSERT OR IGNORE INTO keep
SELECT 'extent', u.extent_auth_name, u.extent_code
FROM usage u JOIN keep k
  ON k.table_name = u.object_table_name AND k.auth_name = u.object_auth_name AND k.code = u.object_code;
INSERT OR IGNORE INTO keep
SELECT 'scope', u.scope_auth_name, u.scope_code
FROM usage u JOIN keep k
  ON k.table_name = u.object_table_name AND k.auth_name = u.object_auth_name AND k.code = u.object_code;

-- Remove everything else.
DELETE FROM projected_crs WHERE (auth_name, code) NOT IN
    (SELECT auth_name, code FROM keep WHERE table_name = 'projected_crs');
DELETE FROM geodetic_crs WHERE (auth_name, code) NOT IN
    (SELECT auth_name, code FROM keep WHERE table_name = 'geodetic_crs');
DELETE FROM conversion_table WHERE (auth_name, code) NOT IN
    (SELECT auth_name, code FROM keep WHERE table_name = 'conversion');
DELETE FROM helmert_transformation_table WHERE (auth_name, code) NOT IN
    (SELECT auth_name, code FROM keep WHERE table_name = 'helmert_transformation');
DELETE FROM grid_transformation WHERE (auth_name, code) NOT IN
    (SELECT auth_name, code FROM keep WHERE table_name = 'grid_transformation');
DELETE FROM other_transformation WHERE (auth_name, code) NOT IN
    (SELECT auth_name, code FROM keep WHERE table_name = 'other_transformation');
DELETE FROM geodetic_datum WHERE (auth_name, code) NOT IN
    (SELECT auth_name, code FROM keep WHERE table_name = 'geodetic_datum');
DELETE FROM geodetic_datum_ensemble_member WHERE (ensemble_auth_name, ensemble_code) NOT IN
    (SELECT auth_name, code FROM keep WHERE table_name = 'geodetic_datum');
DELETE FROM ellipsoid WHERE (auth_name, code) NOT IN
    (SELECT auth_name, code FROM keep WHERE table_name = 'ellipsoid');
DELETE FROM prime_meridian WHERE (auth_name, code) NOT IN
    (SELECT auth_name, code FROM keep WHERE table_name = 'prime_meridian');
DELETE FROM celestial_body WHERE (auth_name, code) NOT IN
    (SELECT auth_name, code FROM keep WHERE table_name = 'celestial_body');
DELETE FROM coordinate_system WHERE (auth_name, code) NOT IN
    (SELECT auth_name, code FROM keep WHERE table_name = 'coordinate_system');
DELETE FROM axis WHERE (coordinate_system_auth_name, coordinate_system_code) NOT IN
    (SELECT auth_name, code FROM keep WHERE table_name = 'coordinate_system');
DELETE FROM extent WHERE (auth_name, code) NOT IN
    (SELECT auth_name, code FROM keep WHERE table_name = 'extent');
DELETE FROM scope WHERE (auth_name, code) NOT IN
    (SELECT auth_name, code FROM keep WHERE table_name = 'scope');

DELETE FROM usage WHERE (object_table_name, object_auth_name, object_code) NOT IN
    (SELECT table_name, auth_name, code FROM keep);
DELETE FROM alias_name WHERE (table_name, auth_name, code) NOT IN
    (SELECT table_name, auth_name, code FROM keep);
DELETE FROM supersession WHERE (superseded_table_name, superseded_auth_name, superseded_code) NOT IN
    (SELECT table_name, auth_name, code FROM keep);
DELETE FROM deprecation WHERE (table_name, deprecated_auth_name, deprecated_code) NOT IN
    (SELECT table_name, auth_name, code FROM keep);

-- Nothing kept refers to these: vertical and compound CRSs, concatenated
-- operations, geoid models, and grid files (no kept operation uses a grid).
DELETE FROM compound_crs;
DELETE FROM vertical_crs;
DELETE FROM vertical_datum_ensemble_member;
DELETE FROM vertical_datum;
DELETE FROM concatenated_operation_step;
DELETE FROM concatenated_operation;
DELETE FROM geoid_model;
DELETE FROM grid_alternatives;
DELETE FROM grid_packages;

-- unit_of_measure, the method and parameter tables, metadata and the authority
-- tables are small and referenced from many places; they stay whole.
