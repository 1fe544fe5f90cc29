// groklab explorer: runs, one run scrubbed through training, comparisons and sweeps, from the server's /api or,
// in a report, from the answers inlined in window.GROKLAB_REPORT under the same keys.
'use strict';

const REPORT = window.GROKLAB_REPORT || null;
const OUTCOMES = ['no-learn', 'memorize-only', 'grok', 'direct-generalize', 'diverged', 'failed'];
const OUTCOME_COLOR = {
  'grok': '#16a34a', 'memorize-only': '#ea580c', 'direct-generalize': '#2563eb', 'no-learn': '#6b7280',
  'diverged': '#dc2626', 'failed': '#111827', 'running': '#a855f7', 'incomplete': '#a855f7'
};
const SERIES_COLORS = ['#2563eb', '#dc2626', '#16a34a', '#9333ea', '#ea580c', '#0891b2', '#be185d', '#4d7c0f',
  '#92400e', '#334155', '#7c3aed', '#059669'];

const app = document.getElementById('app');
let timers = [];
let plots = [];

// ---------- data ----------

function key(endpoint, params) {
  const parts = Object.entries(params || {}).map(([k, v]) => k + '=' + encodeURIComponent(v == null ? '' : v));
  return '/api/' + endpoint + (parts.length ? '?' + parts.join('&') : '');
}

async function api(endpoint, params) {
  const k = key(endpoint, params);
  if (REPORT) {
    if (k in REPORT.data) return REPORT.data[k];
    throw new Error('this report does not hold ' + k);
  }
  for (let waited = false; ; waited = true) {
    const r = await fetch(k.slice(1), {cache: 'no-store'});
    const body = await r.json();
    if (!r.ok) throw new Error(body.error || ('HTTP ' + r.status));
    if (r.status !== 202) {
      if (waited) status('');
      return body;
    }
    // a large sweep being opened (read once): ask again in a moment
    status(body.message + ' …');
    await new Promise(done => setTimeout(done, 700));
  }
}

// ---------- small helpers ----------

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v == null || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (k === 'style') e.style.cssText = v;
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c == null || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

function fmt(v, digits) {
  if (v == null || Number.isNaN(v)) return '–';
  if (typeof v !== 'number') return String(v);
  if (Number.isInteger(v) && Math.abs(v) < 1e9) return v.toLocaleString('en-US');
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e5)) return v.toExponential(2);
  return v.toFixed(digits == null ? 3 : digits);
}

function badge(outcome) {
  return el('span', {class: 'badge', style: 'background:' + (OUTCOME_COLOR[outcome] || '#64748b')}, outcome);
}

function every(ms, fn) {
  if (REPORT) return;
  const id = setInterval(fn, ms);
  timers.push(id);
}

function status(text) {
  document.getElementById('status').textContent = text || '';
}

