// Calls to the API with the Ops key, and the jobs dashboard's sign-in.
// The dashboard is a server-rendered page, which cannot be sent the key as a header: the key is traded for a
// short-lived HttpOnly cookie scoped to /ops/jobs, then the browser goes there.

import { $ } from './dom.js';
import { currentKey, showBanner } from './key.js';

export async function openJobsDashboard() {
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

export class ApiError extends Error {
  constructor(status, title, detail) {
    super(detail ? `${title}: ${detail}` : title);
    this.status = status;
    this.title = title;
    this.detail = detail;
  }
}

export async function api(path, asText = false) {
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

export function describeError(error, what) {
  if (error instanceof ApiError) {
    if (error.status === 401) return `Could not load ${what}: the key was not accepted (401).`;
    if (error.status === 403) return `Could not load ${what}: this key is not allowed (403).`;
    return `Could not load ${what}: ${error.message}`;
  }
  return `Could not load ${what}: ${error && error.message ? error.message : error}`;
}
