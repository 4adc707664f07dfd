// DAQ Hub operator console. Plain JavaScript, no build step: one live stream of snapshots
// (console/stream, Server-Sent Events read with fetch so a token can go in a header), rendered
// into the cards of index.html; time charts with uPlot; image previews from
// ..<daqhub.detector.base-path>/detector/{name}/preview (float32 values, coloured here).
'use strict';

const HISTORY_POINTS = 300; // five minutes at the default period of 1 s
const state = {
  token: sessionStorage.getItem('daqhub-token') || '',
  stream: null,            // AbortController of the open stream
  last: null,              // previous snapshot, for rates
  detectors: {},           // name -> {charts, history, preview}
  snapshots: 0,
  detectorPath: '',        // daqhub.detector.base-path, from the snapshot
};

// ---------- small DOM helpers ----------
function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'class') e.className = v; else if (k === 'text') e.textContent = v; else e.setAttribute(k, v);
  }
  for (const c of children) if (c != null) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return e;
}
function fill(id, ...children) { const e = document.getElementById(id); e.replaceChildren(...children); return e; }
function fmt(n, digits) {
  if (n == null) return '–';
  if (typeof n !== 'number') return String(n);
  return n.toLocaleString('en-US', {maximumFractionDigits: digits == null ? 1 : digits});
}
function bytes(n) {
  if (n == null) return '–';
  const u = ['B', 'KB', 'MB', 'GB', 'TB']; let i = 0;
  while (Math.abs(n) >= 1000 && i < u.length - 1) { n /= 1000; i++; }
  return fmt(n, 1) + ' ' + u[i];
}
function kv(pairs) {
  const dl = el('dl', {class: 'kv'});
  for (const [k, v] of pairs) dl.append(el('dt', {text: k}), el('dd', {}, v instanceof Node ? v : fmt(v)));
  return dl;
}
function chip(text, kind) { return el('span', {class: 'chip ' + (kind || ''), text}); }
function statusKind(s) { return s === 'UP' || s === 'Started' ? 'ok' : (s === 'UNKNOWN' ? 'warn' : 'bad'); }
function bar(parts) {
  const b = el('div', {class: 'bar'});
  for (const [cls, fraction] of parts) {
    const s = el('span', {class: cls}); s.style.width = Math.max(0, Math.min(100, fraction * 100)) + '%'; b.append(s);
  }
  return b;
}
function headers() { return state.token ? {Authorization: 'Bearer ' + state.token} : {}; }

// ---------- the stream ----------
async function connect() {
  if (state.stream) state.stream.abort();
  const controller = new AbortController();
  state.stream = controller;
  const status = document.getElementById('connection');
  try {
    const response = await fetch('console/stream', {headers: headers(), cache: 'no-store', signal: controller.signal});
    if (!response.ok) {
      let message = response.status + '';
      try { message += ': ' + (await response.json()).error; } catch (e) { /* not JSON */ }
      throw new Error(message);
    }
    status.textContent = 'live';
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const {value, done} = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, {stream: true});
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const event = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = event.split('\n').filter(l => l.startsWith('data:')).map(l => l.slice(5).replace(/^ /, '')).join('\n');
        if (data) render(JSON.parse(data));
      }
    }
    throw new Error('stream ended');
  } catch (e) {
    if (controller.signal.aborted) return;
    status.textContent = 'reconnecting (' + e.message + ')';
    setTimeout(connect, 2000);
  }
}

function render(s) {
  state.snapshots++;
  document.body.dataset.snapshots = state.snapshots; // for tests: how many snapshots were shown
  const seconds = state.last ? (Date.parse(s.time) - Date.parse(state.last.time)) / 1000 : 0;
  renderHub(s);
  const sections = s.sections || {};
  renderDetectors(sections.detectors, seconds, sections.writer);
  renderWriter(sections.writer);
  renderRequests(sections.requests);
  renderEvents(sections.event_streams, seconds);
  renderDatastore(sections.datastore);
  renderRegistry(sections.registry, seconds);
  renderRoutes(s.routes);
  state.last = s;
}

