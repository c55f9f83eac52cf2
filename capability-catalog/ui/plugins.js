// The Plugins panel: the plugins the host loaded (from /api/v1/plugins) and the uploaded packages (from the catalog).

import { $, el, replace, breakable, placeholder, errorText, formatTime } from './dom.js';
import { state } from './state.js';

// ---- Plugins ------------------------------------------------------------------------------------

export function renderPlugins() {
  const failedFirst = (p) => (p.state === 'Failed' ? 0 : 1);
  const plugins = [...state.plugins].sort((a, b) => failedFirst(a) - failedFirst(b) || String(a.id).localeCompare(String(b.id)));
  if (plugins.length === 0) {
    replace($('plugins'), placeholder('No plugin is installed: every identity runs on kernel defaults.'));
    return;
  }
  const list = el('ul', { class: 'plugin-list' });
  for (const p of plugins) {
    const details = [
      p.version ? `v${p.version}` : '',
      p.sdkVersion ? `Sdk ${p.sdkVersion}` : '',
      p.owner ? `owner ${p.owner}` : '',
      p.loadedAt ? `${p.state === 'Failed' ? 'failed' : 'loaded'} ${formatTime(p.loadedAt)}` : '',
    ].filter(Boolean).join(' · ');
    list.append(el('li', { class: `plugin-item state-${p.state}`, testid: `plugin-${p.id}`, 'data-state': p.state },
      el('header', {},
        el('span', { class: 'name', text: p.displayName || p.id }),
        el('code', { text: p.id }),
        el('span', { class: `badge state-${p.state}`, testid: `plugin-state-${p.id}`, text: p.state })),
      p.description ? el('p', { class: 'detail', text: p.description }) : null,
      details ? el('p', { class: 'detail', text: details }) : null,
      (p.identities || []).length ? el('p', { class: 'detail', text: `identities: ${p.identities.join(', ')}` }) : null,
      (p.extensions || []).length ? el('p', { class: 'detail', text: `extensions: ${p.extensions.join(', ')}` }) : null,
      p.path ? el('p', { class: 'detail mono' }, breakable(p.path)) : null,
      p.error ? el('div', { class: 'plugin-error', role: 'note', testid: `plugin-error-${p.id}`, text: p.error }) : null));
  }
  replace($('plugins'), list);
}

// ---- Uploaded packages --------------------------------------------------------------------------

// Each plugin's versions together, the newest upload first.
export function sortPackages(packages) {
  return [...packages].sort((a, b) => String(a.id).localeCompare(String(b.id)) || String(b.uploadedAt).localeCompare(String(a.uploadedAt)));
}

export function renderPackages() {
  const packages = sortPackages(state.catalog.packages);
  if (packages.length === 0) {
    replace($('packages-list'), el('p', { class: 'placeholder', testid: 'packages-empty', text: 'No packages uploaded.' }));
    return;
  }
  const table = el('table', { class: 'data-table', testid: 'packages' },
    el('thead', {}, el('tr', {},
      ['Package', 'Version', 'State', 'SHA-256', 'Uploaded', 'Activated'].map((text) => el('th', { scope: 'col', text })))),
    el('tbody', {}, packages.map(packageRow)));
  replace($('packages-list'), el('div', { class: 'table-scroll' }, table));
}

export function packageRow(p) {
  const sha = String(p.sha256 || '');
  return el('tr', { testid: `package-${p.id}-${p.version}`, 'data-state': p.state },
    el('td', { class: 'mono' }, breakable(p.id)),
    el('td', { class: 'mono', text: p.version }),
    el('td', {}, el('span', { class: `badge state-${p.state}`, text: p.state })),
    el('td', { class: 'mono sha', title: sha || null, text: sha ? `${sha.slice(0, 12)}…` : '' }),
    el('td', { title: p.uploadedAt || null, text: formatTime(p.uploadedAt) }),
    el('td', { title: p.activatedAt || null, text: p.activatedAt ? formatTime(p.activatedAt) : '—' }));
}

export function showPackagesError(message) {
  replace($('packages-list'), errorText(message, 'packages-error'));
}
