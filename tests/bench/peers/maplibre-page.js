// MapLibre GL JS peer of our map: local style only (no tiles, no glyph server).
// The package ships ES modules only; the worker (maplibre-gl-worker.mjs) is found next to
// maplibre-gl.mjs through import.meta.url and started as a same-origin module worker.
import * as maplibregl from './maplibre-gl.mjs';

let done;
window.peerReadyPromise = new Promise((r) => { done = r; });
// The colour of each primary métier, from the file our map's own table is generated from.
const markers = await fetch('markers.json').then((r) => r.json());
const COLORS = ['match', ['at', 0, ['get', 'metiers']], ...Object.entries(markers).flatMap(([m, s]) => [m, s.colour]), '#555555'];
// The default attribution control, as the Leaflet peer has its own: a map drawn on a canvas
// has no other text, and Lighthouse finds no largest contentful paint on a page without any.
const map = new maplibregl.Map({
  container: 'map',
  bounds: [[-5.2, 41.3], [9.6, 51.1]],
  style: {
    version: 8,
    // Count labels are drawn from the site's own font through font-faces (TinySDF), no glyphs URL.
    'font-faces': { Inter: [{ url: new URL('inter.otf', location.href).href }] },
    sources: {
      territoires: { type: 'geojson', data: 'data/territoires.geojson' },
      catalyseurs: { type: 'geojson', data: 'data/catalyseurs.geojson', cluster: true, clusterRadius: 50, clusterMaxZoom: 14 },
    },
    layers: [
      { id: 'bg', type: 'background', paint: { 'background-color': '#eef2f5' } },
      { id: 'fill', type: 'fill', source: 'territoires', paint: { 'fill-color': '#d9e2ea', 'fill-opacity': 0.8 } },
      { id: 'line', type: 'line', source: 'territoires', paint: { 'line-color': '#5b6b7a', 'line-width': 1 } },
      { id: 'clusters', type: 'circle', source: 'catalyseurs', filter: ['has', 'point_count'],
        paint: { 'circle-color': '#6baed6', 'circle-radius': ['step', ['get', 'point_count'], 14, 10, 18, 50, 24], 'circle-stroke-color': '#fff', 'circle-stroke-width': 2 } },
      { id: 'counts', type: 'symbol', source: 'catalyseurs', filter: ['has', 'point_count'],
        layout: { 'text-field': ['get', 'point_count_abbreviated'], 'text-font': ['Inter'], 'text-size': 12 } },
      { id: 'points', type: 'circle', source: 'catalyseurs', filter: ['!', ['has', 'point_count']],
        paint: { 'circle-color': COLORS, 'circle-radius': 6, 'circle-stroke-color': '#fff', 'circle-stroke-width': 1.5 } },
    ],
  },
});
window.peerMap = map;
map.once('idle', () => { window.peerReady = true; done(); });

// Filtering as a MapLibre app does it: the page keeps the features and gives the clustered
// source the matching ones with setData, which the worker clusters again. The map's own copy
// was fetched by the worker, so the page fetches its own once, before any filter is timed.
let features = null;
window.peerLoadFeatures = async () => {
  features ??= (await fetch('data/catalyseurs.geojson').then((r) => r.json())).features;
};
// Shows the entries with any of `metiers` (all of them for none), as our map's métier filter.
// Resolves, with performance.now(), at the first frame drawn once the source is updated and
// every tile of it loaded again; window.peerFilterSettled resolves likewise once the map is
// idle, its fades done. While the source is updating the map is not loaded, so neither can come
// from the frames before.
window.peerFilterMetiers = (metiers) => {
  const wanted = new Set(metiers);
  const shown = wanted.size ? features.filter((f) => f.properties.metiers.some((m) => wanted.has(m))) : features;
  let updated = false;
  window.peerFilterSettled = new Promise((resolve) => map.once('idle', () => resolve(performance.now())));
  const drawn = new Promise((resolve) => {
    const onRender = () => {
      if (!updated || !map.isSourceLoaded('catalyseurs')) return;
      map.off('render', onRender);
      resolve(performance.now());
    };
    map.on('render', onRender);
  });
  map.getSource('catalyseurs').setData({ type: 'FeatureCollection', features: shown }).then(() => { updated = true; });
  return drawn;
};
