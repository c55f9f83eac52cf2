// One identity's flow: its extension points in activity order, and its map (Mermaid or Markdown).

import { $, el, replace, breakable, placeholder, errorText } from './dom.js';
import { enums, sourceLabel } from './enums.js';
import { state } from './state.js';
import { api, describeError } from './api.js';
import { loadDiagram } from './diagram.js';

export function selectIdentity(identity, scroll) {
  state.selected = identity;
  const hash = `#identity=${encodeURIComponent(identity)}`;
  if (location.hash !== hash) history.replaceState(null, '', hash);
  for (const row of $('matrix').querySelectorAll('tbody tr[data-identity]')) {
    row.classList.toggle('selected', row.dataset.identity === identity);
  }
  renderFlow(identity);
  if (scroll) $('flow-section').scrollIntoView({ block: 'start' });
}

export function lineage(identity) {
  const chain = [];
  let current = identity;
  while (current && !chain.includes(current.identity)) {
    chain.push(current.identity);
    current = current.parent ? state.catalog.identitiesById.get(current.parent) : null;
  }
  return chain;
}

export function renderFlow(name) {
  const container = $('flow');
  if (!state.catalog) return;
  const identity = state.catalog.identitiesById.get(name);
  if (!identity) {
    replace(container, errorText(`The catalog has no identity named ${name}.`, 'flow-unknown'));
    $('flow-map').hidden = true;
    return;
  }

  const settings = Object.entries(identity.settings || {});
  const head = el('div', { class: 'flow-head' },
    el('span', { class: 'identity', testid: 'flow-identity', text: identity.identity }),
    el('span', { class: 'lineage', text: `inherits: ${lineage(identity).join(' → ')}` }),
    settings.length
      ? el('span', { class: 'settings', testid: 'flow-settings', text: `settings: ${settings.map(([k, v]) => `${k}=${v}`).join(', ')}` })
      : null);

  const resolutions = [...(identity.resolutions || [])].sort((a, b) => {
    const pa = state.catalog.pointsByCode.get(a.point);
    const pb = state.catalog.pointsByCode.get(b.point);
    return (pa ? pa.order : 999) - (pb ? pb.order : 999);
  });
  const activities = [...enums.activities, ...new Set(resolutions.map((r) => r.activity).filter((a) => !enums.activities.includes(a)))];
  const steps = el('ol', { class: 'flow-steps' });
  activities.forEach((activity, index) => {
    const here = resolutions.filter((r) => (r.activity || (state.catalog.pointsByCode.get(r.point) || {}).activity) === activity);
    steps.append(el('li', { class: 'flow-step', testid: `flow-activity-${activity}` },
      el('h3', {}, el('span', { class: 'step-no', text: String(index + 1) }), activity),
      here.length ? here.map(pointCard) : placeholder('No extension point.')));
  });
  replace(container, head, steps);
  loadDiagram();
  loadMap();
}

export function pointCard(resolution) {
  const point = state.catalog.pointsByCode.get(resolution.point) || {};
  const source = resolution.source;
  const extensions = resolution.extensions || [];
  const items = extensions.map((id, i) => {
    const extension = state.catalog.extensionsById.get(id);
    const plugin = extension ? extension.plugin : (resolution.plugins || [])[i] || (resolution.plugins || [])[0];
    const version = extension && extension.version ? ` ${extension.version}` : '';
    return el('li', { testid: `flow-extension-${id}` },
      el('code', {}, breakable(id)),
      plugin ? el('span', { class: 'plugin', text: ` · plugin ${plugin}${version}` }) : null,
      breakerBadge(extension, `breaker-${id}`));
  });
  if (items.length === 0 && source !== 'Conflict') {
    items.push(el('li', {}, el('code', { text: point.kernelDefault || 'kernel default' }), el('span', { class: 'plugin', text: ' · kernel' })));
  }
  const notes = [];
  if (source === 'Inherited' && resolution.decidedAt) notes.push(`decided at ${resolution.decidedAt}`);
  if (resolution.viaBinding) notes.push('via a binding in identity-mappings');
  return el('div', {
    class: `point-card src-${source}`,
    testid: `flow-point-${resolution.point}`,
    'data-source': source,
    title: point.description || null,
  },
  el('span', { class: 'code mono' }, breakable(resolution.point)),
  el('div', { class: 'card-head' },
    el('span', { class: `badge src-${source}`, testid: `flow-source-${resolution.point}`, text: sourceLabel(source) }),
    el('span', { class: 'plugin', text: resolution.combine || point.combine || '' })),
  items.length ? el('ul', {}, items) : null,
  notes.length ? el('p', { class: 'note', text: notes.join(' · ') }) : null,
  resolution.conflict ? el('p', { class: 'conflict', text: resolution.conflict }) : null);
}

// An extension's circuit breaker on the host that answered: a badge unless it is Closed (then nothing).
export function breakerBadge(extension, testid) {
  const breaker = extension && extension.breaker;
  if (!breaker || breaker === 'Closed') return null;
  return el('span', {
    class: `badge breaker breaker-${breaker}`,
    testid,
    'data-breaker': breaker,
    title: `The circuit breaker of ${extension.id} is ${breakerLabel(breaker)} on this host: calls answer 503 `
      + 'extension-unavailable without reaching the extension until a trial call succeeds.',
    text: `breaker ${breakerLabel(breaker)}`,
  });
}

// A breaker state in words: HalfOpen → half-open.
export function breakerLabel(breaker) {
  return String(breaker).replace(/(?<=[a-z])(?=[A-Z])/g, '-').toLowerCase();
}

export async function loadMap() {
  const identity = state.selected;
  const format = state.mapFormat;
  const token = ++state.flowToken;
  const pre = $('flow-map-source');
  $('flow-map').hidden = false;
  $('flow-map-copy-state').textContent = '';
  pre.textContent = 'Loading the map…';
  pre.dataset.loaded = 'false';
  try {
    const text = await api(`/api/v1/catalog/maps/${encodeURIComponent(identity)}?format=${encodeURIComponent(format)}`, true);
    if (token !== state.flowToken) return;
    pre.textContent = text;
    pre.dataset.loaded = 'true';
  } catch (error) {
    if (token !== state.flowToken) return;
    pre.textContent = describeError(error, 'the map');
    pre.dataset.loaded = 'error';
  }
}

export async function copyMap() {
  const text = $('flow-map-source').textContent;
  const status = $('flow-map-copy-state');
  try {
    await navigator.clipboard.writeText(text);
    status.textContent = 'Copied.';
  } catch {
    // No clipboard permission (plain http, or a locked-down browser): select the text instead.
    const range = document.createRange();
    range.selectNodeContents($('flow-map-source'));
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    status.textContent = 'Selected: press Ctrl+C to copy.';
  }
}
