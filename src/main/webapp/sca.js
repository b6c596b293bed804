'use strict';
// The operator's page: every line's keys, registrations and subscriptions, kept current by
// Server-Sent Events from /sca/api/events (first all lines, then each line as it changes).
const linesEl = document.getElementById('lines');
const filterEl = document.getElementById('filter');
const liveEl = document.getElementById('live');
const messageEl = document.getElementById('message');
const summaryEl = document.getElementById('summary');
const cards = new Map(); // line id -> its element

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([k, v]) => e.setAttribute(k, v));
  children.forEach(c => e.append(c));
  return e;
}

function key(line, index) {
  const a = line.appearances.find(x => x.index === index);
  const state = a ? a.state : 'idle';
  const label = el('span', { class: 'label' }, el('span', { class: 'state' }, index + ' ' + state));
  const k = el('div', { class: 'key ' + state, 'data-index': index, 'data-state': state }, el('span', { class: 'lamp' }), label);
  if (a) {
    k.title = state + ' since ' + a.since;
    if (a.remote) label.append(el('span', { class: 'who' }, a.remote));
    if (a.owner) label.append(el('span', { class: 'who' }, 'on ' + a.owner));
    const release = el('button', { type: 'button', 'data-release': index }, 'release');
    release.addEventListener('click', () => releaseKey(line.id, index));
    k.append(release);
  }
  return k;
}

function table(caption, head, rows) {
  const t = el('table', {}, el('caption', {}, caption + ' (' + rows.length + ')'));
  t.append(el('tr', {}, ...head.map(h => el('th', {}, h))));
  rows.forEach(r => t.append(el('tr', {}, ...r.map(c => el('td', {}, String(c))))));
  return t;
}

function card(line) {
  const keys = el('div', { class: 'keys' });
  for (let i = 1; i <= line.maxAppearances; i++) keys.append(key(line, i));
  const c = el('section', { class: 'line', 'data-line': line.id, 'data-search': (line.id + ' ' + line.aor).toLowerCase() },
    el('h2', {}, line.id + ' ', el('small', {}, line.aor)), keys,
    table('Registrations', ['contact', 'device', 'from', 'expires in s'],
      line.registrations.map(r => [r.contact, r.device, r.source, r.expiresIn])),
    table('Subscriptions', ['event', 'device', 'contact', 'expires in s'],
      line.subscriptions.map(s => [s.event, s.device, s.contact, s.expiresIn])));
  applyFilter(c);
  return c;
}

function show(line) {
  const next = card(line);
  const old = cards.get(line.id);
  if (old) old.replaceWith(next); else linesEl.append(next);
  cards.set(line.id, next);
}

function applyFilter(c) {
  const q = filterEl.value.trim().toLowerCase();
  c.classList.toggle('hidden', q !== '' && !c.dataset.search.includes(q));
}

function summarise() {
  const shown = [...cards.values()].filter(c => !c.classList.contains('hidden')).length;
  summaryEl.textContent = shown + ' of ' + cards.size + ' lines';
}

async function releaseKey(id, index) {
  const r = await fetch('api/lines/' + encodeURIComponent(id) + '/appearances/' + index + '/release', { method: 'POST' });
  const body = await r.json();
  messageEl.textContent = r.ok ? 'released appearance ' + index + ' of ' + id : (body.error || r.status);
}

filterEl.addEventListener('input', () => { cards.forEach(applyFilter); summarise(); });

function connect() {
  const events = new EventSource('api/events');
  events.addEventListener('lines', e => {
    linesEl.replaceChildren();
    cards.clear();
    JSON.parse(e.data).forEach(show);
    summarise();
  });
  events.addEventListener('line', e => { show(JSON.parse(e.data)); summarise(); });
  events.onopen = () => { liveEl.textContent = 'live'; liveEl.className = 'live on'; };
  // EventSource reconnects by itself; the first 'lines' after it brings the page up to date.
  events.onerror = () => { liveEl.textContent = 'reconnecting'; liveEl.className = 'live off'; };
}
connect();