// ---------- hub and health ----------
function renderHub(s) {
  const h = s.hub;
  state.detectorPath = h.detector_path || '';
  document.getElementById('hub-about').textContent =
    `${h.version} · ${h.profiles.join(', ')}${h.instance ? ' · ' + h.instance : ''} · up ${fmt(h.uptime_s / 3600, 2)} h`;
  const health = document.getElementById('hub-health');
  health.textContent = s.health.status;
  health.className = 'chip ' + statusKind(s.health.status);
  fill('health', ...Object.entries(s.health.components || {}).map(([name, st]) => chip(name + ' ' + st, statusKind(st))));
  fill('capabilities', el('h3', {text: 'Capabilities'}),
    ...s.capabilities.on.map(c => chip(c, 'ok')), ...s.capabilities.off.map(c => chip(c + ' off')));
  for (const [section, card] of [['detectors', 'detectors-card'], ['writer', 'writer-card'], ['requests', 'requests-card'],
    ['event_streams', 'events-card'], ['datastore', 'datastore-card'], ['registry', 'registry-card']]) {
    document.getElementById(card).hidden = !(section in (s.sections || {}));
  }
}

// ---------- detectors ----------
function renderDetectors(section, seconds, writers) {
  if (!section) return;
  const root = document.getElementById('detectors');
  const names = Object.keys(section.detectors);
  if (names.length === 0) root.replaceChildren(el('p', {class: 'muted', text: 'No detector is defined (daqhub.detector.definitions-dir).'}));
  for (const [file, why] of Object.entries(section.refused || {})) root.append(el('p', {class: 'error', text: `${file} refused: ${why}`}));
  for (const name of names) {
    let d = state.detectors[name];
    if (!d) d = state.detectors[name] = createDetector(root, name, section.detectors[name]);
    const writer = writers && writers.writers ? writers.writers.find(w => w.detector === name) : null;
    updateDetector(d, section.detectors[name], seconds, writer);
  }
}

function createDetector(root, name, stats) {
  const numbers = el('div');
  const charts = el('div', {class: 'charts'});
  const preview = createPreview(name);
  const box = el('div', {class: 'detector', 'data-detector': name},
    el('div', {}, el('h3', {text: name + ' (' + stats.type + ')'}), numbers, charts), preview.root);
  root.append(box);
  const modules = stats.modules.map(m => 'module ' + m.module);
  const width = () => Math.max(280, charts.clientWidth || 400);
  const chart = (title, labels) => {
    const series = [{}].concat(labels.map((label, i) => ({label, stroke: palette(i, labels.length), width: 1})));
    const target = el('div');
    charts.append(target);
    return new uPlot({title, width: width(), height: 120, series, legend: {show: labels.length <= 8},
      axes: [{}, {size: 60}], scales: {x: {time: true}}}, [[]].concat(labels.map(() => [])), target);
  };
  return {
    name, numbers, previous: null,
    history: {time: [], packets: modules.map(() => []), lost: modules.map(() => []),
      framesIncomplete: modules.map(() => []), good: [], incomplete: []},
    packets: chart('packets/s per module', modules),
    lost: chart('lost packets/s per module', modules),
    frames: chart('incomplete frames/s per module', modules),
    images: chart('images/s', ['complete', 'incomplete']),
    preview,
  };
}

function palette(i, n) { return `hsl(${Math.round(360 * i / Math.max(1, n))}, 65%, 45%)`; }

