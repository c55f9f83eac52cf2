// This host's recent extension calls per identity × point (GET /api/v1/catalog/usage): calls, failures and p95 in
// every matrix cell and on every flow card. Cells and cards are built with data-identity and data-point; paintUsage()
// fills them in place, so the periodic refresh touches only the figures (not the flow's diagram or map).

import { $, el } from './dom.js';
import { state } from './state.js';
import { api, describeError } from './api.js';
import { currentKey } from './key.js';

// Often enough to watch a deployment, rare enough to cost nothing: the figures are minute buckets anyway.
export const USAGE_REFRESH_MS = 15_000;

let timer = null;

export async function loadUsage() {
  const token = ++state.usageToken;
  try {
    const usage = await api('/api/v1/catalog/usage');
    if (token !== state.usageToken) return;
    state.usage = indexUsage(usage);
    $('usage-summary').textContent = `Calls, failures and p95 per cell: this host's last ${minutes(usage.window)} minutes `
      + `(read ${new Date(usage.at).toLocaleTimeString()}; a chain cell adds up its extensions).`;
  } catch (error) {
    if (token !== state.usageToken) return;
    state.usage = null;
    $('usage-summary').textContent = describeError(error, 'the usage figures');
  }
  paintUsage();
}

// Periodic refresh while a key is saved; the Refresh button reloads everything, usage included.
export function startUsageRefresh() {
  if (timer !== null) return;
  timer = setInterval(() => {
    if (currentKey() && state.catalog) loadUsage();
  }, USAGE_REFRESH_MS);
}

// One entry per identity|point: the extensions' calls and failures added up, the largest p95.
export function indexUsage(usage) {
  const cells = new Map();
  for (const cell of (usage && usage.cells) || []) {
    const key = `${cell.identity}|${cell.point}`;
    const sum = cells.get(key) || { calls: 0, failures: 0, p95Ms: null, extensions: [] };
    sum.calls += cell.calls;
    sum.failures += cell.failures;
    if (cell.p95Ms !== null && cell.p95Ms !== undefined) sum.p95Ms = Math.max(sum.p95Ms ?? 0, cell.p95Ms);
    sum.extensions.push(cell);
    cells.set(key, sum);
  }
  return { window: usage.window, at: usage.at, cells };
}

export function usageOf(identity, point) {
  return state.usage ? state.usage.cells.get(`${identity}|${point}`) || null : null;
}

// Fills every [data-usage-point] element under root (the matrix cells and the flow cards).
export function paintUsage(root = document) {
  for (const node of root.querySelectorAll('[data-usage-point]')) {
    const figures = usageOf(node.dataset.usageIdentity, node.dataset.usagePoint);
    const failing = Boolean(figures && figures.failures > 0);
    node.classList.toggle(node.tagName === 'TD' ? 'cell-failing' : 'card-failing', failing);
    node.dataset.calls = figures ? String(figures.calls) : '';
    node.dataset.failures = figures ? String(figures.failures) : '';
    node.dataset.p95Ms = figures && figures.p95Ms !== null ? String(figures.p95Ms) : '';
    const slot = node.querySelector(':scope > .usage');
    if (slot) slot.replaceWith(usageLine(figures, node.dataset.usageTestid));
  }
}

// The usage slot a cell or card is built with; paintUsage() replaces it with the figures.
export function usageSlot() {
  return el('span', { class: 'usage' });
}

export function usageLine(figures, testid) {
  if (!figures) return el('span', { class: 'usage none', testid, text: state.usage ? 'no calls' : '' });
  const parts = [`${figures.calls} call${figures.calls === 1 ? '' : 's'}`, `${figures.failures} failed`];
  if (figures.p95Ms !== null) parts.push(`p95 ${formatMs(figures.p95Ms)}`);
  return el('span', {
    class: `usage${figures.failures > 0 ? ' failing' : ''}${figures.calls === 0 ? ' idle' : ''}`,
    testid,
    title: figures.extensions.map((e) => `${e.extension} (${e.plugin}): ${e.calls} calls, ${e.failures} failed`
      + (e.p95Ms !== null ? `, p95 ${formatMs(e.p95Ms)}` : '')).join('\n'),
    text: parts.join(' · '),
  });
}

export function formatMs(ms) {
  return ms >= 100 ? `${Math.round(ms)} ms` : `${Number(ms.toPrecision(2))} ms`;
}

// "00:15:00" → 15
function minutes(window) {
  const match = /^(\d+):(\d+):(\d+)$/.exec(String(window || ''));
  return match ? Number(match[1]) * 60 + Number(match[2]) : 15;
}
