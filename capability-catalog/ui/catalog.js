// ReversePaas capability catalog: the ops page at GET /catalog. Vanilla JavaScript, no library, works offline.
// It keeps the Ops key in sessionStorage (this tab only) and sends it as X-Api-Key on every API call.
// Everything shown is built with DOM calls and textContent: nothing from the API is parsed as HTML.
'use strict';

(() => {
  const KEY_STORAGE = 'reversepaas.catalog.opsKey';
  const ACTIVITIES = ['Application', 'Interception', 'Review', 'Execution'];
  const SOURCE_LABELS = {
    Binding: 'binding',
    Declared: 'declared',
    Inherited: 'inherited',
    KernelDefault: 'kernel default',
    Conflict: 'conflict',
  };

  const state = {
    catalog: null,
    plugins: null,
    selected: null,
    filters: { activity: '', plugin: '', identity: '' },
    mapFormat: 'mermaid',
    flowToken: 0,
    trailToken: 0,
    loadToken: 0,
  };

  const $ = (id) => document.getElementById(id);

  // ---- DOM helpers --------------------------------------------------------------------------------

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (name === 'class') node.className = value;
      else if (name === 'text') node.textContent = value;
      else if (name === 'testid') node.dataset.testid = value;
      else if (name === 'on') for (const [event, handler] of Object.entries(value)) node.addEventListener(event, handler);
      else node.setAttribute(name, value === true ? '' : String(value));
    }
    append(node, children);
    return node;
  }

  function append(node, children) {
    for (const child of children) {
      if (child === null || child === undefined || child === false) continue;
      if (Array.isArray(child)) append(node, child);
      else node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
  }

  function replace(container, ...children) {
    container.replaceChildren();
    append(container, children);
  }

  // Ids and paths break after '.', '-' and '/' rather than mid-word.
  function breakable(text) {
    const parts = String(text).split(/(?<=[./\\-])/);
    return parts.flatMap((part, i) => (i < parts.length - 1 ? [part, document.createElement('wbr')] : [part]));
  }

  const placeholder = (text) => el('p', { class: 'placeholder', text });
  const errorText = (text, testid) => el('p', { class: 'error-text', role: 'alert', testid, text });

  function formatTime(iso) {
    if (!iso) return '';
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? String(iso) : date.toLocaleString();
  }

  function sourceLabel(source) {
    return SOURCE_LABELS[source] || String(source || 'unknown').toLowerCase();
  }

  function activityIndex(activity) {
    const index = ACTIVITIES.indexOf(activity);
    return index < 0 ? ACTIVITIES.length : index;
  }

  // ---- The key ------------------------------------------------------------------------------------

  let memoryKey = '';

  function getKey() {
    try {
      return sessionStorage.getItem(KEY_STORAGE) || '';
    } catch {
      return '';
    }
  }

  function setKey(key) {
    try {
      if (key) sessionStorage.setItem(KEY_STORAGE, key);
      else sessionStorage.removeItem(KEY_STORAGE);
    } catch {
      // Storage can be disabled; the key then lives only until the page is left.
    }
    memoryKey = key;
  }

  const currentKey = () => getKey() || memoryKey;

  function showKeyState() {
    const saved = Boolean(currentKey());
    const node = $('api-key-state');
    node.textContent = saved ? 'Key saved for this tab' : 'No key saved';
    node.classList.toggle('saved', saved);
  }

  function showBanner(message) {
    const banner = $('auth-message');
    banner.textContent = message;
    banner.hidden = !message;
  }

  // ---- Jobs dashboard -----------------------------------------------------------------------------

  // The dashboard is a server-rendered page, which cannot be sent the key as a header: the key is traded for a
  // short-lived HttpOnly cookie scoped to /ops/jobs, then the browser goes there.
  async function openJobsDashboard() {
    const key = currentKey();
    if (!key) {
      showBanner('Enter an Ops key first: the jobs dashboard is for Ops.');
      return;
    }
    let response;
    try {
      response = await fetch('/api/v1/ops/dashboard-session', {
        method: 'POST',
        headers: { 'X-Api-Key': key, Accept: 'application/json' },
        credentials: 'same-origin',
        cache: 'no-store',
      });
    } catch (error) {
      showBanner(`The host did not answer: ${error && error.message ? error.message : error}`);
      return;
    }
    if (response.status === 401) {
      showBanner('The Ops key was not accepted (401 Unauthorized). Check it and save it again.');
      return;
    }
    if (response.status === 403) {
      showBanner('This key may not open the jobs dashboard (403 Forbidden): it needs an Ops key.');
      return;
    }
    if (!response.ok) {
      showBanner(`The jobs dashboard could not be opened (${response.status} ${response.statusText}).`);
      return;
    }
    const session = await response.json();
    window.location.assign(session.path || '/ops/jobs');
  }

  // ---- API ----------------------------------------------------------------------------------------

  class ApiError extends Error {
    constructor(status, title, detail) {
      super(detail ? `${title}: ${detail}` : title);
      this.status = status;
      this.title = title;
      this.detail = detail;
    }
  }

  async function api(path, asText = false) {
    const key = currentKey();
    if (!key) throw new ApiError(0, 'No key', 'Enter an Ops key first.');
    let response;
    try {
      response = await fetch(path, {
        headers: { 'X-Api-Key': key, Accept: asText ? 'text/plain' : 'application/json' },
        cache: 'no-store',
      });
    } catch (error) {
      throw new ApiError(0, 'The host did not answer', error && error.message ? error.message : String(error));
    }

    const body = await response.text();
    if (!response.ok) {
      let title = `${response.status} ${response.statusText}`.trim();
      let detail = '';
      try {
        const problem = JSON.parse(body);
        title = problem.title ? `${response.status} ${problem.title}` : title;
        detail = problem.detail || '';
      } catch {
        // Not problem+json: keep the status line.
      }
      if (response.status === 401) {
        showBanner('The Ops key was not accepted (401 Unauthorized). Check it and save it again.');
      } else if (response.status === 403) {
        showBanner('This key may not do that (403 Forbidden). The catalog needs an Ops key.');
      }
      throw new ApiError(response.status, title, detail);
    }
    if (asText) return body;
    try {
      return JSON.parse(body);
    } catch {
      throw new ApiError(response.status, 'Unreadable answer', `${path} did not return JSON.`);
    }
  }

  function describeError(error, what) {
    if (error instanceof ApiError) {
      if (error.status === 401) return `Could not load ${what}: the key was not accepted (401).`;
      if (error.status === 403) return `Could not load ${what}: this key is not allowed (403).`;
      return `Could not load ${what}: ${error.message}`;
    }
    return `Could not load ${what}: ${error && error.message ? error.message : error}`;
  }

  // ---- Loading ------------------------------------------------------------------------------------

  function showSignedOut() {
    state.catalog = null;
    state.plugins = null;
    $('catalog-meta').textContent = 'Which extension serves each business identity, and why.';
    replace($('problems'), placeholder('Enter an Ops key to load the catalog.'));
    $('problems-count').textContent = '';
    replace($('matrix'));
    $('matrix-summary').textContent = 'Enter an Ops key to load the matrix.';
    replace($('plugins'), placeholder('Enter an Ops key to load the plugins.'));
    replace($('flow'), placeholder('Click an identity in the matrix to see its flow.'));
    $('flow-map').hidden = true;
    replace($('trail'));
  }

  async function loadAll() {
    if (!currentKey()) {
      showSignedOut();
      return;
    }
    const token = ++state.loadToken;
    showBanner('');
    $('matrix-summary').textContent = 'Loading…';
    replace($('problems'), placeholder('Loading…'));
    replace($('plugins'), placeholder('Loading…'));

    const [catalog, plugins] = await Promise.allSettled([api('/api/v1/catalog'), api('/api/v1/plugins')]);
    if (token !== state.loadToken) return;

    if (catalog.status === 'fulfilled') {
      state.catalog = normalise(catalog.value);
      renderMeta();
      renderFilterOptions();
      renderMatrix();
      renderProblems();
      if (state.selected) renderFlow(state.selected);
    } else {
      state.catalog = null;
      const message = describeError(catalog.reason, 'the catalog');
      replace($('matrix'));
      $('matrix-summary').textContent = '';
      replace($('problems'), errorText(message, 'catalog-error'));
      $('problems-count').textContent = '';
    }

    if (plugins.status === 'fulfilled') {
      state.plugins = Array.isArray(plugins.value) ? plugins.value : [];
      renderPlugins();
    } else {
      state.plugins = null;
      replace($('plugins'), errorText(describeError(plugins.reason, 'the plugins'), 'plugins-error'));
    }
  }

  function normalise(catalog) {
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
    };
  }

  // Parents before their children, "default" first, siblings by name; depth for indentation.
  function treeOrder(identities) {
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

  function renderMeta() {
    const c = state.catalog;
    const parts = [];
    if (c.sdkVersion) parts.push(`Sdk ${c.sdkVersion}`);
    if (c.generation !== undefined && c.generation !== null) parts.push(`generation ${c.generation}`);
    if (c.generatedAt) parts.push(`built ${formatTime(c.generatedAt)}`);
    parts.push(`${c.identities.length} identities, ${c.points.length} points, ${c.extensions.length} extensions`);
    $('catalog-meta').textContent = parts.join(' · ');
  }

  // ---- Filters and matrix -------------------------------------------------------------------------

  function fillSelect(select, allLabel, values, current) {
    const options = [el('option', { value: '', text: allLabel })];
    for (const { value, label } of values) options.push(el('option', { value, text: label }));
    select.replaceChildren(...options);
    select.value = values.some((v) => v.value === current) ? current : '';
    return select.value;
  }

  function renderFilterOptions() {
    const c = state.catalog;
    const activities = [...new Set([...ACTIVITIES, ...c.points.map((p) => p.activity)])]
      .filter((a) => c.points.some((p) => p.activity === a) || ACTIVITIES.includes(a));
    state.filters.activity = fillSelect($('filter-activity'), 'All activities', activities.map((a) => ({ value: a, label: a })), state.filters.activity);

    const pluginIds = [...new Set([
      ...c.plugins.map((p) => p.id),
      ...c.extensions.map((e) => e.plugin),
    ].filter(Boolean))].sort();
    state.filters.plugin = fillSelect($('filter-plugin'), 'All plugins', pluginIds.map((id) => ({ value: id, label: id })), state.filters.plugin);

    state.filters.identity = fillSelect(
      $('filter-identity'),
      'All identities',
      c.identities.map((i) => ({ value: i.identity, label: `${'\u2002'.repeat(i.depth)}${i.identity}` })),
      state.filters.identity);
  }

  function resolutionOf(identity, code) {
    return (identity.resolutions || []).find((r) => r.point === code) || null;
  }

  function servedBy(resolution, plugin) {
    if (!resolution) return false;
    if ((resolution.plugins || []).includes(plugin)) return true;
    return (resolution.extensions || []).some((id) => {
      const extension = state.catalog.extensionsById.get(id);
      return extension && extension.plugin === plugin;
    });
  }

  function visibleMatrix() {
    const c = state.catalog;
    const { activity, plugin, identity } = state.filters;
    let points = c.points.filter((p) => !activity || p.activity === activity);
    let identities = c.identities.filter((i) => !identity || i.identity === identity);
    if (plugin) {
      const pluginPoints = new Set(c.extensions.filter((e) => e.plugin === plugin).flatMap((e) => e.points || []));
      for (const i of c.identities) {
        for (const r of i.resolutions || []) if (servedBy(r, plugin)) pluginPoints.add(r.point);
      }
      points = points.filter((p) => pluginPoints.has(p.code));
      identities = identities.filter((i) => points.some((p) => servedBy(resolutionOf(i, p.code), plugin)));
    }
    return { points, identities };
  }

  function renderMatrix() {
    const c = state.catalog;
    const table = $('matrix');
    if (!c) {
      replace(table);
      return;
    }
    const { points, identities } = visibleMatrix();
    const { plugin } = state.filters;

    const groups = [];
    for (const point of points) {
      const last = groups[groups.length - 1];
      if (last && last.activity === point.activity) last.count++;
      else groups.push({ activity: point.activity, count: 1 });
    }

    const head = el('thead', {},
      el('tr', { class: 'activities' },
        el('th', { class: 'corner', rowspan: 2, scope: 'col', text: 'Identity' }),
        groups.map((g) => el('th', { colspan: g.count, scope: 'colgroup', testid: `matrix-activity-${g.activity}`, text: g.activity }))),
      el('tr', {},
        points.map((p) => el('th', {
          class: 'point',
          scope: 'col',
          testid: `matrix-point-${p.code}`,
          title: [p.description, p.contract, p.kernelDefault ? `kernel default: ${p.kernelDefault}` : ''].filter(Boolean).join('\n'),
        }, el('code', {}, breakable(p.code)), el('span', { class: 'combine', text: p.combine })))));

    const body = el('tbody');
    if (points.length === 0 || identities.length === 0) {
      body.append(el('tr', {}, el('td', {
        class: 'empty',
        colspan: Math.max(points.length, 1) + 1,
        testid: 'matrix-empty',
        text: plugin ? `No identity is served by plugin ${plugin} with these filters.` : 'Nothing matches these filters.',
      })));
    }
    for (const identity of identities) {
      const row = el('tr', {
        testid: `matrix-row-${identity.identity}`,
        'data-identity': identity.identity,
        class: identity.identity === state.selected ? 'selected' : null,
      });
      const header = el('th', { scope: 'row' },
        el('button', {
          type: 'button',
          class: 'link identity-link',
          testid: `identity-link-${identity.identity}`,
          title: `Show the flow of ${identity.identity}`,
          text: identity.identity,
          on: { click: () => selectIdentity(identity.identity, true) },
        }),
        identity.producedByRule === false
          ? el('span', {
            class: 'sub',
            title: 'No identity rule produces this identity: it only passes settings and extensions on to its children.',
            text: identity.identity === 'default' ? 'fallback' : 'parent only',
          })
          : null);
      header.style.setProperty('--depth', String(identity.depth || 0));
      row.append(header);
      for (const point of points) row.append(matrixCell(identity, point, plugin));
      body.append(row);
    }
    table.replaceChildren(head, body);

    const parts = [`${identities.length} of ${c.identities.length} identities`, `${points.length} of ${c.points.length} points`];
    $('matrix-summary').textContent = `Showing ${parts.join(' × ')}.`;
  }

  function matrixCell(identity, point, plugin) {
    const resolution = resolutionOf(identity, point.code);
    const testid = `cell-${identity.identity}-${point.code}`;
    if (!resolution) {
      return el('td', { class: 'cell none', testid, 'data-source': 'None', text: '—' });
    }
    const source = resolution.source;
    const extensions = resolution.extensions || [];
    // No extension: the kernel's own implementation (named when the point has one), or nothing at all for a conflict.
    const names = extensions.length > 0
      ? extensions
      : source === 'Conflict' ? ['refused'] : point.kernelDefault ? [point.kernelDefault] : [];
    let why = sourceLabel(source);
    if (source === 'Inherited' && resolution.decidedAt) why += ` from ${resolution.decidedAt}`;
    if (resolution.viaBinding && source !== 'Binding') why += ' (binding)';
    const title = [
      `${identity.identity} · ${point.code}`,
      `served by: ${names.length ? names.join(', ') : 'the kernel'}`,
      (resolution.plugins || []).length ? `plugin: ${resolution.plugins.join(', ')}` : '',
      `why: ${why}`,
      resolution.conflict ? `conflict: ${resolution.conflict}` : '',
    ].filter(Boolean).join('\n');
    const dimmed = plugin && !servedBy(resolution, plugin);
    return el('td', {
      class: `cell src-${source} ${source}${dimmed ? ' dimmed' : ''}`,
      testid,
      'data-source': source,
      title,
    },
    names.map((name) => el('span', { class: 'ext mono' }, breakable(name))),
    el('span', { class: 'why', text: why }));
  }

  // ---- Problems -----------------------------------------------------------------------------------

  function renderProblems() {
    const problems = [...state.catalog.problems].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'Error' ? -1 : 1));
    const errors = problems.filter((p) => p.severity === 'Error').length;
    const warnings = problems.length - errors;
    $('problems-count').textContent = problems.length
      ? `(${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'})`
      : '(none)';
    if (problems.length === 0) {
      replace($('problems'), el('p', { class: 'placeholder', testid: 'problems-none', text: 'No problems: every plugin loaded and every binding resolves.' }));
      return;
    }
    const list = el('ul', { class: 'problem-list' });
    problems.forEach((p, index) => {
      const where = [
        p.identity ? `identity ${p.identity}` : '',
        p.point ? `point ${p.point}` : '',
        p.source ? `source ${p.source}` : '',
      ].filter(Boolean).join(' · ');
      const known = p.identity && state.catalog.identitiesById.has(p.identity);
      list.append(el('li', {
        class: `problem severity-${p.severity}`,
        testid: `problem-${index}`,
        'data-severity': p.severity,
        'data-code': p.code,
      },
      el('span', { class: 'sev', text: p.severity === 'Error' ? 'Error' : 'Warning' }),
      el('code', { text: p.code }),
      ' ',
      el('span', { class: 'message', text: p.message }),
      where ? el('div', { class: 'where' }, where, known
        ? el('button', { type: 'button', class: 'link', text: 'show flow', on: { click: () => selectIdentity(p.identity, true) } })
        : null) : null));
    });
    replace($('problems'), list);
  }

  // ---- Plugins ------------------------------------------------------------------------------------

  function renderPlugins() {
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

  // ---- Flow view and map --------------------------------------------------------------------------

  function selectIdentity(identity, scroll) {
    state.selected = identity;
    const hash = `#identity=${encodeURIComponent(identity)}`;
    if (location.hash !== hash) history.replaceState(null, '', hash);
    for (const row of $('matrix').querySelectorAll('tbody tr[data-identity]')) {
      row.classList.toggle('selected', row.dataset.identity === identity);
    }
    renderFlow(identity);
    if (scroll) $('flow-section').scrollIntoView({ block: 'start' });
  }

  function lineage(identity) {
    const chain = [];
    let current = identity;
    while (current && !chain.includes(current.identity)) {
      chain.push(current.identity);
      current = current.parent ? state.catalog.identitiesById.get(current.parent) : null;
    }
    return chain;
  }

  function renderFlow(name) {
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
    const activities = [...ACTIVITIES, ...new Set(resolutions.map((r) => r.activity).filter((a) => !ACTIVITIES.includes(a)))];
    const steps = el('ol', { class: 'flow-steps' });
    activities.forEach((activity, index) => {
      const here = resolutions.filter((r) => (r.activity || (state.catalog.pointsByCode.get(r.point) || {}).activity) === activity);
      steps.append(el('li', { class: 'flow-step', testid: `flow-activity-${activity}` },
        el('h3', {}, el('span', { class: 'step-no', text: String(index + 1) }), activity),
        here.length ? here.map(pointCard) : placeholder('No extension point.')));
    });
    replace(container, head, steps);
    loadMap();
  }

  function pointCard(resolution) {
    const point = state.catalog.pointsByCode.get(resolution.point) || {};
    const source = resolution.source;
    const extensions = resolution.extensions || [];
    const items = extensions.map((id, i) => {
      const extension = state.catalog.extensionsById.get(id);
      const plugin = extension ? extension.plugin : (resolution.plugins || [])[i] || (resolution.plugins || [])[0];
      const version = extension && extension.version ? ` ${extension.version}` : '';
      return el('li', { testid: `flow-extension-${id}` },
        el('code', {}, breakable(id)),
        plugin ? el('span', { class: 'plugin', text: ` · plugin ${plugin}${version}` }) : null);
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

  async function loadMap() {
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

  async function copyMap() {
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

  // ---- After-sale trail ---------------------------------------------------------------------------

  async function lookUpTrail(event) {
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

  function renderTrail(sale) {
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

  // ---- Wiring -------------------------------------------------------------------------------------

  function readHash() {
    const match = /^#identity=(.+)$/.exec(location.hash);
    if (!match) return null;
    try {
      return decodeURIComponent(match[1]);
    } catch {
      return null;
    }
  }

  function onFilterChange(name) {
    return (event) => {
      state.filters[name] = event.target.value;
      renderMatrix();
    };
  }

  function init() {
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
})();