function updateDetector(d, s, seconds, writer) {
  const p = d.previous;
  const rate = (now, before) => (p && seconds > 0 ? Math.max(0, (now - before) / seconds) : null);
  const h = d.history;
  h.time.push(Date.now() / 1000);
  s.modules.forEach((m, i) => {
    const before = p && p.modules[i];
    h.packets[i].push(before ? rate(m.packets_received, before.packets_received) : null);
    h.lost[i].push(before ? rate(m.packets_lost, before.packets_lost) : null);
    h.framesIncomplete[i].push(before ? rate(m.frames_incomplete, before.frames_incomplete) : null);
  });
  const incomplete = x => x.images_missing_packets + x.images_with_modules_missing + x.images_id_mismatch;
  h.good.push(p ? rate(s.images_good, p.images_good) : null);
  h.incomplete.push(p ? rate(incomplete(s), incomplete(p)) : null);
  for (const series of [h.time, h.good, h.incomplete, ...h.packets, ...h.lost, ...h.framesIncomplete]) {
    while (series.length > HISTORY_POINTS) series.shift();
  }
  d.packets.setData([h.time, ...h.packets]);
  d.lost.setData([h.time, ...h.lost]);
  d.frames.setData([h.time, ...h.framesIncomplete]);
  d.images.setData([h.time, h.good, h.incomplete]);

  const sum = key => s.modules.reduce((a, m) => a + (m[key] || 0), 0);
  const malformed = ['short', 'oversized', 'packet_number', 'module_id']
    .map(r => [r, sum('packets_malformed_' + r)]).filter(([, n]) => n > 0).map(([r, n]) => `${r} ${fmt(n)}`).join(', ');
  const latest = s.latest_image ? s.latest_image.image_id : null;
  const buffer = s.buffer || {};
  const streamLag = s.stream_sent != null && s.images_total != null ? s.images_total - s.stream_sent : null;
  d.numbers.replaceChildren(kv([
    ['image rate', fmt(s.image_rate) + ' /s'],
    ['packet rate', fmt(s.packet_rate, 0) + ' /s · ' + bytes(s.payload_bytes_per_s) + '/s'],
    ['packets lost', s.packets_lost],
    ['images complete / incomplete', fmt(s.images_good) + ' / ' + fmt(incomplete(s))],
    ['frames complete / incomplete', fmt(sum('frames_complete')) + ' / ' + fmt(sum('frames_incomplete'))],
    ['buffer', bar([['fill', buffer.slots ? buffer.filled / buffer.slots : 0]])],
    ['buffer slots filled', fmt(buffer.filled) + ' of ' + fmt(buffer.slots)],
    ['newest image', latest],
    ['stream behind by', streamLag == null ? 'no stream' : fmt(streamLag) + ' images'],
    ['writer behind by', writer == null ? 'no writer' : (writer.active ? fmt(writer.active.images_waiting) + ' images' : 'idle')],
    ['metadata dropped', s.metadata_dropped_queue_full == null ? '–' : s.metadata_dropped_queue_full],
    ['restarts', sum('detector_restarts')],
    ['malformed packets', malformed || 'none'],
  ]));
  d.previous = s;
  d.preview.onSnapshot(s);
}

// ---------- image preview ----------
const COLOUR_MAPS = {
  gray: t => [t, t, t],
  hot: t => [Math.min(1, 3 * t), Math.min(1, Math.max(0, 3 * t - 1)), Math.min(1, Math.max(0, 3 * t - 2))],
  viridis: t => viridis(t),
};
// Five-stop approximation of matplotlib's viridis, interpolated linearly.
const VIRIDIS = [[68, 1, 84], [59, 82, 139], [33, 145, 140], [94, 201, 98], [253, 231, 37]];
function viridis(t) {
  const x = t * (VIRIDIS.length - 1); const i = Math.min(VIRIDIS.length - 2, Math.floor(x)); const f = x - i;
  return VIRIDIS[i].map((c, k) => (c + f * (VIRIDIS[i + 1][k] - c)) / 255);
}

