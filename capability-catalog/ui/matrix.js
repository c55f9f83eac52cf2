// The filters, the identity × extension-point matrix and the problems.

import { $, el, replace, breakable } from './dom.js';
import { enums, sourceLabel } from './enums.js';
import { state } from './state.js';
import { selectIdentity, breakerBadge, breakerLabel } from './flow.js';
import { paintUsage, usageSlot } from './usage.js';

// ---- Filters and matrix -------------------------------------------------------------------------

export function fillSelect(select, allLabel, values, current) {
  const options = [el('option', { value: '', text: allLabel })];
  for (const { value, label } of values) options.push(el('option', { value, text: label }));
  select.replaceChildren(...options);
  select.value = values.some((v) => v.value === current) ? current : '';
  return select.value;
}

export function renderFilterOptions() {
  const c = state.catalog;
  const activities = [...new Set([...enums.activities, ...c.points.map((p) => p.activity)])]
    .filter((a) => c.points.some((p) => p.activity === a) || enums.activities.includes(a));
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

export function resolutionOf(identity, code) {
  return (identity.resolutions || []).find((r) => r.point === code) || null;
}

export function servedBy(resolution, plugin) {
  if (!resolution) return false;
  if ((resolution.plugins || []).includes(plugin)) return true;
  return (resolution.extensions || []).some((id) => {
    const extension = state.catalog.extensionsById.get(id);
    return extension && extension.plugin === plugin;
  });
}

export function visibleMatrix() {
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

export function renderMatrix() {
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
  paintUsage(table);

  const parts = [`${identities.length} of ${c.identities.length} identities`, `${points.length} of ${c.points.length} points`];
  $('matrix-summary').textContent = `Showing ${parts.join(' × ')}.`;
}

export function matrixCell(identity, point, plugin) {
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
  const serving = extensions.map((id) => state.catalog.extensionsById.get(id) || { id });
  const broken = serving.filter((e) => e.breaker && e.breaker !== 'Closed');
  const title = [
    `${identity.identity} · ${point.code}`,
    `served by: ${names.length ? names.join(', ') : 'the kernel'}`,
    (resolution.plugins || []).length ? `plugin: ${resolution.plugins.join(', ')}` : '',
    `why: ${why}`,
    resolution.conflict ? `conflict: ${resolution.conflict}` : '',
    ...broken.map((e) => `breaker ${breakerLabel(e.breaker)}: ${e.id} answers 503 extension-unavailable until a trial call succeeds`),
  ].filter(Boolean).join('\n');
  const dimmed = plugin && !servedBy(resolution, plugin);
  return el('td', {
    class: `cell src-${source} ${source}${dimmed ? ' dimmed' : ''}`,
    testid,
    'data-source': source,
    'data-usage-identity': identity.identity,
    'data-usage-point': point.code,
    'data-usage-testid': `usage-${identity.identity}-${point.code}`,
    title,
  },
  names.map((name, i) => [
    el('span', { class: 'ext mono' }, breakable(name)),
    extensions.length ? breakerBadge(serving[i], `cell-breaker-${name}`) : null,
  ]),
  el('span', { class: 'why', text: why }),
  usageSlot());
}

// ---- Problems -----------------------------------------------------------------------------------

export function renderProblems() {
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
