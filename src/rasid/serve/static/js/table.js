// The events table: /api/events sorted by date or fatalities, one cursor-paged page at a time.
import { getJSON } from './api.js';
import { colorOf } from './colors.js';
import { $, bidi, clear, h } from './dom.js';
import { t, typeName } from './i18n.js';

const PAGE = 25;

export function createTable(table, { onSelect, onError }) {
  const body = table.querySelector('tbody');
  let filters = {};
  let sort = 'date';
  let order = 'desc';
  let cursors = [null];  // cursors[i] is the cursor of page i
  let page = 0;
  let next = null;
  let rows = [];
  let request = 0;

  function render() {
    clear(body);
    if (!rows.length) {
      body.appendChild(h('tr', {}, h('td', { colspan: 6, class: 'muted' }, t('table.empty'))));
    }
    for (const event of rows) {
      const place = [event.location, event.admin1, event.country].filter(Boolean);
      const swatch = h('span', { class: 'swatch' });
      swatch.style.background = colorOf(event.event_type);
      const row = h('tr', { class: 'event-row', tabindex: 0, dataset: { id: event.cluster_id } },
        h('td', { class: 'nowrap' }, event.date || t('unknown')),
        h('td', {}, swatch, typeName(event.event_type)),
        h('td', {}, bidi(event.actor1 || '—'), event.actor2 ? [' ⟷ ', bidi(event.actor2)] : null),
        h('td', { class: 'place' }, place.map((part, i) => [i ? ', ' : '', bidi(part)])),
        h('td', { class: 'num' }, String(event.fatalities ?? 0)),
        h('td', {}, (event.sources || []).map((source, i) => [i ? ', ' : '', bidi(source)]),
          event.review_status && event.review_status !== 'unreviewed'
            ? h('span', { class: `badge ${event.review_status}` }, t(`status.${event.review_status}`)) : null));
      row.addEventListener('click', () => onSelect(event.cluster_id));
      row.addEventListener('keydown', (e) => { if (e.key === 'Enter') onSelect(event.cluster_id); });
      body.appendChild(row);
    }
    $('page-label').textContent = t('table.page', { n: page + 1 });
    $('prev').disabled = page === 0;
    $('next').disabled = !next;
    for (const button of table.querySelectorAll('button.sort')) {
      const active = button.dataset.sort === sort;
      button.classList.toggle('active', active);
      button.dataset.order = active ? order : '';
    }
  }

  async function load() {
    const mine = ++request;
    try {
      const data = await getJSON('/api/events', { ...filters, sort, order, limit: PAGE, cursor: cursors[page] });
      if (mine !== request) return;  // an answer to an older request: a newer one is on its way
      rows = data.items;
      next = data.next_cursor;
      render();
    } catch (error) {
      onError(error);
    }
  }

  for (const button of table.querySelectorAll('button.sort')) {
    button.addEventListener('click', () => {
      if (sort === button.dataset.sort) order = order === 'asc' ? 'desc' : 'asc';
      else { sort = button.dataset.sort; order = 'desc'; }
      cursors = [null]; page = 0;
      load();
    });
  }
  $('next').addEventListener('click', () => {
    if (!next) return;
    page += 1;
    cursors[page] = next;
    load();
  });
  $('prev').addEventListener('click', () => {
    if (page === 0) return;
    page -= 1;
    load();
  });

  return {
    setFilters(nextFilters) { filters = nextFilters; cursors = [null]; page = 0; return load(); },
    reload: load,
    render,
  };
}
