// DOM helpers: every node is built with these, and text only ever goes in as text.

export const $ = (id) => document.getElementById(id);

export function el(tag, attrs, ...children) {
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

export function append(node, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(node, child);
    else node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function replace(container, ...children) {
  container.replaceChildren();
  append(container, children);
}

// Ids and paths break after '.', '-' and '/' rather than mid-word.
export function breakable(text) {
  const parts = String(text).split(/(?<=[./\\-])/);
  return parts.flatMap((part, i) => (i < parts.length - 1 ? [part, document.createElement('wbr')] : [part]));
}

export const placeholder = (text) => el('p', { class: 'placeholder', text });
export const errorText = (text, testid) => el('p', { class: 'error-text', role: 'alert', testid, text });

export function formatTime(iso) {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? String(iso) : date.toLocaleString();
}
