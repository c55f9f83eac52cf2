// ReversePaas capability catalog: the ops page at GET /catalog. Vanilla JavaScript modules, no library, works offline.
// It keeps the Ops key in sessionStorage (this tab only) and sends it as X-Api-Key on every API call.
// Everything shown is built with DOM calls and textContent: nothing from the API is parsed as HTML.

import { $, replace, placeholder, errorText, formatTime } from './dom.js';
import { activityIndex, loadEnums } from './enums.js';
import { state } from './state.js';
import { setKey, currentKey, showKeyState, showBanner } from './key.js';
import { openJobsDashboard, api, describeError } from './api.js';
import { renderFilterOptions, renderMatrix, renderProblems } from './matrix.js';
import { renderPlugins, renderPackages, showPackagesError } from './plugins.js';
import { selectIdentity, renderFlow, loadMap, copyMap } from './flow.js';
import { lookUpTrail } from './trail.js';
import { loadUsage, startUsageRefresh } from './usage.js';

// ---- Loading ------------------------------------------------------------------------------------

// Read once per page: the activities' order and the resolution sources come from the API's OpenAPI document.
const enumsLoaded = loadEnums();

export function showSignedOut() {
  state.catalog = null;
  state.plugins = null;
  state.usage = null;
  state.usageToken++;
  $('usage-summary').textContent = '';
  $('catalog-meta').textContent = 'Which extension serves each business identity, and why.';
  replace($('problems'), placeholder('Enter an Ops key to load the catalog.'));
  $('problems-count').textContent = '';
  replace($('matrix'));
  $('matrix-summary').textContent = 'Enter an Ops key to load the matrix.';
  replace($('plugins'), placeholder('Enter an Ops key to load the plugins.'));
  replace($('packages-list'), placeholder('Enter an Ops key to load the packages.'));
  replace($('flow'), placeholder('Click an identity in the matrix to see its flow.'));
  $('flow-map').hidden = true;
  replace($('trail'));
}

export async function loadAll() {
  if (!currentKey()) {
    showSignedOut();
    return;
  }
  const token = ++state.loadToken;
  showBanner('');
  $('matrix-summary').textContent = 'Loading…';
  replace($('problems'), placeholder('Loading…'));
  replace($('plugins'), placeholder('Loading…'));
  replace($('packages-list'), placeholder('Loading…'));

  const [catalog, plugins] = await Promise.allSettled([api('/api/v1/catalog'), api('/api/v1/plugins')]);
  await enumsLoaded;
  if (token !== state.loadToken) return;

  if (catalog.status === 'fulfilled') {
    state.catalog = normalise(catalog.value);
    renderMeta();
    renderFilterOptions();
    renderMatrix();
    renderProblems();
    renderPackages();
    if (state.selected) renderFlow(state.selected);
    await loadUsage();
    if (token !== state.loadToken) return;
  } else {
    state.catalog = null;
    const message = describeError(catalog.reason, 'the catalog');
    replace($('matrix'));
    $('matrix-summary').textContent = '';
    replace($('problems'), errorText(message, 'catalog-error'));
    $('problems-count').textContent = '';
    showPackagesError(describeError(catalog.reason, 'the packages'));
  }

  if (plugins.status === 'fulfilled') {
    state.plugins = Array.isArray(plugins.value) ? plugins.value : [];
    renderPlugins();
  } else {
    state.plugins = null;
    replace($('plugins'), errorText(describeError(plugins.reason, 'the plugins'), 'plugins-error'));
  }
}

export function normalise(catalog) {
  const points = (catalog.points || []).map((p, i) => ({ ...p, order: i }));
  points.sort((a, b) => activityIndex(a.activity) - activityIndex(b.activity) || a.order - b.order);
  return {
    sdkVersion: catalog.sdkVersion,
    generation: catalog.generation,
    generatedAt: catalog.generatedAt,
    points,
    pointsByCode: new Map(points.map((p) => [p.code, p])),
    extensions: catalog.extensions || [],
    extensionsById: new Map((catalog.extensions || []).map((e) => [e.id, e])),
    identities: treeOrder(catalog.identities || []),
    identitiesById: new Map((catalog.identities || []).map((i) => [i.identity, i])),
    plugins: catalog.plugins || [],
    problems: catalog.problems || [],
    packages: catalog.packages || [],
  };
}