function createPreview(name) {
  const image = el('canvas', {class: 'image', width: 1, height: 1});
  image.hidden = true; // until the detector's first image
  const histogram = el('canvas', {class: 'histogram', width: 512, height: 60});
  const colour = el('select', {}, ...Object.keys(COLOUR_MAPS).map(k => el('option', {value: k, text: k})));
  const scale = el('select', {}, el('option', {value: 'linear', text: 'linear'}), el('option', {value: 'log', text: 'log'}));
  const auto = el('input', {type: 'checkbox', checked: ''});
  const min = el('input', {type: 'number', step: 'any', title: 'fixed minimum'});
  const max = el('input', {type: 'number', step: 'any', title: 'fixed maximum'});
  const pause = el('button', {type: 'button', text: 'pause'});
  const back = el('button', {type: 'button', text: '◀', title: 'previous image in the buffer'});
  const next = el('button', {type: 'button', text: '▶', title: 'next image in the buffer'});
  const info = el('div', {class: 'muted'});
  const cursor = el('div', {class: 'muted cursor', text: 'move over the image for a pixel value'});
  const flag = el('span', {class: 'flag'});
  const root = el('div', {class: 'preview', 'data-preview': name},
    el('div', {class: 'controls'}, colour, scale, el('label', {}, auto, ' auto'), min, max, pause, back, next, flag),
    image, cursor, histogram, info);
  const p = {root, image, paused: false, busy: false, data: null, meta: null, lastShown: null};

  async function load(imageId) {
    if (p.busy) return;
    p.busy = true;
    try {
      const query = '?max_size=512' + (imageId != null ? '&image_id=' + imageId : '');
      const r = await fetch('..' + state.detectorPath + '/detector/' + encodeURIComponent(name) + '/preview' + query, {headers: headers(), cache: 'no-store'});
      if (!r.ok) { info.textContent = (await r.json()).error; return; }
      p.meta = JSON.parse(r.headers.get('X-Preview'));
      p.data = new Float32Array(await r.arrayBuffer());
      p.lastShown = p.meta.image_id;
      draw();
    } catch (e) {
      info.textContent = 'preview failed: ' + e.message;
    } finally {
      p.busy = false;
    }
  }

  function range() {
    if (!auto.checked && min.value !== '' && max.value !== '') return [Number(min.value), Number(max.value)];
    return [p.meta.min, p.meta.max];
  }

  function draw() {
    const m = p.meta; if (!m) return;
    image.width = m.width; image.height = m.height; image.hidden = false;
    const ctx = image.getContext('2d');
    const pixels = ctx.createImageData(m.width, m.height);
    const [lo, hi] = range();
    const map = COLOUR_MAPS[colour.value];
    const log = scale.value === 'log';
    const f = v => log ? Math.log10(1 + Math.max(0, v - lo)) : v - lo;
    const span = Math.max(1e-12, f(hi));
    const counts = new Uint32Array(128);
    for (let i = 0; i < p.data.length; i++) {
      const t = Math.max(0, Math.min(1, f(p.data[i]) / span));
      const [r, g, b] = map(t);
      pixels.data[4 * i] = r * 255; pixels.data[4 * i + 1] = g * 255; pixels.data[4 * i + 2] = b * 255; pixels.data[4 * i + 3] = 255;
      counts[Math.min(127, Math.floor(t * 128))]++;
    }
    ctx.putImageData(pixels, 0, 0);
    drawHistogram(counts);
    if (auto.checked) { min.value = m.min; max.value = m.max; }
    const missing = m.missing_packets > 0 || m.status !== 'good';
    flag.textContent = missing ? `⚠ ${m.status}, ${m.missing_packets} packets missing` : '';
    flag.style.color = missing ? 'var(--bad)' : '';
    info.textContent = `image ${m.image_id} (frame ${m.frame_number}) · ${m.image_width}×${m.image_height} shown ${m.width}×${m.height}`
      + ` (${m.bin}×${m.bin} means) · min ${fmt(m.min)} max ${fmt(m.max)}`;
    root.dataset.imageId = m.image_id;
  }

  function drawHistogram(counts) {
    const ctx = histogram.getContext('2d');
    ctx.clearRect(0, 0, histogram.width, histogram.height);
    const top = Math.log10(1 + Math.max(...counts));
    const w = histogram.width / counts.length;
    ctx.fillStyle = '#2b5fb4';
    counts.forEach((c, i) => { const h = histogram.height * Math.log10(1 + c) / Math.max(1e-9, top); ctx.fillRect(i * w, histogram.height - h, w - 1, h); });
  }

  image.addEventListener('mousemove', e => {
    const m = p.meta; if (!m) return;
    const rect = image.getBoundingClientRect();
    const x = Math.floor((e.clientX - rect.left) / rect.width * m.width);
    const y = Math.floor((e.clientY - rect.top) / rect.height * m.height);
    if (x < 0 || y < 0 || x >= m.width || y >= m.height) return;
    const at = m.bin === 1 ? `row ${y}, column ${x}` : `rows ${y * m.bin}-${(y + 1) * m.bin - 1}, columns ${x * m.bin}-${(x + 1) * m.bin - 1}`;
    cursor.textContent = `${at}: ${fmt(p.data[y * m.width + x], 3)}`;
  });
  for (const control of [colour, scale, auto, min, max]) control.addEventListener('change', () => { if (control === min || control === max) auto.checked = false; draw(); });
  pause.addEventListener('click', () => { p.paused = !p.paused; pause.textContent = p.paused ? 'resume' : 'pause'; });
  back.addEventListener('click', () => { p.paused = true; pause.textContent = 'resume'; if (p.lastShown != null) load(p.lastShown - 1); });
  next.addEventListener('click', () => { p.paused = true; pause.textContent = 'resume'; if (p.lastShown != null) load(p.lastShown + 1); });

  p.onSnapshot = s => {
    if (!p.paused && s.latest_image && s.latest_image.image_id !== p.lastShown) load(null);
  };
  return p;
}

