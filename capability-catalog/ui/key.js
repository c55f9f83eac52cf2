// The Ops key: kept in sessionStorage (this tab only), or in memory when storage is disabled.

import { $ } from './dom.js';

export const KEY_STORAGE = 'reversepaas.catalog.opsKey';

export let memoryKey = '';

export function getKey() {
  try {
    return sessionStorage.getItem(KEY_STORAGE) || '';
  } catch {
    return '';
  }
}

export function setKey(key) {
  try {
    if (key) sessionStorage.setItem(KEY_STORAGE, key);
    else sessionStorage.removeItem(KEY_STORAGE);
  } catch {
    // Storage can be disabled; the key then lives only until the page is left.
  }
  memoryKey = key;
}

export const currentKey = () => getKey() || memoryKey;

export function showKeyState() {
  const saved = Boolean(currentKey());
  const node = $('api-key-state');
  node.textContent = saved ? 'Key saved for this tab' : 'No key saved';
  node.classList.toggle('saved', saved);
}

export function showBanner(message) {
  const banner = $('auth-message');
  banner.textContent = message;
  banner.hidden = !message;
}
