// An after-sale's trail: which extension served each point for it, looked up by id.

import { $, el, replace, breakable, placeholder, errorText, formatTime } from './dom.js';
import { state } from './state.js';
import { currentKey } from './key.js';
import { ApiError, api, describeError } from './api.js';
import { selectIdentity } from './flow.js';

export async function lookUpTrail(event) {
  event.preventDefault();
  const id = $('trail-input').value.trim();
  const container = $('trail');
  if (!id) return;
  if (!currentKey()) {
    replace(container, errorText('Enter an Ops key first.', 'trail-error'));
    return;
  }
  const token = ++state.trailToken;
  replace(container, placeholder(`Looking up ${id}…`));
  try {
    const sale = await api(`/api/v1/after-sales/${encodeURIComponent(id)}`);
    if (token !== state.trailToken) return;
    renderTrail(sale);
  } catch (error) {
    if (token !== state.trailToken) return;
    const message = error instanceof ApiError && error.status === 404
      ? `No after-sale with id ${id}.`
      : describeError(error, `after-sale ${id}`);
    replace(container, errorText(message, 'trail-error'));
  }
}

export function renderTrail(sale) {
  const identity = sale.businessIdentity;
  const knownIdentity = identity && state.catalog && state.catalog.identitiesById.has(identity);
  const summary = el('dl', { class: 'trail-summary', testid: 'trail-summary' },
    el('dt', { text: 'After-sale' }), el('dd', { class: 'mono', testid: 'trail-id', text: sale.afterSaleId }),
    el('dt', { text: 'Order' }), el('dd', { class: 'mono', text: sale.orderId }),
    el('dt', { text: 'Type' }), el('dd', { text: sale.type }),
    el('dt', { text: 'Status' }), el('dd', { testid: 'trail-status', text: sale.status }),
    el('dt', { text: 'Identity' }), el('dd', {}, knownIdentity
      ? el('button', { type: 'button', class: 'link', testid: 'trail-identity', text: identity, on: { click: () => selectIdentity(identity, true) } })
      : el('span', { testid: 'trail-identity', text: identity || '—' })),
    sale.refundAmount !== undefined && sale.refundAmount !== null ? [el('dt', { text: 'Refund' }), el('dd', { text: String(sale.refundAmount) })] : null);

  const capabilities = sale.capabilities || [];
  const capabilityView = capabilities.length
    ? el('table', { class: 'data-table', testid: 'trail-capabilities' },
      el('thead', {}, el('tr', {},
        el('th', { scope: 'col', text: 'Activity' }),
        el('th', { scope: 'col', text: 'Extension point' }),
        el('th', { scope: 'col', text: 'Extension' }),
        el('th', { scope: 'col', text: 'Plugin' }))),
      el('tbody', {}, capabilities.map((c, i) => {
        const point = state.catalog ? state.catalog.pointsByCode.get(c.extensionPoint) : null;
        return el('tr', { testid: `trail-capability-${i}`, 'data-extension': c.extension },
          el('td', { text: point ? point.activity : '' }),
          el('td', { class: 'mono' }, breakable(c.extensionPoint)),
          el('td', { class: 'mono' }, breakable(c.extension)),
          el('td', { text: c.plugin || 'kernel' }));
      })))
    : placeholder('No extension has run for this after-sale yet.');

  const timeline = sale.timeline || [];
  const timelineView = el('ol', { class: 'timeline', testid: 'trail-timeline' },
    timeline.map((t) => el('li', {},
      el('span', { class: 'when', title: t.at, text: formatTime(t.at) }), ' ',
      el('span', { class: 'status', text: t.status }),
      t.actor ? ` · ${t.actor}` : '',
      t.note ? el('div', { text: t.note }) : null)));

  replace($('trail'), summary, el('h3', { text: 'Capabilities that ran' }), capabilityView, el('h3', { text: 'Timeline' }), timelineView);
}