// ---------- writer, requests, event streams, datastore, registry ----------
function table(headersRow, rows) {
  return el('table', {}, el('tr', {}, ...headersRow.map(h => el('th', {text: h}))),
    ...rows.map(r => el('tr', {}, ...r.map(c => el('td', {}, c instanceof Node ? c : fmt(c))))));
}

function renderWriter(w) {
  if (!w) return;
  const parts = [];
  for (const writer of w.writers) {
    parts.push(el('h3', {text: writer.detector}));
    const job = writer.active;
    if (job) {
      const done = job.images_written || 0; const wanted = job.n_images || 0;
      const left = job.rate_images_per_s > 0 ? (wanted - done) / job.rate_images_per_s : null;
      parts.push(el('div', {'data-active-request': job.request_id}, `request ${job.request_id} (${job.state}): ${fmt(done)} of ${fmt(wanted)} images`),
        bar([['done', wanted ? done / wanted : 0]]),
        kv([['rate', fmt(job.rate_images_per_s) + ' images/s · ' + fmt(job.rate_mb_per_s) + ' MB/s'],
          ['time left', left == null ? '–' : fmt(left, 0) + ' s'], ['file', job.current_file || '–'],
          ['images waiting to be written', job.images_waiting], ['lost / missing', fmt(job.images_lost) + ' / ' + fmt(job.images_missing)]]));
    } else {
      parts.push(el('p', {class: 'muted', text: 'idle'}));
    }
    parts.push(kv(Object.entries(writer.statistics)));
  }
  parts.push(el('h3', {text: 'Recent requests'}));
  parts.push(w.recent.length ? table(['request', 'outcome', 'images', 'message'],
    w.recent.map(j => [j.request_id, chip(j.state, j.state === 'succeeded' ? 'ok' : (j.state === 'failed' ? 'bad' : '')),
      fmt(j.images_written) + ' of ' + fmt(j.n_images), j.message || ''])) : el('p', {class: 'muted', text: 'none yet'}));
  fill('writer', ...parts);
}

function renderRequests(r) {
  if (!r) return;
  if (r.hidden) { fill('requests', el('p', {class: 'muted', text: r.hidden})); return; }
  const rows = r.running.map(q => {
    const done = q['files-processed'] || 0; const failed = q['files-skipped'] || 0; const left = q['files-remaining'];
    const total = left == null ? 0 : done + failed + left;
    const errors = (q.errors || []).map(e => el('div', {class: 'error', text: (e.file || '') + ': ' + (e.info || '')}));
    return [q['request-id'], q.title || '', el('div', {}, bar([['done', total ? done / total : 0], ['failed', total ? failed / total : 0]]),
      `${fmt(done)} done, ${fmt(failed)} failed, ${left == null ? 'files not known yet' : fmt(left) + ' left'}`, ...errors), q.status];
  });
  fill('requests', rows.length ? table(['request', 'title', 'files', 'status'], rows) : el('p', {class: 'muted', text: 'No request is running.'}),
    el('h3', {text: 'Counters'}), kv(Object.entries(r.counters)));
}

