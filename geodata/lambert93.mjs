// EPSG:2154 (RGF93 v1 / Lambert-93), the mainland's plane, written out from the Lambert
// conformal conic formulas (IOGP guidance note 7-2, method 9802), for what must not go
// through the map's own projector: the browser tests' expected marker positions, and the
// data pipeline's mainland frame (natural-earth.mjs). RGF93 v1 and WGS 84 are treated as
// the same datum, as PROJ does by default.

const a = 6378137;
const f = 1 / 298.257222101;
const e = Math.sqrt(f * (2 - f));
const rad = Math.PI / 180;
const m = (phi) => Math.cos(phi) / Math.sqrt(1 - (e * Math.sin(phi)) ** 2);
const t = (phi) => Math.tan(Math.PI / 4 - phi / 2) / ((1 - e * Math.sin(phi)) / (1 + e * Math.sin(phi))) ** (e / 2);
const phi1 = 49 * rad;
const phi2 = 44 * rad;
const phi0 = 46.5 * rad;
const lambda0 = 3 * rad;
const n = (Math.log(m(phi1)) - Math.log(m(phi2))) / (Math.log(t(phi1)) - Math.log(t(phi2)));
const F = m(phi1) / (n * t(phi1) ** n);
const r = (phi) => a * F * t(phi) ** n;
const r0 = r(phi0);

export function lambert93(lonDeg, latDeg) {
  const theta = n * (lonDeg * rad - lambda0);
  const rho = r(latDeg * rad);
  return { x: 700000 + rho * Math.sin(theta), y: 6600000 + r0 - rho * Math.cos(theta) };
}

// The inverse, [lon, lat] in degrees: latitude by fixed-point iteration on the conformal
// latitude, converged to well under a millimetre after a few rounds.
export function lambert93Inverse(x, y) {
  const dx = x - 700000;
  const dy = r0 - (y - 6600000);
  const tt = (Math.hypot(dx, dy) / (a * F)) ** (1 / n);
  let phi = Math.PI / 2 - 2 * Math.atan(tt);
  for (let i = 0; i < 12; i++) {
    phi = Math.PI / 2 - 2 * Math.atan(tt * ((1 - e * Math.sin(phi)) / (1 + e * Math.sin(phi))) ** (e / 2));
  }
  return [(Math.atan2(dx, dy) / n + lambda0) / rad, phi / rad];
}