// Parents before their children, "default" first, siblings by name; depth for indentation.
export function treeOrder(identities) {
  const byId = new Map(identities.map((i) => [i.identity, i]));
  const children = new Map();
  const roots = [];
  for (const identity of identities) {
    if (identity.parent && byId.has(identity.parent) && identity.parent !== identity.identity) {
      if (!children.has(identity.parent)) children.set(identity.parent, []);
      children.get(identity.parent).push(identity);
    } else {
      roots.push(identity);
    }
  }
  const byName = (a, b) => (a.identity === 'default' ? -1 : b.identity === 'default' ? 1 : a.identity.localeCompare(b.identity));
  const ordered = [];
  const seen = new Set();
  const visit = (identity, depth) => {
    if (seen.has(identity.identity)) return;
    seen.add(identity.identity);
    ordered.push({ ...identity, depth });
    for (const child of (children.get(identity.identity) || []).sort(byName)) visit(child, depth + 1);
  };
  roots.sort(byName).forEach((root) => visit(root, 0));
  identities.forEach((identity) => visit(identity, 0));
  return ordered;
}

export function renderMeta() {
  const c = state.catalog;
  const parts = [];
  if (c.sdkVersion) parts.push(`Sdk ${c.sdkVersion}`);
  if (c.generation !== undefined && c.generation !== null) parts.push(`generation ${c.generation}`);
  if (c.generatedAt) parts.push(`built ${formatTime(c.generatedAt)}`);
  parts.push(`${c.identities.length} identities, ${c.points.length} points, ${c.extensions.length} extensions`);
  $('catalog-meta').textContent = parts.join(' · ');
}

// ---- Wiring -------------------------------------------------------------------------------------

export function readHash() {
  const match = /^#identity=(.+)$/.exec(location.hash);
  if (!match) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return null;
  }
}

export function onFilterChange(name) {
  return (event) => {
    state.filters[name] = event.target.value;
    renderMatrix();
  };
}

export function init() {
  $('api-key-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const input = $('api-key-input');
    const key = input.value.trim();
    if (!key) return;
    setKey(key);
    input.value = '';
    showKeyState();
    loadAll();
  });
  $('api-key-clear').addEventListener('click', () => {
    setKey('');
    showKeyState();
    showBanner('');
    showSignedOut();
  });
  $('refresh').addEventListener('click', () => loadAll());
  $('open-jobs').addEventListener('click', openJobsDashboard);
  $('filter-activity').addEventListener('change', onFilterChange('activity'));
  $('filter-plugin').addEventListener('change', onFilterChange('plugin'));
  $('filter-identity').addEventListener('change', onFilterChange('identity'));
  $('filter-reset').addEventListener('click', () => {
    state.filters = { activity: '', plugin: '', identity: '' };
    $('filter-activity').value = '';
    $('filter-plugin').value = '';
    $('filter-identity').value = '';
    renderMatrix();
  });
  $('flow-map-format').addEventListener('change', (event) => {
    state.mapFormat = event.target.value;
    if (state.selected && state.catalog) loadMap();
  });
  $('flow-map-copy').addEventListener('click', copyMap);
  $('trail-form').addEventListener('submit', lookUpTrail);
  window.addEventListener('hashchange', () => {
    const identity = readHash();
    if (identity && identity !== state.selected) selectIdentity(identity, false);
  });

  state.selected = readHash();
  startUsageRefresh();
  showKeyState();
  if (currentKey()) {
    loadAll();
  } else {
    showSignedOut();
    $('api-key-input').focus();
  }
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
else init();