function renderEvents(e, seconds) {
  if (!e) return;
  const streams = Object.entries(e.streams || {}).map(([uuid, s]) => [s.id, s.routing_key, s.sockets, s.logged_messages, uuid]);
  const previous = state.last && state.last.sections && state.last.sections.event_streams;
  const rate = key => previous && seconds > 0 && typeof e[key] === 'number' ? fmt((e[key] - previous[key]) / seconds) + ' /s' : '–';
  fill('events', kv([['delivery rate', rate('frames_delivered')], ['messages in', rate('messages_received')], ...Object.entries(e).filter(([, v]) => typeof v === 'number')]),
    streams.length ? table(['stream', 'routing key', 'sockets', 'logged', 'uuid'], streams) : el('p', {class: 'muted', text: 'No stream.'}));
}

function renderDatastore(d) {
  if (!d) return;
  fill('datastore', kv([['state', d.state], ['documents', d.n_itm], ['size', bytes(d.buff_size) + ' of ' + bytes(d.max_size)],
    ['fill', bar([['fill', d.max_size ? d.buff_size / d.max_size : 0]])]]));
}

function renderRegistry(r, seconds) {
  if (!r) return;
  const previous = state.last && state.last.sections && state.last.sections.registry;
  const rows = Object.entries(r.calls).map(([name, c]) => {
    const before = previous && previous.calls[name];
    return [name, c.requests, before && seconds > 0 ? fmt((c.requests - before.requests) / seconds) + ' /s' : '–', c.failed, c.mean_us];
  });
  fill('registry', kv([['partitions', Object.keys(r.partitions).length], ['entries', r.entries], ['since', r.since]]),
    table(['call', 'total', 'rate', 'failed', 'mean µs'], rows),
    Object.keys(r.partitions).length ? table(['partition', 'entries'], Object.entries(r.partitions)) : '');
}

// ---------- routes ----------
function renderRoutes(r) {
  const routeRows = routes => table(['route', 'state', 'exchanges', 'failed', 'mean ms', 'from'],
    routes.map(x => [x.id, chip(x.status, statusKind(x.status)), x.exchanges, x.failed, x.mean_ms, x.from]));
  const files = r.files.map(f => {
    const summary = el('summary', {}, el('b', {text: f.file}), ' ',
      f.error ? chip('edit refused', 'bad') : chip('loaded', 'ok'),
      el('span', {class: 'muted', text: ` ${f.routes.length} routes, loaded ${f.loaded_at || 'never'}`}));
    const details = el('details', {class: 'file', 'data-file': f.file}, summary);
    if (f.error) { details.open = true; details.append(el('div', {class: 'error route-error', text: f.error})); }
    for (const w of f.warnings || []) details.append(el('div', {class: 'muted', text: '⚠ ' + w}));
    details.append(routeRows(f.routes));
    return details;
  });
  const root = document.getElementById('routes');
  const open = new Set([...root.querySelectorAll('details[open]')].map(d => d.dataset.file));
  files.forEach(d => { if (open.has(d.dataset.file)) d.open = true; });
  root.replaceChildren(...files);
  if (r.files_off.length) root.append(el('p', {class: 'muted', text: 'Not loaded (capability off): ' + r.files_off.join(', ')}));
  if (r.other.length) { const d = el('details', {class: 'file'}, el('summary', {text: `routes from Java (${r.other.length})`}), routeRows(r.other)); root.append(d); }
}

// ---------- start ----------
document.getElementById('token').value = state.token;
document.getElementById('token-form').addEventListener('submit', e => {
  e.preventDefault();
  state.token = document.getElementById('token').value.trim();
  sessionStorage.setItem('daqhub-token', state.token);
  connect();
});
connect();
