// The dashboard: filters drive the map, the timeline and the table; brushing the timeline narrows
// the map and the table to a period; clicking an event (marker or row) opens its panel.
import { getJSON, apiKey, setApiKey } from './api.js';
import { TYPE_COLORS } from './colors.js';
import { $, clear, h } from './dom.js';
import { onLanguageChange, setLang, storedLang, t, typeName } from './i18n.js';
import { createMap } from './map.js';
import { createPanel } from './panel.js';
import { createTable } from './table.js';
import { createTimeline } from './timeline.js';

const form = $('filters');
let brush = null;  // [since, until] from the timeline

function formFilters() {
  const data = new FormData(form);
  const out = {};
  for (const [key, value] of data.entries()) {
    const text = String(value).trim();
    if (text && !(key === 'reviewed' && text === 'any')) out[key] = text;
  }
  return out;
}

function narrowed(filters) {
  if (!brush) return filters;
  const out = { ...filters };
  if (!out.since || brush[0] > out.since) out.since = brush[0];
  if (!out.until || brush[1] < out.until) out.until = brush[1];
  return out;
}

function status(text, isError = false) {
  const node = $('status');
  node.textContent = text;
  node.classList.toggle('error', isError);
}

function fillTypes() {
  const select = $('type-select');
  const chosen = select.value;
  for (const option of [...select.options].slice(1)) option.remove();
  for (const type of Object.keys(TYPE_COLORS)) select.appendChild(h('option', { value: type }, typeName(type)));
  select.value = chosen;
  const legend = clear($('legend'));
  for (const [type, color] of Object.entries(TYPE_COLORS)) {
    const swatch = h('span', { class: 'swatch' });
    swatch.style.background = color;
    legend.appendChild(h('span', { class: 'legend-item' }, swatch, typeName(type)));
  }
}

async function main() {
  await setLang(storedLang());
  $('lang').value = document.documentElement.lang;
  fillTypes();
  const config = await getJSON('/dashboard/config.json');
  const panel = createPanel({ readOnly: config.read_only, onReviewed: () => refresh() });
  const map = createMap($('map'), config, {
    onSelect: (id) => panel.open(id),
    onLoaded: (data, error) => {
      if (error) status(t('status.error', { message: error.message }), true);
      else status(t('status.events', { n: data.total }));
      document.body.dataset.mapMode = data ? data.mode : 'error';
    },
  });
  const table = createTable($('events'), {
    onSelect: (id) => panel.open(id),
    onError: (error) => status(t('status.error', { message: error.message }), true),
  });
  const timeline = createTimeline($('timeline'), {
    onBrush: (range) => {
      brush = range;
      $('brush-clear').hidden = !range;
      $('brush-label').textContent = range ? t('timeline.selected', { since: range[0], until: range[1] }) : '';
      const filters = narrowed(formFilters());
      map.setFilters(filters);
      table.setFilters(filters);
    },
  });

  async function refresh() {
    status(t('status.loading'));
    const filters = formFilters();
    const narrow = narrowed(filters);
    await Promise.all([
      map.setFilters(narrow),
      table.setFilters(narrow),
      getJSON('/api/stats', filters).then((stats) => {
        timeline.setData(stats.by_day);
        const list = clear($('country-list'));
        for (const c of stats.by_country) if (c.key !== 'unknown') list.appendChild(h('option', { value: c.key }));
      }).catch((error) => status(t('status.error', { message: error.message }), true)),
    ]);
    document.body.dataset.ready = 'true';
  }

  form.addEventListener('submit', (event) => { event.preventDefault(); refresh(); });
  form.addEventListener('reset', () => { setTimeout(() => { brush = null; timeline.select(null); refresh(); }, 0); });
  $('brush-clear').addEventListener('click', () => timeline.select(null));
  $('lang').addEventListener('change', (event) => setLang(event.target.value));
  const key = $('api-key');
  key.value = apiKey();
  key.addEventListener('change', () => setApiKey(key.value.trim()));
  onLanguageChange(() => { fillTypes(); table.render(); timeline.redraw(); panel.reopen(); });
  await refresh();
}

main().catch((error) => status(t('status.error', { message: error.message }), true));