function parseHash() {
  const h = location.hash || (REPORT ? REPORT.start : '#/runs');
  const [route, query] = h.replace(/^#\/?/, '').split('?');
  return {route: route || 'runs', params: new URLSearchParams(query || '')};
}

function go(route, params) {
  const q = new URLSearchParams(params || {}).toString();
  location.hash = '#/' + route + (q ? '?' + q : '');
}

function joinPath(a, b) {
  return a ? a + '/' + b : b;
}

function showError(e) {
  app.replaceChildren(el('p', {class: 'error'}, String(e.message || e)));
}

// ---------- router ----------

async function render() {
  timers.forEach(clearInterval);
  timers = [];
  plots.forEach(p => p.destroy());
  plots = [];
  status('');
  const {route, params} = parseHash();
  const nav = document.getElementById('nav');
  nav.replaceChildren();
  if (!REPORT) nav.append(el('a', {href: '#/runs'}, 'Runs'));
  try {
    if (route === 'run') await runPage(params.get('path') || '');
    else if (route === 'compare') await comparePage((params.get('paths') || '').split('|').filter(p => p !== ''));
    else if (route === 'sweep') await sweepPage(params.get('path') || '');
    else if (REPORT) location.hash = REPORT.start;
    else await runsPage(params);
  } catch (e) {
    showError(e);
  }
}

window.addEventListener('hashchange', render);
window.addEventListener('DOMContentLoaded', render);
if (REPORT && REPORT.title) document.title = 'groklab report: ' + REPORT.title;

// ---------- runs list ----------

const listState = {offset: 0, limit: 50, sort: 'modified', order: 'desc', outcome: '', kind: '', q: '', selected: new Set()};

async function runsPage() {
  const title = el('h1', {}, 'Runs');
  const search = el('input', {type: 'search', placeholder: 'search names', value: listState.q, id: 'search'});
  const outcome = el('select', {id: 'outcome-filter'});
  const kind = el('select', {id: 'kind-filter'});
  const compare = el('button', {id: 'compare', onclick: () => go('compare', {paths: [...listState.selected].join('|')})});
  const sweeps = el('div', {id: 'sweeps'});
  const table = el('div', {id: 'runs'});
  const pager = el('div', {class: 'pager'});
  app.replaceChildren(sweeps, title, el('div', {class: 'toolbar'}, search, outcome, kind, compare), table, pager);

  const columns = [
    ['', null], ['run', 'path'], ['kind', 'kind'], ['preset', 'name'], ['outcome', 'outcome'],
    ['memorized', 'memorization_step'], ['generalized', 'generalization_step'], ['train acc', 'train_acc'],
    ['test acc', 'test_acc'], ['progress (by last update)', 'modified']];

  let shown = '';
  async function refresh() {
    const page = await api('runs', {offset: listState.offset, limit: listState.limit, sort: listState.sort,
      order: listState.order, outcome: listState.outcome, kind: listState.kind, q: listState.q});
    status(page.all + (page.all === 1 ? ' run' : ' runs') + ' · updated ' + new Date().toLocaleTimeString());
    const signature = JSON.stringify([page, listState.sort, listState.order, [...listState.selected]]);
    if (signature === shown) return; // nothing changed: the table is left alone (no flicker, no lost hover)
    shown = signature;
    fillSelect(outcome, 'all outcomes', page.outcomes, listState.outcome);
    fillSelect(kind, 'all kinds', page.kinds, listState.kind);
    compare.textContent = 'Compare selected (' + listState.selected.size + ')';
    compare.disabled = listState.selected.size < 1;
    sweeps.replaceChildren();
    if (page.sweeps.length) {
      sweeps.append(el('h1', {}, 'Sweeps'), el('table', {class: 'grid'},
        el('tr', {}, el('th', {}, 'sweep'), el('th', {}, 'name'), el('th', {}, 'runs'), el('th', {}, 'cells')),
        page.sweeps.map(s => el('tr', {},
          el('td', {}, el('a', {href: '#/sweep?path=' + encodeURIComponent(s.path), class: 'sweep-link'}, s.path || '.')),
          el('td', {}, s.name), el('td', {class: 'num'}, fmt(s.planned)), el('td', {class: 'num'}, fmt(s.cells))))));
    }
    const head = el('tr', {}, columns.map(([label, sortKey]) => {
      const th = el('th', {class: sortKey ? 'sortable' : ''}, label);
      if (sortKey && listState.sort === sortKey) th.classList.add('sorted', ...(listState.order === 'desc' ? ['desc'] : []));
      if (sortKey) th.addEventListener('click', () => {
        listState.order = listState.sort === sortKey && listState.order === 'asc' ? 'desc' : 'asc';
        listState.sort = sortKey;
        refresh();
      });
      return th;
    }));
    const rows = page.runs.map(r => {
      const box = el('input', {type: 'checkbox', checked: listState.selected.has(r.path), 'data-path': r.path,
        onchange: e => { e.target.checked ? listState.selected.add(r.path) : listState.selected.delete(r.path); refresh(); }});
      const pct = r.steps > 0 ? Math.min(1, r.step_done / r.steps) : 0;
      return el('tr', {class: 'run-row', 'data-path': r.path},
        el('td', {}, box),
        el('td', {}, el('a', {href: '#/run?path=' + encodeURIComponent(r.path)}, r.path || '.')),
        el('td', {}, r.kind), el('td', {}, r.name), el('td', {}, badge(r.outcome)),
        el('td', {class: 'num'}, fmt(r.memorization_step)), el('td', {class: 'num'}, fmt(r.generalization_step)),
        el('td', {class: 'num'}, fmt(r.train_acc)), el('td', {class: 'num'}, fmt(r.test_acc)),
        el('td', {}, r.complete ? el('span', {class: 'muted small'}, fmt(r.step_done) + ' steps')
          : el('span', {}, el('span', {class: 'progress'}, el('span', {style: 'width:' + (100 * pct).toFixed(1) + '%'})),
            ' ', el('span', {class: 'small'}, fmt(r.step_done) + ' / ' + fmt(r.steps)))));
    });
    table.replaceChildren(el('table', {class: 'grid'}, head, rows));
    if (!page.runs.length) table.append(el('p', {class: 'muted'}, page.all ? 'No run matches.' : 'No runs yet under this directory.'));
    const last = Math.min(page.total, listState.offset + listState.limit);
    pager.replaceChildren(
      el('button', {disabled: listState.offset === 0, onclick: () => { listState.offset = Math.max(0, listState.offset - listState.limit); refresh(); }}, '‹ previous'),
      el('span', {class: 'muted'}, page.total ? (listState.offset + 1) + '–' + last + ' of ' + page.total : '0 runs'),
      el('button', {disabled: last >= page.total, onclick: () => { listState.offset += listState.limit; refresh(); }}, 'next ›'));
  }

  search.addEventListener('input', () => { listState.q = search.value; listState.offset = 0; refresh(); });
  outcome.addEventListener('change', () => { listState.outcome = outcome.value; listState.offset = 0; refresh(); });
  kind.addEventListener('change', () => { listState.kind = kind.value; listState.offset = 0; refresh(); });
  await refresh();
  every(2000, () => refresh().catch(e => status(e.message)));
}

function fillSelect(select, allLabel, values, current) {
  const want = ['', ...values];
  const have = [...select.options].map(o => o.value);
  if (want.join('\n') === have.join('\n')) return;
  select.replaceChildren(...want.map(v => el('option', {value: v, selected: v === current}, v || allLabel)));
}

// ---------- charts ----------

function chartWidth(container) {
  return Math.max(280, container.clientWidth - 4);
}

function lineChart(container, {title, x, series, logX, logY, yRange, marker, onPick, height}) {
  const data = [x, ...series.map(s => s.values)];
  const opts = {
    title, width: chartWidth(container), height: height || 230,
    scales: {x: {time: false, distr: logX ? 3 : 1, range: (u, min, max) => (min == null || max == null ? [1, 10] : [min, max > min ? max : min + 1])}, y: logY ? {distr: 3} : (yRange ? {range: yRange, auto: false} : {})},
    axes: [{label: 'step'}, {size: 60}],
    series: [{label: 'step'}, ...series.map((s, i) => ({label: s.label, stroke: s.color || SERIES_COLORS[i % SERIES_COLORS.length],
      width: s.width || 1.5, dash: s.dash, spanGaps: true, points: {show: false}}))],
    cursor: {drag: {x: false, y: false}},
    hooks: {
      draw: [u => {
        const m = marker && marker();
        if (!m) return;
        const ctx = u.ctx;
        for (const [step, color, dash] of m) {
          if (step == null) continue;
          const px = u.valToPos(logX ? Math.max(step, 0.5) : step, 'x', true);
          ctx.save();
          ctx.strokeStyle = color;
          ctx.lineWidth = 1.5 * devicePixelRatio;
          if (dash) ctx.setLineDash([4 * devicePixelRatio, 3 * devicePixelRatio]);
          ctx.beginPath();
          ctx.moveTo(px, u.bbox.top);
          ctx.lineTo(px, u.bbox.top + u.bbox.height);
          ctx.stroke();
          ctx.restore();
        }
      }],
    },
  };
  const plot = new uPlot(opts, data, container);
  if (onPick) plot.over.addEventListener('click', () => {
    const left = plot.cursor.left;
    if (left != null && left >= 0) onPick(plot.posToVal(left, 'x'));
  });
  plots.push(plot);
  return plot;
}

function column(rows, columns, name, logX) {
  const i = columns.indexOf(name);
  return rows.map(r => (i < 0 ? null : r[i]));
}

// ---------- one run ----------

async function runPage(path) {
  const run = await api('run', {path});
  const m = await api('metrics', {path, offset: 0});
  let columns = m.columns;
  let rows = m.rows.slice();
  let offset = m.offset;
  // follow: while the run trains, the views show its latest checkpoint until the scrubber is moved
  const state = {logX: true, step: null, views: new Map(), neuron: null, complete: run.complete, checkpoints: run.checkpoints,
    follow: !run.complete};
  const parity = run.kind.startsWith('parity');

  const info = el('div', {class: 'small muted', id: 'run-info'});
  function fillInfo(r) {
    info.replaceChildren(r.kind + ' · preset ' + r.name + ' · ', badge(r.outcome),
      ' · memorized at ' + fmt(r.memorization_step) + ' · generalized at ' + fmt(r.generalization_step) +
      (r.complete ? ' · final' : ' · latest') + ' train acc ' + fmt(r.train_acc) + ', test acc ' + fmt(r.test_acc) +
      (r.complete ? '' : ' · training: step ' + fmt(r.step_done) + ' of ' + fmt(r.steps)));
  }
  fillInfo(run);
  const axisLog = el('button', {class: 'on', onclick: () => setAxis(true)}, 'log step');
  const axisLin = el('button', {onclick: () => setAxis(false)}, 'linear step');
  const slider = el('input', {type: 'range', min: 0, max: 1000, value: 1000, id: 'scrubber'});
  const stepLabel = el('span', {class: 'step', id: 'scrub-step'});
  const charts = el('div', {class: 'charts'});
  const lossBox = el('div', {class: 'card', id: 'loss-chart'});
  const accBox = el('div', {class: 'card', id: 'acc-chart'});
  charts.append(lossBox, accBox);
  const extraCharts = el('div', {class: 'charts', style: 'margin-top:14px'});
  const views = el('div', {class: 'cards', id: 'views', style: 'margin-top:14px'});
  const recordsBox = el('div', {class: 'cards', id: 'records', style: 'margin-top:14px'});
  app.replaceChildren(
    el('h1', {}, run.path || run.dir), info,
    el('div', {class: 'scrubber'}, el('span', {}, 'Scrub'), slider, stepLabel, axisLog, axisLin),
    charts, extraCharts, recordsBox, views);
  // the data records the kind's analysis wrote under analysis/ (parity panels, recurrent dynamics)
  const records = {};
  for (const name of run.analyses || []) records[name] = await api('analysis', {path, name});

  // the planned steps while training; once finished, the last step reached (a run may stop early)
  const maxStep = () => Math.max(1, run.complete ? 0 : run.steps, rows.length ? rows[rows.length - 1][columns.indexOf('step')] : 1,
    state.checkpoints.length ? state.checkpoints[state.checkpoints.length - 1] : 1);
  function sliderToStep(v) {
    const t = v / 1000;
    return state.logX ? Math.round(Math.exp(t * Math.log(maxStep() + 1))) - 1 : Math.round(t * maxStep());
  }
  function stepToSlider(s) {
    return state.logX ? Math.round(1000 * Math.log(s + 1) / Math.log(maxStep() + 1)) : Math.round(1000 * s / maxStep());
  }
  function nearestCheckpoint(s) {
    let best = null;
    for (const c of state.checkpoints) {
      const d = state.logX ? Math.abs(Math.log(c + 1) - Math.log(s + 1)) : Math.abs(c - s);
      if (best == null || d < best.d) best = {c, d};
    }
    return best ? best.c : null;
  }
  const markers = () => [[state.step, '#111827', false], [run.memorization_step, OUTCOME_COLOR['memorize-only'], true],
    [run.generalization_step, OUTCOME_COLOR.grok, true]];

  let lossPlot;
  let accPlot;
  let extraPlots = [];
  function xs() {
    const s = column(rows, columns, 'step');
    return state.logX ? s.map(v => Math.max(v, 0.5)) : s;
  }
  function drawCharts() {
    [lossPlot, accPlot, ...extraPlots].forEach(p => { if (p) { p.destroy(); plots = plots.filter(q => q !== p); } });
    lossBox.replaceChildren();
    accBox.replaceChildren();
    extraCharts.replaceChildren();
    const pick = v => { state.follow = false; setStep(Math.max(0, Math.round(v))); };
    lossPlot = lineChart(lossBox, {title: 'loss', x: xs(), logX: state.logX, logY: true, marker: markers, onPick: pick,
      series: [{label: 'train', values: column(rows, columns, 'train_loss'), color: '#2563eb'},
        {label: 'test', values: column(rows, columns, 'test_loss'), color: '#dc2626'}]});
    accPlot = lineChart(accBox, {title: 'accuracy', x: xs(), logX: state.logX, yRange: [0, 1.02], marker: markers, onPick: pick,
      series: [{label: 'train', values: column(rows, columns, 'train_acc'), color: '#2563eb'},
        {label: 'test', values: column(rows, columns, 'test_acc'), color: '#dc2626'}]});
    extraPlots = [];
    const norms = columns.filter(c => /^(l2_|sn_|fro_)/.test(c));
    if (norms.length) {
      const box = el('div', {class: 'card', id: 'norms-chart'});
      extraCharts.append(box);
      extraPlots.push(lineChart(box, {title: 'weight norms (from metrics.csv)', x: xs(), logX: state.logX, logY: true,
        marker: markers, onPick: pick, series: norms.map(c => ({label: c, values: column(rows, columns, c)}))}));
    }
    if (columns.includes('relevant_share')) {
      const box = el('div', {class: 'card', id: 'relevant-chart'});
      extraCharts.append(box);
      extraPlots.push(lineChart(box, {title: 'share of first-layer weight on the relevant bits', x: xs(), logX: state.logX,
        yRange: [0, 1.02], marker: markers, onPick: pick,
        series: [{label: 'relevant share', values: column(rows, columns, 'relevant_share'), color: '#16a34a'}]}));
    }
    if (run.analysis && run.analysis.checkpoints.length) {
      const a = run.analysis.checkpoints;
      const box = el('div', {class: 'card', id: 'progress-chart'});
      extraCharts.append(box);
      extraPlots.push(lineChart(box, {title: 'progress measures (analysis.json)', x: a.map(c => state.logX ? Math.max(c.step, 0.5) : c.step),
        logX: state.logX, logY: true, marker: markers, onPick: pick,
        series: [{label: 'train', values: a.map(c => c.train_loss), color: '#2563eb'},
          {label: 'test', values: a.map(c => c.test_loss), color: '#dc2626'},
          {label: 'restricted', values: a.map(c => c.restricted_loss), color: '#16a34a'},
          {label: 'excluded', values: a.map(c => c.excluded_loss), color: '#9333ea'}]}));
    }
  }
  function setAxis(log) {
    state.logX = log;
    axisLog.classList.toggle('on', log);
    axisLin.classList.toggle('on', !log);
    drawCharts();
    if (state.step != null) slider.value = stepToSlider(state.step);
  }

  let pending = 0;
  async function setStep(step, fromSlider) {
    const c = nearestCheckpoint(step);
    state.step = c == null ? step : c;
    if (!fromSlider) slider.value = stepToSlider(state.step);
    stepLabel.textContent = c == null ? 'no checkpoints yet' : 'step ' + fmt(step) + ' → checkpoint ' + fmt(c);
    [lossPlot, accPlot, ...extraPlots].forEach(p => p && p.redraw(false));
    if (c == null) { drawRecords(recordsBox, records, step); return; }
    const ticket = ++pending;
    let v = state.views.get(c);
    if (!v) {
      v = await api('checkpoint', {path, step: c});
      state.views.set(c, v);
    }
    if (ticket !== pending) return;
    drawRecords(recordsBox, records, state.step);
    drawViews(views, v, parity, state);
    views.dataset.step = String(c);
  }
  slider.addEventListener('input', () => {
    state.follow = false;
    setStep(sliderToStep(+slider.value), true).catch(e => status(e.message));
  });

  drawCharts();
  await setStep(state.checkpoints.length ? state.checkpoints[state.checkpoints.length - 1] : 0);

  if (!run.complete) {
    every(1000, async () => {
      const more = await api('metrics', {path, offset});
      if (more.columns.length && !columns.length) columns = more.columns;
      if (more.rows.length) {
        rows = rows.concat(more.rows);
        const data = [xs(), ...lossPlot.series.slice(1).map((s, i) => column(rows, columns, i ? 'test_loss' : 'train_loss'))];
        lossPlot.setData(data);
        accPlot.setData([xs(), column(rows, columns, 'train_acc'), column(rows, columns, 'test_acc')]);
        extraPlots.forEach(p => p.setData([xs(), ...p.series.slice(1).map(s => column(rows, columns,
          s.label === 'relevant share' ? 'relevant_share' : s.label))]));
      }
      offset = more.offset;
      status('live: ' + rows.length + ' rows · ' + new Date().toLocaleTimeString());
      if (more.complete) {
        const r = await api('run', {path});
        Object.assign(run, r);
        state.checkpoints = r.checkpoints;
        fillInfo(r);
        timers.forEach(clearInterval);
        status('finished');
      }
    });
    every(4000, async () => {
      const r = await api('run', {path});
      state.checkpoints = r.checkpoints;
      fillInfo(r);
      if (state.follow && r.checkpoints.length) await setStep(r.checkpoints[r.checkpoints.length - 1]);
    });
  }
}

// ---------- weight views ----------

function diverging(v, max) {
  const t = Math.max(-1, Math.min(1, max > 0 ? v / max : 0));
  if (t >= 0) return [255, Math.round(255 * (1 - t * 0.85)), Math.round(255 * (1 - t))];
  return [Math.round(255 * (1 + t)), Math.round(255 * (1 + t * 0.6)), 255];
}

function heatmap(map, order, opts) {
  // a sorted map gets a one-pixel gutter on the left, alternating grey per group (frequency), to show the groups
  const rows = map.rows, cols = map.cols, gutter = opts.groups ? 1 : 0, width = cols + gutter;
  const canvas = el('canvas', {class: 'heat', width, height: rows});
  const ctx = canvas.getContext('2d');
  const img = ctx.createImageData(width, rows);
  let max = 0;
  for (const v of map.data) if (v != null) max = Math.max(max, Math.abs(v));
  let band = 0;
  for (let r = 0; r < rows; r++) {
    const src = order ? order[r] : r;
    if (gutter && r > 0 && opts.groups[src] !== opts.groups[order[r - 1]]) band++;
    for (let c = 0; c < width; c++) {
      const v = c < gutter ? null : map.data[src * cols + c - gutter];
      const [R, G, B] = c < gutter ? (band % 2 ? [60, 60, 60] : [170, 170, 170]) : v == null ? [200, 200, 200] : diverging(v, max);
      const o = 4 * (r * width + c);
      img.data[o] = R; img.data[o + 1] = G; img.data[o + 2] = B; img.data[o + 3] = 255;
    }
  }
  ctx.putImageData(img, 0, 0);
  canvas.style.height = (rows === 1 ? 28 : Math.min(260, Math.max(120, rows * 2))) + 'px';
  canvas.style.width = '100%';
  canvas.title = 'rows: neurons' + (order ? ' (' + opts.sortedBy + ')' : '') + '; columns: ' + (map.columns || 'value') + '; colour: weight (max |w| = ' + fmt(max) + ')';
  if (opts.onRow) canvas.addEventListener('click', e => {
    const r = Math.min(rows - 1, Math.floor(e.offsetY / canvas.clientHeight * rows));
    opts.onRow(order ? order[r] : r);
  });
  return canvas;
}

function barChart(values, {labels, highlight, color, height, yMax, signed}) {
  if (signed) return signedBars(values, {labels, height});
  const w = 380, h = height || 150, pad = {l: 36, r: 6, t: 8, b: 22};
  const canvas = el('canvas', {width: w * 2, height: h * 2, style: 'width:100%;max-width:' + w + 'px;height:auto'});
  const ctx = canvas.getContext('2d');
  ctx.scale(2, 2);
  const n = values.length;
  const max = yMax || Math.max(1e-12, ...values.map(v => v || 0));
  const bw = (w - pad.l - pad.r) / Math.max(1, n);
  ctx.font = '11px system-ui, sans-serif';
  ctx.fillStyle = '#6b7280';
  ctx.strokeStyle = '#e3e6ec';
  for (const f of [0, 0.5, 1]) {
    const y = pad.t + (h - pad.t - pad.b) * (1 - f);
    ctx.beginPath(); ctx.moveTo(pad.l, y); ctx.lineTo(w - pad.r, y); ctx.stroke();
    ctx.fillText((max * f).toFixed(max * f < 0.1 && f > 0 ? 3 : 2), 2, y + 3);
  }
  for (let i = 0; i < n; i++) {
    const v = values[i] || 0;
    const bh = (h - pad.t - pad.b) * Math.min(1, v / max);
    ctx.fillStyle = highlight && highlight(i) ? '#dc2626' : (color || '#2563eb');
    ctx.fillRect(pad.l + i * bw + bw * 0.1, h - pad.b - bh, Math.max(1, bw * 0.8), bh);
  }
  ctx.fillStyle = '#6b7280';
  const stride = Math.max(1, Math.ceil(n / 12));
  for (let i = 0; i < n; i += stride) ctx.fillText(labels ? labels[i] : String(i), pad.l + i * bw + 1, h - 8);
  return canvas;
}

// bars up from zero for positive values (red, as in the heatmaps) and down for negative ones (blue)
function signedBars(values, {labels, height}) {
  const w = 380, h = height || 130, pad = {l: 40, r: 6, t: 8, b: 20};
  const canvas = el('canvas', {width: w * 2, height: h * 2, style: 'width:100%;max-width:' + w + 'px;height:auto'});
  const ctx = canvas.getContext('2d');
  ctx.scale(2, 2);
  const n = values.length;
  const max = Math.max(1e-12, ...values.map(v => Math.abs(v || 0)));
  const bw = (w - pad.l - pad.r) / Math.max(1, n);
  const mid = pad.t + (h - pad.t - pad.b) / 2, half = (h - pad.t - pad.b) / 2;
  ctx.font = '11px system-ui, sans-serif';
  ctx.fillStyle = '#6b7280';
  ctx.strokeStyle = '#e3e6ec';
  for (const f of [-1, 0, 1]) {
    const y = mid - half * f;
    ctx.beginPath(); ctx.moveTo(pad.l, y); ctx.lineTo(w - pad.r, y); ctx.stroke();
    ctx.fillText(fmt(max * f, 2), 2, y + 3);
  }
  for (let i = 0; i < n; i++) {
    const v = values[i] || 0;
    const bh = half * Math.abs(v) / max;
    ctx.fillStyle = v >= 0 ? '#dc2626' : '#2563eb';
    ctx.fillRect(pad.l + i * bw + bw * 0.1, v >= 0 ? mid - bh : mid, Math.max(1, bw * 0.8), Math.max(0.5, bh));
  }
  ctx.fillStyle = '#6b7280';
  const stride = Math.max(1, Math.ceil(n / 12));
  for (let i = 0; i < n; i += stride) ctx.fillText(labels ? labels[i] : String(i), pad.l + i * bw + 1, h - 6);
  return canvas;
}

function neuronPlot(values) {
  return signedBars(values, {labels: values.map((_, i) => String(i))});
}

function drawViews(box, v, parity, state) {
  box.replaceChildren();
  if (v.note) { box.append(el('p', {class: 'muted'}, v.note)); return; }
  if (v.tensors) { drawTensors(box, v); return; }
  const legend = el('div', {class: 'legend'}, el('span', {}, el('i', {style: 'background:#2563eb'}), 'negative'),
    el('span', {}, el('i', {style: 'background:#fff;border:1px solid #ccc'}), '0'),
    el('span', {}, el('i', {style: 'background:#dc2626'}), 'positive'));
  const neuronCard = el('div', {class: 'card', id: 'neuron-card'});
  const showNeuron = i => {
    state.neuron = i;
    const first = v.maps[0];
    const w = first.data.slice(i * first.cols, (i + 1) * first.cols);
    const sub = parity ? 'relevant-bit share ' + fmt(v.neuron_relevant_share[i])
      : 'main frequency ' + v.frequency[i] + ' (' + fmt(v.neuron_share[i], 2) + ' of its non-constant power)';
    neuronCard.replaceChildren(el('h3', {}, 'Neuron ' + i + ' at step ' + fmt(v.step)),
      el('div', {class: 'small muted'}, first.name + ' over each ' + (first.columns || 'input') + '; ' + sub),
      neuronPlot(w));
  };
  const sortedBy = parity ? 'sorted by relevant-bit share' : 'sorted by main frequency';
  for (const map of v.maps) {
    if (map.cols === 1) {
      const vals = v.order.map(i => map.data[i]);
      box.append(el('div', {class: 'card'}, el('h3', {}, map.name + ' per neuron (' + sortedBy + ')'),
        signedBars(vals, {labels: v.order.map(String), height: 120}),
        el('div', {class: 'small muted'}, 'the weight of each neuron (labelled by its index), in the sorted order')));
      continue;
    }
    const raw = el('div', {class: 'card heatmap-card', 'data-map': map.name + ' raw'},
      el('h3', {}, map.name + ' (raw)'), heatmap(map, null, {onRow: showNeuron}),
      el('div', {class: 'small muted'}, map.rows + ' neurons × ' + map.cols + ' ' + plural(map.columns || 'column') + '; click a row to see one neuron'));
    const sorted = el('div', {class: 'card heatmap-card', 'data-map': map.name + ' sorted'},
      el('h3', {}, map.name + ' (' + sortedBy + ')'), heatmap(map, v.order, {onRow: showNeuron, sortedBy, groups: parity ? null : v.frequency}),
      el('div', {class: 'small muted'}, parity
        ? 'the first ' + v.relevant_bits + ' columns are the relevant bits'
        : 'grey bands on the left: neurons of one main frequency; top to bottom: ' + frequencyRuns(v)));
    box.append(raw, sorted);
  }
  if (!parity && v.spectrum) {
    const keys = new Set(v.spectrum.key_frequencies || []);
    box.append(el('div', {class: 'card', id: 'spectrum-card', 'data-values': v.spectrum.values.map(x => (x || 0).toFixed(5)).join(',')},
      el('h3', {}, 'Fourier spectrum at step ' + fmt(v.step)),
      barChart(v.spectrum.values, {labels: v.spectrum.values.map((_, i) => String(i + 1)), highlight: i => keys.has(i + 1)}),
      el('div', {class: 'small muted'}, 'frequency k = 1..' + v.spectrum.values.length + '; ' + v.spectrum.source +
        (keys.size ? '; key frequencies in red' : ''))));
    const counts = new Array(Math.floor(v.tokens / 2)).fill(0);
    for (const f of v.frequency) if (f > 0) counts[f - 1]++;
    box.append(el('div', {class: 'card'}, el('h3', {}, 'Neurons per main frequency'),
      barChart(counts, {labels: counts.map((_, i) => String(i + 1)), color: '#0891b2'}),
      el('div', {class: 'small muted'}, 'count of neurons whose input weights peak at each frequency')));
  }
  if (v.star) box.append(starPlots(v));
  if (v.activations) box.append(activationMaps(v));
  box.append(neuronCard);
  box.prepend(el('div', {class: 'card wide small'}, el('b', {}, 'Weights at checkpoint step ' + fmt(v.step) + '. '), legend));
  showNeuron(state.neuron != null && state.neuron < v.neurons ? state.neuron : v.order[0]);
}

// every parameter of a checkpoint, for kinds without per-neuron weight maps (recurrent networks)
function drawTensors(box, v) {
  box.append(el('div', {class: 'card wide small'}, el('b', {}, 'Parameters at checkpoint step ' + fmt(v.step) + '. '),
    'Each tensor of the checkpoint, first dimension down; blue negative, red positive.'));
  for (const map of v.tensors) {
    box.append(el('div', {class: 'card heatmap-card', 'data-map': map.name},
      el('h3', {}, map.name), heatmap(map, null, {}),
      el('div', {class: 'small muted'}, map.rows + ' × ' + map.cols)));
  }
}

function hiDpiCanvas(w, h, maxWidth) {
  const canvas = el('canvas', {width: w * 2, height: h * 2, style: 'width:100%;max-width:' + (maxWidth || w) + 'px;height:auto'});
  const ctx = canvas.getContext('2d');
  ctx.scale(2, 2);
  return [canvas, ctx];
}

// PAIR's star plots: per frequency group, each neuron's Fourier coefficients (cos, sin) at its main frequency, input
// weights in blue and output weights in red, as spokes from the centre
function starPlots(v) {
  const groups = new Map();
  v.frequency.forEach((f, i) => { if (f > 0) { if (!groups.has(f)) groups.set(f, []); groups.get(f).push(i); } });
  const list = [...groups.entries()].sort((a, b) => b[1].length - a[1].length || a[0] - b[0]).slice(0, 12);
  const amp = pts => Math.max(1e-12, ...pts.map(q => Math.hypot(q[0] || 0, q[1] || 0)));
  const maxIn = amp(v.star.input), maxOut = v.star.output.length ? amp(v.star.output) : 1;
  const row = el('div', {class: 'stars'});
  for (const [f, ids] of list) {
    const size = 116, r = size / 2 - 6;
    const [canvas, ctx] = hiDpiCanvas(size, size);
    ctx.strokeStyle = '#e3e6ec';
    ctx.beginPath(); ctx.arc(size / 2, size / 2, r, 0, 2 * Math.PI); ctx.stroke();
    const spokes = (pts, max, color) => {
      ctx.strokeStyle = color;
      ctx.lineWidth = 1.3;
      for (const i of ids) {
        const q = pts[i];
        ctx.beginPath(); ctx.moveTo(size / 2, size / 2);
        ctx.lineTo(size / 2 + r * (q[0] || 0) / max, size / 2 - r * (q[1] || 0) / max); ctx.stroke();
      }
    };
    spokes(v.star.input, maxIn, 'rgba(37,99,235,.85)');
    if (v.star.output.length) spokes(v.star.output, maxOut, 'rgba(220,38,38,.6)');
    row.append(el('div', {class: 'star', 'data-frequency': f}, canvas, el('div', {class: 'small muted'}, 'k = ' + f + ' · ' + ids.length + ' ' + (ids.length === 1 ? 'neuron' : 'neurons'))));
  }
  return el('div', {class: 'card wide', id: 'star-card'},
    el('h3', {}, 'Star plots at step ' + fmt(v.step)), row,
    el('div', {class: 'small muted'}, 'Neurons grouped by main frequency k (the ' + list.length + ' largest groups): each spoke is ' +
      'one neuron\'s Fourier coefficient (cos, sin) at k, of its input weights (blue, scaled to the largest, ' + fmt(maxIn) +
      ')' + (v.star.output.length ? ' and of its output weights (red, largest ' + fmt(maxOut) + ')' : '') +
      '. A generalizing network\'s groups spread their phases round the circle: stars.'));
}

function activationMaps(v) {
  const a = v.activations;
  const grid = el('div', {class: 'acts'});
  for (const m of a.maps) {
    const bytes = Uint8Array.from(atob(m.levels), ch => ch.charCodeAt(0));
    const canvas = el('canvas', {class: 'heat', width: a.cols, height: a.rows});
    const ctx = canvas.getContext('2d');
    const img = ctx.createImageData(a.cols, a.rows);
    const [lo, hi] = m.range;
    for (let e = 0; e < bytes.length; e++) {
      const val = lo + (hi - lo) * bytes[e] / 255;
      const [R, G, B] = lo < 0 ? diverging(val, Math.max(-lo, hi)) : diverging(val, hi);
      img.data[4 * e] = R; img.data[4 * e + 1] = G; img.data[4 * e + 2] = B; img.data[4 * e + 3] = 255;
    }
    ctx.putImageData(img, 0, 0);
    canvas.title = 'neuron ' + m.neuron + ': h(' + a.row_name + ', ' + a.col_name + ') from ' + fmt(lo) + ' to ' + fmt(hi);
    grid.append(el('div', {class: 'act'}, canvas, el('div', {class: 'small muted'}, '#' + m.neuron + ' k=' + v.frequency[m.neuron])));
  }
  return el('div', {class: 'card wide', id: 'activation-card'},
    el('h3', {}, 'Activation of each neuron over every input pair at step ' + fmt(v.step)),
    grid,
    el('div', {class: 'small muted'}, a.maps.length + ' of ' + a.neurons + ' neurons (the most active), in the sorted order; ' +
      a.row_name + ' down, ' + a.col_name + ' across; white 0, red high. A neuron of main frequency k repeats every p/k tokens in a and in b.'));
}

// ---------- analysis records ----------

function drawRecords(box, records, step) {
  box.replaceChildren();
  if (records['parity-panels.json']) box.append(...parityPanels(records['parity-panels.json'], step));
  if (records['ctrnn.json']) box.append(...ctrnnPanels(records['ctrnn.json']));
}

function plotFrame(ctx, w, h, pad, xr, yr, xLabel, yLabel) {
  ctx.font = '11px system-ui, sans-serif';
  ctx.strokeStyle = '#e3e6ec';
  ctx.strokeRect(pad.l, pad.t, w - pad.l - pad.r, h - pad.t - pad.b);
  ctx.fillStyle = '#6b7280';
  ctx.fillText(fmt(yr[1], 2), 2, pad.t + 9);
  ctx.fillText(fmt(yr[0], 2), 2, h - pad.b);
  ctx.fillText(fmt(xr[0], 2), pad.l, h - pad.b + 13);
  const right = fmt(xr[1], 2);
  ctx.fillText(right, w - pad.r - ctx.measureText(right).width, h - pad.b + 13);
  if (xLabel) ctx.fillText(xLabel, (w - ctx.measureText(xLabel).width) / 2, h - 3);
  if (yLabel) { ctx.save(); ctx.translate(11, h / 2 + 20); ctx.rotate(-Math.PI / 2); ctx.restore(); }
  const X = x => pad.l + (w - pad.l - pad.r) * (x - xr[0]) / (xr[1] - xr[0] || 1);
  const Y = y => h - pad.b - (h - pad.t - pad.b) * (y - yr[0]) / (yr[1] - yr[0] || 1);
  return [X, Y];
}

const range = values => {
  let lo = Infinity, hi = -Infinity;
  for (const v of values) if (v != null && Number.isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
  return lo > hi ? [0, 1] : lo === hi ? [lo - 1, hi + 1] : [lo, hi];
};

// the thesis's Figures 2.2-2.4: density of the output weights and t-SNE of the hidden activations, at the analysed
// snapshot nearest the scrubbed step
function parityPanels(panels, step) {
  if (!panels.length) return [];
  let p = panels[0];
  for (const q of panels) if (Math.abs(q.step - step) < Math.abs(p.step - step)) p = q;
  const w = 380, h = 200, pad = {l: 42, r: 8, t: 8, b: 30};
  const [dc, dctx] = hiDpiCanvas(w, h);
  const [X, Y] = plotFrame(dctx, w, h, pad, [p.kde_x[0], p.kde_x[p.kde_x.length - 1]], [0, Math.max(...p.kde_density)], 'output weight');
  dctx.strokeStyle = '#2563eb'; dctx.lineWidth = 1.6; dctx.beginPath();
  p.kde_x.forEach((x, i) => (i ? dctx.lineTo(X(x), Y(p.kde_density[i])) : dctx.moveTo(X(x), Y(p.kde_density[i]))));
  dctx.stroke();
  const [tc, tctx] = hiDpiCanvas(w, 260);
  const xsT = p.tsne.filter((_, i) => i % 2 === 0), ysT = p.tsne.filter((_, i) => i % 2 === 1);
  const [TX, TY] = plotFrame(tctx, w, 260, {l: 42, r: 8, t: 8, b: 30}, range(xsT), range(ysT), 't-SNE 1');
  const patterns = new Set(p.pattern);
  for (let i = 0; i < p.pattern.length; i++) {
    tctx.fillStyle = SERIES_COLORS[p.pattern[i] % SERIES_COLORS.length];
    tctx.beginPath(); tctx.arc(TX(xsT[i]), TY(ysT[i]), 2.2, 0, 2 * Math.PI); tctx.fill();
  }
  const legend = el('div', {class: 'legend'}, ...[...patterns].sort((a, b) => a - b).map(pt =>
    el('span', {}, el('i', {style: 'background:' + SERIES_COLORS[pt % SERIES_COLORS.length]}),
      pt.toString(2).padStart(p.k, '0'))));
  const caption = 'analysed snapshot at step ' + fmt(p.step) + ' (epoch ' + fmt(p.epoch, 1) + '), the nearest of ' +
    panels.length + ' in analysis/parity-panels.json';
  return [
    el('div', {class: 'card', id: 'density-card', 'data-step': p.step}, el('h3', {}, 'Density of the output weights'), dc,
      el('div', {class: 'small muted'}, 'Gaussian KDE (Scott\'s bandwidth); ' + caption)),
    el('div', {class: 'card', id: 'tsne-card', 'data-step': p.step}, el('h3', {}, 't-SNE of the hidden activations'), tc, legend,
      el('div', {class: 'small muted'}, 'one point per training example, coloured by its first ' + p.k + ' bits; ' + caption))];
}

// Murray's Figure 1: the rate trajectories in their first principal components, the fixed points, the mechanism and
// the automaton, from analysis/ctrnn.json (the last checkpoint's dynamics)
function ctrnnPanels(rec) {
  const pca = rec.pca, mech = rec.mechanism, dfa = rec.dfa;
  const w = 420, h = 340, pad = {l: 42, r: 8, t: 8, b: 30};
  const [c, ctx] = hiDpiCanvas(w, h);
  const all1 = [], all2 = [];
  pca.projections.forEach(t => t.forEach(q => { all1.push(q[0]); all2.push(q[1]); }));
  const project = x => pca.components.slice(0, 2).map(comp => comp.reduce((s, ci, i) => s + ci * (Math.tanh(x[i]) - pca.mean[i]), 0));
  const fps = ((mech.fixed_points || {}).points || []).map(fp => ({q: project(fp.x), stable: fp.stability === 'STABLE', fp}));
  fps.forEach(f => { all1.push(f.q[0]); all2.push(f.q[1]); });
  const [X, Y] = plotFrame(ctx, w, h, pad, range(all1), range(all2), 'PC1 (' + fmt(100 * pca.explained_ratio[0], 1) + '% of variance) · PC2 (' + fmt(100 * pca.explained_ratio[1], 1) + '%) up');
  const colors = ['#2563eb', '#dc2626', '#16a34a'];
  ctx.lineWidth = 0.8;
  pca.projections.forEach((traj, t) => {
    for (let i = 1; i < traj.length; i++) {
      ctx.strokeStyle = colors[((pca.running_sum[t] || [])[i] || 0) % 3] + '99';
      ctx.beginPath(); ctx.moveTo(X(traj[i - 1][0]), Y(traj[i - 1][1])); ctx.lineTo(X(traj[i][0]), Y(traj[i][1])); ctx.stroke();
    }
  });
  for (const f of fps) {
    ctx.beginPath(); ctx.arc(X(f.q[0]), Y(f.q[1]), 4.5, 0, 2 * Math.PI);
    ctx.fillStyle = f.stable ? '#111827' : '#fff'; ctx.strokeStyle = '#111827'; ctx.lineWidth = 1.5;
    ctx.fill(); ctx.stroke();
  }
  const legend = el('div', {class: 'legend'}, ...[0, 1, 2].map(k => el('span', {}, el('i', {style: 'background:' + colors[k]}), 'running sum ' + k + ' (mod 3)')),
    el('span', {}, el('i', {style: 'background:#111827;border-radius:50%'}), 'stable fixed point'),
    el('span', {}, el('i', {style: 'background:#fff;border:1.5px solid #111827;border-radius:50%'}), 'other fixed point'));
  const counts = {};
  fps.forEach(f => { counts[f.fp.stability] = (counts[f.fp.stability] || 0) + 1; });
  const kv = el('div', {class: 'kv'},
    el('span', {}, 'mechanism'), el('span', {id: 'ctrnn-mechanism'}, String(mech.label)),
    el('span', {}, 'evidence'), el('span', {}, String(mech.evidence || '')),
    el('span', {}, 'fixed points'), el('span', {}, Object.entries(counts).map(([k, n]) => n + ' ' + k.toLowerCase()).join(', ') || 'none found'),
    el('span', {}, 'limit cycle'), el('span', {}, mech.cycle ? 'period ' + fmt(mech.cycle.period_steps, 1) + ' steps, amplitude ' + fmt(mech.cycle.amplitude) : 'none'),
    el('span', {}, 'automaton'), el('span', {}, dfa ? dfa.minimal.states + ' states after minimisation; ' +
      (dfa.equivalent_to_mod3 ? 'equivalent to' : 'not equivalent to') + ' the mod-3 automaton; agrees on ' + fmt(100 * dfa.word_agreement, 0) + '% of the 27 words' : '–'),
    el('span', {}, 'variance explained'), el('span', {}, pca.explained_ratio.map(r => fmt(100 * r, 1) + '%').join(', ')));
  return [
    el('div', {class: 'card', id: 'ctrnn-pca-card'}, el('h3', {}, 'Rate trajectories in their first two principal components'), c, legend,
      el('div', {class: 'small muted'}, pca.projections.length + ' trials, each coloured step by step by the running sum of the colours seen; ' +
        'the last checkpoint, from analysis/ctrnn.json')),
    el('div', {class: 'card', id: 'ctrnn-mechanism-card'}, el('h3', {}, 'Dynamics of the last checkpoint'), kv)];
}

function plural(word) {
  return /(s|x|ch|sh)$/.test(word) ? word + 'es' : word + 's';
}

function frequencyRuns(v) {
  const seen = [];
  for (const i of v.order) if (!seen.includes(v.frequency[i])) seen.push(v.frequency[i]);
  return seen.slice(0, 12).join(', ') + (seen.length > 12 ? ', …' : '');
}

// ---------- compare ----------

function cfg(run, dotted) {
  let v = run.config;
  for (const part of dotted.split('.')) v = v == null ? undefined : v[part];
  return v;
}

async function comparePage(paths) {
  if (!paths.length) { app.replaceChildren(el('p', {}, 'Select runs on the runs page to compare them.')); return; }
  const runs = await Promise.all(paths.map(p => api('run', {path: p})));
  const curves = await Promise.all(paths.map(p => api('curves', {path: p})));
  let logX = true;
  const accBox = el('div', {class: 'card', id: 'compare-acc'});
  const lossBox = el('div', {class: 'card', id: 'compare-loss'});
  const axis = el('button', {class: 'on', onclick: () => { logX = !logX; axis.classList.toggle('on', logX); draw(); }}, 'log step');
  const fields = [['kind', r => r.kind], ['preset', r => r.name], ['outcome', r => badge(r.outcome)],
    ['memorized at', r => fmt(r.memorization_step)], ['generalized at', r => fmt(r.generalization_step)],
    ['final train acc', r => fmt(r.train_acc)], ['final test acc', r => fmt(r.test_acc)], ['steps', r => fmt(r.step_done)],
    ['seed', r => fmt(cfg(r, 'seed'))], ['task', r => cfg(r, 'task.type') + ' ' + (cfg(r, 'task.operation') || '')],
    ['p / n', r => fmt(cfg(r, 'task.type') === 'parity' ? cfg(r, 'task.n') : cfg(r, 'task.p'))],
    ['train fraction', r => fmt(cfg(r, 'task.train_fraction'))], ['optimizer', r => fmt(cfg(r, 'optimizer.type'))],
    ['lr', r => fmt(cfg(r, 'optimizer.lr'))], ['weight decay', r => fmt(cfg(r, 'optimizer.weight_decay'))],
    ['width', r => fmt(cfg(r, 'model.width'))]];
  const summary = el('table', {class: 'grid', id: 'compare-summary'},
    el('tr', {}, el('th', {}), runs.map((r, i) => el('th', {style: 'color:' + SERIES_COLORS[i % SERIES_COLORS.length]},
      el('a', {href: '#/run?path=' + encodeURIComponent(r.path)}, r.path || r.dir)))),
    fields.map(([label, f]) => el('tr', {}, el('th', {}, label), runs.map(r => el('td', {}, f(r))))));
  app.replaceChildren(el('h1', {}, 'Compare ' + runs.length + ' runs'), el('div', {class: 'toolbar'}, axis,
    el('span', {class: 'muted small'}, 'solid: test, dashed: train')),
  el('div', {class: 'charts'}, accBox, lossBox), el('h2', {}, 'Summaries'), summary);
  function draw() {
    plots.forEach(p => p.destroy());
    plots = [];
    accBox.replaceChildren();
    lossBox.replaceChildren();
    const tables = curves.map(c => {
      const s = column(c.rows, c.columns, 'step').map(v => logX ? Math.max(v, 0.5) : v);
      return [s, column(c.rows, c.columns, 'test_acc'), column(c.rows, c.columns, 'train_acc'),
        column(c.rows, c.columns, 'test_loss'), column(c.rows, c.columns, 'train_loss')];
    });
    const joined = uPlot.join(tables);
    const pick = (offsets) => runs.flatMap((r, i) => offsets.map(([o, dash, what]) => ({label: (r.path || r.dir).split('/').pop() + ' ' + what,
      values: joined[1 + i * 4 + o], color: SERIES_COLORS[i % SERIES_COLORS.length], dash})));
    lineChart(accBox, {title: 'accuracy', x: joined[0], logX, yRange: [0, 1.02],
      series: pick([[0, null, 'test'], [1, [5, 4], 'train']])});
    lineChart(lossBox, {title: 'loss', x: joined[0], logX, logY: true, series: pick([[2, null, 'test'], [3, [5, 4], 'train']])});
  }
  draw();
}

// ---------- sweep ----------

async function sweepPage(path) {
  const params = parseHash().params;
  let x = params.get('x') || '';
  let y = params.get('y') || '';
  let selected = params.get('xv') != null ? {xv: params.get('xv'), yv: params.get('yv') || ''} : null;
  const first = await api('sweep', x || y ? {path, x, y} : {path});
  x = first.x || '';
  y = first.y || '';
  const head = el('div');
  const diagram = el('div', {class: 'card', id: 'phase'});
  const rates = el('div', {class: 'card', id: 'rates'});
  const cellBox = el('div', {class: 'card wide', id: 'cell'});
  const runsBox = el('div', {class: 'card wide', id: 'sweep-runs'});
  app.replaceChildren(head, el('div', {class: 'sweep-top'}, diagram, rates), cellBox, runsBox);

  function axisSelect(current, fields, onChange) {
    const s = el('select', {}, fields.map(f => el('option', {value: f, selected: f === current}, f)));
    s.addEventListener('change', () => onChange(s.value));
    return s;
  }

  function draw(s) {
    head.replaceChildren(el('h1', {}, 'Sweep ' + (path || (REPORT && REPORT.title) || '.')),
      el('div', {class: 'small muted'}, s.finished + ' of ' + s.planned + ' runs finished' + (s.finished < s.planned ? ' · still running: this page fills in' : '')),
      s.fields.length > 1 ? el('div', {class: 'toolbar'}, 'x:', axisSelect(x, s.fields, v => { x = v; selected = null; reload(); }),
        'y:', axisSelect(y, s.fields, v => { y = v; selected = null; reload(); })) : null);
    const byKey = new Map(s.cells.map(c => [c.xv + '\u0000' + c.yv, c]));
    const table = el('table', {class: 'phase'});
    for (const yv of [...s.ys].reverse()) {
      table.append(el('tr', {}, el('th', {}, yv), s.xs.map(xv => {
        const c = byKey.get(xv + '\u0000' + yv);
        if (!c) return el('td', {class: 'cell empty'}, '');
        const n = c.finished;
        const share = c.dominant ? c.counts[c.dominant] / n : 0;
        const td = el('td', {class: 'cell' + (c.dominant ? '' : ' empty') + (selected && selected.xv === xv && selected.yv === yv ? ' selected' : ''),
          'data-xv': xv, 'data-yv': yv, title: x + ' = ' + xv + (y ? ', ' + y + ' = ' + yv : '') + '\n' +
            OUTCOMES.filter(o => c.counts[o]).map(o => o + ': ' + c.counts[o]).join('\n') + '\n' + n + ' of ' + c.planned + ' finished',
          style: c.dominant ? 'background:' + OUTCOME_COLOR[c.dominant] + ';opacity:' + (0.45 + 0.55 * share).toFixed(2) : ''},
        c.dominant ? (c.counts[c.dominant] + '/' + n) : (n + '/' + c.planned));
        td.addEventListener('click', () => { selected = {xv, yv}; openCell().catch(e => status(e.message)); draw(last); });
        return td;
      })));
    }
    table.append(el('tr', {}, el('th', {}), s.xs.map(v => el('th', {}, v))));
    diagram.replaceChildren(el('h3', {}, 'Phase diagram: dominant outcome per cell'),
      el('div', {class: 'small muted'}, 'x: ' + (x || '–') + ' · y: ' + (y || '–') + ' · label: runs of the dominant outcome / finished; click a cell'),
      table, el('div', {class: 'legend'}, OUTCOMES.map(o => el('span', {}, el('i', {style: 'background:' + OUTCOME_COLOR[o]}), o))));
    rates.replaceChildren(el('h3', {}, 'Outcome rates over ' + s.finished + ' finished runs (Wilson 95% intervals)'), ratesTable(s.rates));
  }

  let last = first;
  async function reload() {
    last = await api('sweep', {path, x, y});
    draw(last);
  }

  async function openCell() {
    if (!selected) { cellBox.replaceChildren(el('p', {class: 'muted'}, 'Click a cell of the phase diagram to see its runs.')); return; }
    const c = await api('cell', {path, x, xv: selected.xv, y, yv: selected.yv});
    const chart = el('div', {id: 'cell-chart'});
    cellBox.replaceChildren(el('h3', {}, 'Cell ' + x + ' = ' + selected.xv + (y ? ', ' + y + ' = ' + selected.yv : '') +
      ': ' + c.finished + ' of ' + c.planned + ' runs finished'), ratesTable(c.rates), chart,
    runTable(c.runs.map(r => Object.assign({}, r, {path: joinPath(path, r.path)}))));
    const shown = c.runs.slice(0, 12);
    const curves = await Promise.all(shown.map(r => api('curves', {path: joinPath(path, r.path)})));
    if (!curves.length) return;
    const tables = curves.map(cv => [column(cv.rows, cv.columns, 'step').map(v => Math.max(v, 0.5)),
      column(cv.rows, cv.columns, 'test_acc'), column(cv.rows, cv.columns, 'train_acc')]);
    const joined = uPlot.join(tables);
    lineChart(chart, {title: 'accuracy of the cell\'s runs (solid: test, dashed: train)', x: joined[0], logX: true, yRange: [0, 1.02],
      series: shown.flatMap((r, i) => [
        {label: 'seed ' + r.seed + ' test', values: joined[1 + 2 * i], color: OUTCOME_COLOR[r.outcome] || SERIES_COLORS[i]},
        {label: 'seed ' + r.seed + ' train', values: joined[2 + 2 * i], color: OUTCOME_COLOR[r.outcome] || SERIES_COLORS[i], dash: [5, 4], width: 1}])});
  }

  let runsOffset = 0;
  async function loadRuns() {
    const page = await api('sweep-runs', {path, offset: runsOffset, limit: 50});
    const lastRow = Math.min(page.total, runsOffset + 50);
    runsBox.replaceChildren(el('h3', {}, 'Finished runs'),
      runTable(page.runs.map(r => Object.assign({}, r, {path: joinPath(path, r.path)}))),
      el('div', {class: 'pager'},
        el('button', {disabled: runsOffset === 0, onclick: () => { runsOffset = Math.max(0, runsOffset - 50); loadRuns(); }}, '‹ previous'),
        el('span', {class: 'muted'}, page.total ? (runsOffset + 1) + '–' + lastRow + ' of ' + page.total : 'none yet'),
        el('button', {disabled: lastRow >= page.total, onclick: () => { runsOffset += 50; loadRuns(); }}, 'next ›')));
  }

  draw(first);
  await openCell();
  await loadRuns();
  if (first.finished < first.planned) {
    every(3000, async () => {
      await reload();
      if (runsOffset === 0) await loadRuns();
      status('live · ' + last.finished + ' of ' + last.planned + ' finished');
    });
  }
}

function ratesTable(rates) {
  return el('table', {class: 'grid'}, el('tr', {}, el('th', {}, 'outcome'), el('th', {}, 'runs'), el('th', {}, 'rate'),
    el('th', {}, '95% interval'), el('th', {})),
  rates.map(r => el('tr', {}, el('td', {}, badge(r.outcome)), el('td', {class: 'num'}, fmt(r.count)),
    el('td', {class: 'num'}, fmt(r.rate, 2)), el('td', {class: 'num'}, fmt(r.lower, 2) + ' – ' + fmt(r.upper, 2)),
    el('td', {}, el('span', {class: 'interval'},
      el('span', {style: 'left:' + (100 * r.lower) + '%;width:' + Math.max(0.5, 100 * (r.upper - r.lower)) + '%;background:' + OUTCOME_COLOR[r.outcome]}),
      el('b', {style: 'left:' + (100 * r.rate) + '%'}))))));
}

function runTable(runs) {
  return el('table', {class: 'grid'}, el('tr', {}, ['run', 'cell', 'seed', 'outcome', 'memorized', 'generalized', 'train acc', 'test acc'].map(h => el('th', {}, h))),
    runs.map(r => el('tr', {class: 'sweep-run'},
      el('td', {}, REPORT ? r.run_id : el('a', {href: '#/run?path=' + encodeURIComponent(r.path)}, r.run_id)),
      el('td', {class: 'num'}, r.cell), el('td', {class: 'num'}, r.seed), el('td', {}, badge(r.outcome)),
      el('td', {class: 'num'}, fmt(r.memorization_step)), el('td', {class: 'num'}, fmt(r.generalization_step)),
      el('td', {class: 'num'}, fmt(r.train_acc)), el('td', {class: 'num'}, fmt(r.test_acc)))));
}
