// The event panel: the fused event, its reports side by side (each with its article and the
// words behind every field highlighted), the sources' figures and conflicts, the review history
// and the review form. Article text is untrusted: it is cut into text nodes at span boundaries.
import { getJSON, postJSON, apiKey } from './api.js';
import { $, bidi, clear, h } from './dom.js';
import { t, typeName } from './i18n.js';

const FIELDS = ['event_type', 'sub_event_type', 'actor1', 'actor2', 'country', 'admin1', 'admin2', 'location',
  'latitude', 'longitude', 'geo_precision', 'date', 'time_precision', 'fatalities'];
const SHOWN = ['event_type', 'sub_event_type', 'actor1', 'actor2', 'location', 'admin1', 'country', 'date',
  'fatalities', 'review_status'];

function value(name, v) {
  if (v === null || v === undefined || v === '') return '—';
  if (name === 'event_type') return typeName(v);
  if (name === 'review_status') return t(`status.${v}`);
  return bidi(v);
}

function fieldList(record, names) {
  return h('dl', { class: 'fields' }, names.map((name) => [
    h('dt', {}, t(`field.${name}`)), h('dd', { dataset: { field: name } }, value(name, record[name]))]));
}

/** Article text as text nodes, each stretch wrapped in a <mark> per kind of span covering it. */
export function highlighted(text, spans) {
  const cuts = new Set([0, text.length]);
  const valid = spans.filter((s) => Number.isInteger(s.start) && Number.isInteger(s.end) && s.start < s.end
    && s.start >= 0 && s.end <= text.length);
  for (const span of valid) { cuts.add(span.start); cuts.add(span.end); }
  const points = [...cuts].sort((a, b) => a - b);
  const out = h('div', { class: 'article', dir: 'auto' });
  for (let i = 0; i + 1 < points.length; i += 1) {
    const [a, b] = [points[i], points[i + 1]];
    const covering = valid.filter((s) => s.start <= a && s.end >= b);
    const piece = document.createTextNode(text.slice(a, b));
    if (!covering.length) { out.appendChild(piece); continue; }
    const kinds = [...new Set(covering.map((s) => s.kind))];
    const mark = h('mark', { class: kinds.map((k) => `hl-${k}`).join(' '), dataset: { kinds: kinds.join(' ') },
      title: covering.map((s) => `${t(`kind.${s.kind}`)}${s.label ? `: ${s.label}` : ''}`).join(' · ') });
    mark.appendChild(piece);
    out.appendChild(mark);
  }
  return out;
}

function spansOf(documentView, figures, evidence) {
  const spans = [];
  for (const m of documentView.mentions || []) {
    spans.push({ start: m.start, end: m.end, kind: m.kind === 'place' ? 'place' : 'actor', label: m.canonical || '' });
  }
  for (const q of documentView.quotes || []) {
    spans.push({ start: q.start, end: q.end, kind: 'quote', label: q.speaker || '' });
  }
  for (const n of figures.quantities || []) spans.push({ start: n.start, end: n.end, kind: 'number', label: `${n.value} (${n.category})` });
  for (const d of figures.times || []) spans.push({ start: d.start, end: d.end, kind: 'date', label: d.value || '' });
  if (evidence && Number.isInteger(evidence.start)) spans.push({ start: evidence.start, end: evidence.end, kind: 'evidence', label: '' });
  return spans;
}

function legend() {
  return h('div', { class: 'hl-legend' }, t('panel.legend'), ' ',
    ['actor', 'place', 'number', 'date', 'quote', 'evidence'].map((k) => [h('mark', { class: `hl-${k}` }, t(`kind.${k}`)), ' ']));
}

async function reportCard(report) {
  const card = h('article', { class: `report${report.rejected ? ' rejected' : ''}`, dataset: { report: report.report_id } },
    h('h4', {}, bidi(report.title || report.outlet || report.doc_id)),
    h('div', { class: 'muted' }, bidi(report.outlet || ''), ' · ', report.published || t('unknown'),
      report.rejected ? [' · ', t('panel.rejected')] : null),
    fieldList(report.event, ['event_type', 'actor1', 'actor2', 'location', 'date', 'fatalities']));
  const articleBox = h('div', { class: 'article-box' }, h('h5', {}, t('panel.article')));
  card.appendChild(articleBox);
  try {
    const [documentView, figures] = await Promise.all([
      getJSON(`/api/documents/${encodeURIComponent(report.doc_id)}`),
      getJSON(`/api/documents/${encodeURIComponent(report.doc_id)}/figures`).catch(() => ({})),
    ]);
    articleBox.appendChild(highlighted(documentView.text || '', spansOf(documentView, figures, report.evidence)));
  } catch (error) {
    articleBox.appendChild(h('div', { class: 'error' }, t('status.error', { message: error.message })));
  }
  return card;
}

