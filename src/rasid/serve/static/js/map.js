// The map: an offline basemap (Natural Earth boundaries shipped with rasid), an optional tile
// layer, and the events of /api/map, which answers the events themselves when few match and
// grid cells with counts when many do, so the browser never holds 100,000 markers.
import { getJSON } from './api.js';
import { colorOf } from './colors.js';
import { h } from './dom.js';
import { t, typeName } from './i18n.js';

const L = window.L;

function radius(fatalities) {
  return Math.min(22, 5 + 2.2 * Math.sqrt(fatalities || 0));
}

function clampBounds(bounds) {
  const west = Math.max(-180, bounds.getWest());
  const east = Math.min(180, bounds.getEast());
  const south = Math.max(-90, bounds.getSouth());
  const north = Math.min(90, bounds.getNorth());
  if (west > east || south > north) return null;
  return [west, south, east, north].map((v) => v.toFixed(4)).join(',');
}

function pointTooltip(point) {
  return h('div', { class: 'tip' },
    h('strong', {}, typeName(point.event_type)),
    h('div', { dir: 'auto' }, [point.location, point.country].filter(Boolean).join(', ')),
    h('div', {}, point.date || t('unknown'), ' · ', t('map.fatalities', { f: point.fatalities || 0 })));
}

function bubbleIcon(count, color, className) {
  const size = Math.round(Math.min(60, 22 + 7 * Math.log10(count)));
  const bubble = h('div', { class: 'cell-bubble' }, String(count));
  Object.assign(bubble.style, { width: `${size}px`, height: `${size}px`, lineHeight: `${size - 4}px`,
    background: color });  // CSSOM, not a style attribute: the CSP forbids those
  return L.divIcon({ className, html: bubble, iconSize: [size, size] });
}

export function createMap(container, config, { onSelect, onLoaded }) {
  const map = L.map(container, { center: [24, 30], zoom: 3, minZoom: 2, maxZoom: 14, worldCopyJump: false,
    attributionControl: true });
  map.attributionControl.setPrefix(false);
  map.createPane('boundaries').style.zIndex = 250;
  const basemap = L.canvas({ padding: 0.2, pane: 'boundaries' });
  if (config.tile_url) L.tileLayer(config.tile_url, { maxZoom: 18 }).addTo(map);
  const countryStyle = { pane: 'boundaries', renderer: basemap, color: '#7a8a99', weight: 1,
    fillColor: '#eef1ea', fillOpacity: config.tile_url ? 0 : 1 };
  const admin1Style = { pane: 'boundaries', renderer: basemap, color: '#b8c2cc', weight: 0.6, fill: false };
  const attribution = h('span', {}, t('map.attribution'));
  map.attributionControl.addAttribution(attribution.textContent);
  getJSON('/boundaries/countries.geojson')
    .then((data) => L.geoJSON(data, { style: countryStyle, interactive: false }).addTo(map).bringToBack())
    .then(() => getJSON('/boundaries/admin1.geojson'))
    .then((data) => L.geoJSON(data, { style: admin1Style, interactive: false }).addTo(map))
    .then(() => { container.dataset.basemap = 'loaded'; })
    .catch(() => { /* the events still show without a basemap */ });

  const points = L.markerClusterGroup({
    maxClusterRadius: 40, showCoverageOnHover: false, chunkedLoading: true,
    // Same look as the server's cells: a bubble in the colour of the most frequent event type.
    iconCreateFunction: (cluster) => {
      const counts = {};
      for (const marker of cluster.getAllChildMarkers()) {
        counts[marker.options.fillColor] = (counts[marker.options.fillColor] || 0) + 1;
      }
      return bubbleIcon(cluster.getChildCount(), Object.entries(counts).sort((a, b) => b[1] - a[1])[0][0],
        'event-cluster');
    },
  });
  const cells = L.layerGroup();
  points.addTo(map);
  cells.addTo(map);
  let filters = {};
  let request = 0;

  async function load() {
    const bbox = clampBounds(map.getBounds());
    const mine = ++request;
    const data = await getJSON('/api/map', { ...filters, bbox, zoom: map.getZoom() });
    if (mine !== request) return;  // a newer view was asked for meanwhile
    points.clearLayers();
    cells.clearLayers();
    if (data.mode === 'points') {
      const markers = data.points.map((point) => {
        const marker = L.circleMarker([point.latitude, point.longitude], {
          radius: radius(point.fatalities), color: '#ffffff', weight: 1.2, fillColor: colorOf(point.event_type),
          fillOpacity: 0.85, className: 'event-marker',
        });
        marker.bindTooltip(pointTooltip(point), { direction: 'top' });
        marker.on('click', () => onSelect(point.cluster_id));
        return marker;
      });
      points.addLayers(markers);
    } else {
      for (const cell of data.cells) {
        const top = Object.entries(cell.by_type).sort((a, b) => b[1] - a[1])[0];
        const marker = L.marker([cell.latitude, cell.longitude], { icon: bubbleIcon(cell.count, colorOf(top && top[0]), 'cell-marker') });
        marker.bindTooltip(h('div', { class: 'tip' }, t('map.cell', { n: cell.count, f: cell.fatalities }),
          ...Object.entries(cell.by_type).map(([type, n]) => h('div', {}, `${typeName(type)}: ${n}`))));
        marker.on('click', () => map.fitBounds([[cell.bbox[1], cell.bbox[0]], [cell.bbox[3], cell.bbox[2]]]));
        cells.addLayer(marker);
      }
    }
    onLoaded(data);
  }

  function reload() { return load().catch((error) => onLoaded(null, error)); }
  map.on('moveend', reload);

  return {
    setFilters(next) { filters = next; return reload(); },
    leaflet: map,
  };
}
