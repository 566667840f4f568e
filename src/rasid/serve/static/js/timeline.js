// The timeline: events (bars) and fatalities (line) per day from /api/stats; dragging across it
// selects a period that filters the map and the table, a click without dragging clears it.
import { h, clear } from './dom.js';
import { t } from './i18n.js';

const SVG = 'http://www.w3.org/2000/svg';
const DAY = 86400000;

function s(tag, attrs = {}) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
  return node;
}

const toDay = (ms) => new Date(ms).toISOString().slice(0, 10);

export function createTimeline(container, { onBrush }) {
  let days = [];
  let scale = null;
  let selection = null;

  function draw() {
    clear(container);
    const width = Math.max(200, container.clientWidth || 600);
    const height = 110;
    const pad = { left: 34, right: 34, top: 8, bottom: 20 };
    if (!days.length) {
      container.appendChild(h('div', { class: 'muted timeline-empty' }, t('timeline.empty')));
      return;
    }
    const first = Date.parse(days[0].key);
    const last = Date.parse(days[days.length - 1].key) + DAY;
    const inner = width - pad.left - pad.right;
    scale = {
      x: (ms) => pad.left + ((ms - first) / (last - first)) * inner,
      ms: (x) => first + ((Math.min(Math.max(x, pad.left), width - pad.right) - pad.left) / inner) * (last - first),
    };
    const maxEvents = Math.max(...days.map((d) => d.events), 1);
    const maxDeaths = Math.max(...days.map((d) => d.fatalities), 1);
    const plot = height - pad.top - pad.bottom;
    const svg = s('svg', { width, height, class: 'timeline-svg', role: 'img' });
    const barWidth = Math.max(1.5, inner / ((last - first) / DAY));
    for (const day of days) {
      const ms = Date.parse(day.key);
      const barHeight = (day.events / maxEvents) * plot;
      const bar = s('rect', { x: scale.x(ms), y: pad.top + plot - barHeight, width: barWidth, height: barHeight,
        class: 'tl-bar' });
      const title = s('title');
      title.textContent = `${day.key}: ${day.events} ${t('timeline.events')}, ${day.fatalities} ${t('timeline.fatalities')}`;
      bar.appendChild(title);
      svg.appendChild(bar);
    }
    // Fatalities as dots, not a line: days are sparse and a line would invent the days between.
    for (const day of days) {
      if (!day.fatalities) continue;
      svg.appendChild(s('circle', { cx: scale.x(Date.parse(day.key)) + barWidth / 2, r: 2.6,
        cy: pad.top + plot - (day.fatalities / maxDeaths) * plot, class: 'tl-deaths' }));
    }
    const axis = s('g', { class: 'tl-axis' });
    const firstLabel = s('text', { x: pad.left, y: height - 4 });
    firstLabel.textContent = days[0].key;
    const lastLabel = s('text', { x: width - pad.right, y: height - 4, 'text-anchor': 'end' });
    lastLabel.textContent = days[days.length - 1].key;
    const leftLabel = s('text', { x: 2, y: pad.top + 10, class: 'tl-events-label' });
    leftLabel.textContent = String(maxEvents);
    const rightLabel = s('text', { x: width - 2, y: pad.top + 10, 'text-anchor': 'end', class: 'tl-deaths-label' });
    rightLabel.textContent = String(maxDeaths);
    axis.append(firstLabel, lastLabel, leftLabel, rightLabel);
    svg.appendChild(axis);
    const brush = s('rect', { class: 'tl-brush', y: pad.top, height: plot, x: 0, width: 0 });
    svg.appendChild(brush);
    if (selection) {
      const x1 = scale.x(Date.parse(selection[0]));
      const x2 = scale.x(Date.parse(selection[1]) + DAY);
      brush.setAttribute('x', String(x1));
      brush.setAttribute('width', String(Math.max(2, x2 - x1)));
    }
    let start = null;
    const local = (event) => event.clientX - svg.getBoundingClientRect().left;
    svg.addEventListener('pointerdown', (event) => {
      start = local(event);
      svg.setPointerCapture(event.pointerId);
      brush.setAttribute('x', String(start));
      brush.setAttribute('width', '0');
    });
    svg.addEventListener('pointermove', (event) => {
      if (start === null) return;
      const x = local(event);
      brush.setAttribute('x', String(Math.min(start, x)));
      brush.setAttribute('width', String(Math.abs(x - start)));
    });
    svg.addEventListener('pointerup', (event) => {
      if (start === null) return;
      const x = local(event);
      const [a, b] = [Math.min(start, x), Math.max(start, x)];
      start = null;
      if (b - a < 3) { select(null); return; }
      select([toDay(scale.ms(a)), toDay(scale.ms(b) - 1)]);
    });
    container.appendChild(svg);
  }

  function select(range) {
    selection = range;
    draw();
    onBrush(range);
  }

  window.addEventListener('resize', () => draw());

  return {
    // /api/stats' by_day holds day-dated events only (month-dated ones are in by_month), in date order.
    setData(byDay) {
      days = byDay;
      draw();
    },
    select,
    redraw: draw,
    get selection() { return selection; },
  };
}