function figuresTable(sourceFigures) {
  const sources = Object.entries(sourceFigures || {});
  if (!sources.length) return null;
  return h('section', { class: 'figures' }, h('h3', {}, t('panel.figures')),
    h('div', { class: 'side-by-side' }, sources.map(([source, fields]) => h('div', { class: 'source-figures' },
      h('h4', {}, bidi(source)),
      h('dl', { class: 'fields' }, Object.entries(fields).map(([name, values]) => [
        h('dt', {}, t(`field.${name}`)), h('dd', {}, bidi(values.join(' / ')))]))))));
}

function conflictsList(conflicts) {
  return h('section', { class: 'conflicts' }, h('h3', {}, t('panel.conflicts')),
    conflicts.length ? h('ul', {}, conflicts.map((c) => h('li', {}, h('strong', {}, t(`field.${c.field}`)), ': ',
      (c.values || []).map((v, i) => [i ? '; ' : '', bidi(String(v.value)), ' (', bidi(v.source || ''), ')']))))
      : h('p', { class: 'muted' }, t('panel.no_conflicts')));
}

function reviewsList(reviews) {
  return h('section', { class: 'reviews' }, h('h3', {}, t('panel.reviews')),
    reviews.length ? h('ul', {}, reviews.map((r) => h('li', {}, r.created_at, ' · ', bidi(r.reviewer), ' · ', r.action,
      r.field ? [' ', t(`field.${r.field}`), ': ', bidi(r.old_value ?? '—'), ' → ', bidi(r.new_value ?? '—')] : null,
      ' · ', bidi(r.reason || ''))))
      : h('p', { class: 'muted' }, t('panel.no_reviews')));
}

function reviewForm(record, readOnly, onDone) {
  const action = h('select', { name: 'action' },
    ['confirm', 'reject', 'correct'].map((a) => h('option', { value: a }, t(`review.${a}`))));
  const field = h('select', { name: 'field' }, FIELDS.map((f) => h('option', { value: f }, t(`field.${f}`))));
  const newValue = h('input', { name: 'value', dir: 'auto' });
  const reviewer = h('input', { name: 'reviewer', required: true, maxlength: 200, dir: 'auto' });
  const reason = h('input', { name: 'reason', required: true, maxlength: 2000, dir: 'auto' });
  const message = h('span', { class: 'review-message', role: 'status' });
  const correctOnly = h('span', { class: 'correct-only' },
    h('label', {}, t('review.field'), ' ', field), ' ', h('label', {}, t('review.value'), ' ', newValue));
  const sync = () => { correctOnly.hidden = action.value !== 'correct'; };
  action.addEventListener('change', sync);
  field.addEventListener('change', () => { newValue.value = record[field.value] ?? ''; });
  sync();
  const form = h('form', { class: 'review-form' }, h('h3', {}, t('review.title')),
    h('label', {}, t('review.action'), ' ', action), ' ', correctOnly, ' ',
    h('label', {}, t('review.reviewer'), ' ', reviewer), ' ', h('label', {}, t('review.reason'), ' ', reason), ' ',
    h('button', { type: 'submit' }, t('review.submit')), ' ', message);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (readOnly) { message.textContent = t('review.read_only'); return; }
    if (!apiKey()) { message.textContent = t('review.need_key'); return; }
    const body = { action: action.value, reviewer: reviewer.value, reason: reason.value };
    if (action.value === 'correct') { body.field = field.value; body.value = newValue.value; }
    try {
      await postJSON(`/api/events/${encodeURIComponent(record.cluster_id)}/review`, body);
      message.textContent = t('review.done');
      onDone();
    } catch (error) {
      message.textContent = t('status.error', { message: error.message });
    }
  });
  return form;
}

export function createPanel({ readOnly, onReviewed }) {
  const panel = $('panel');
  const body = $('panel-body');
  let current = null;
  $('panel-close').addEventListener('click', () => { panel.hidden = true; current = null; });

  async function open(clusterId) {
    current = clusterId;
    panel.hidden = false;
    clear(body);
    let record;
    try {
      record = await getJSON(`/api/events/${encodeURIComponent(clusterId)}`);
    } catch (error) {
      body.appendChild(h('div', { class: 'error' }, t('status.error', { message: error.message })));
      return;
    }
    if (current !== clusterId) return;
    $('panel-title').textContent = `${t('panel.event')} · ${typeName(record.event_type)}`;
    const reports = h('div', { class: 'side-by-side reports' });
    body.append(
      h('section', { class: 'summary', dataset: { id: record.cluster_id } }, fieldList(record, SHOWN)),
      conflictsList(record.conflicts || []),
      figuresTable(record.source_figures) || '',
      h('h3', {}, t('panel.reports', { n: record.reports.length })), legend(), reports,
      reviewsList(record.reviews || []),
      reviewForm(record, readOnly, () => { open(clusterId); onReviewed(); }));
    const cards = await Promise.all(record.reports.map(reportCard));
    if (current !== clusterId) return;
    reports.append(...cards);
    panel.dataset.loaded = clusterId;
  }

  return { open, reopen: () => current && open(current) };
}
