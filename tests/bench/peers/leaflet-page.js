// Leaflet + markercluster peer of our map: same basemap and entries, no tiles.
'use strict';
(function () {
  let done;
  window.peerReadyPromise = new Promise((r) => { done = r; });
  // preferCanvas keeps the polygons in one canvas rather than hundreds of SVG paths.
  const map = L.map('map', { preferCanvas: true, maxZoom: 18 })  // markercluster needs maxZoom; no tile layer gives one;
  map.fitBounds([[41.3, -5.2], [51.1, 9.6]]);
  const load = (url) => fetch(url).then((r) => r.json());
  // markers.json: the colour of each primary métier, as our map's own table has it.
  Promise.all([load('data/territoires.geojson'), load('data/catalyseurs.geojson'), load('markers.json')]).then(([territoires, catalyseurs, markers]) => {
    L.geoJSON(territoires, { style: { color: '#5b6b7a', weight: 1, fillColor: '#d9e2ea', fillOpacity: 0.8 } }).addTo(map);
    const group = L.markerClusterGroup({ chunkedLoading: false });
    group.addLayers(catalyseurs.features.map((f) => {
      const [lng, lat] = f.geometry.coordinates;
      const color = markers[f.properties.metiers[0]]?.colour || '#555';
      return L.circleMarker([lat, lng], { radius: 6, color: '#fff', weight: 1.5, fillColor: color, fillOpacity: 1 });
    }));
    map.addLayer(group);
    // Two frames: layout and paint of the first render are done.
    requestAnimationFrame(() => requestAnimationFrame(() => { window.peerReady = true; done(); }));
  });
})();
