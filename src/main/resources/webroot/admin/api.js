/*
 * What every part of the moderation page shares: the moderator's session, the API client, and the
 * element builder. Nothing on this page parses markup: every string from the server, comment text
 * included, is set as text.
 */

import { locale, t } from './i18n.js';

const TOKEN_KEY = 'parley.admin';
const SITE_KEY = 'parley.admin.site';

/** A refused API call: the HTTP status, the protocol's error code, and Retry-After in seconds. */
export class ApiError extends Error {
  constructor(status, code, message, retryAfter) {
    super(message || code || `HTTP ${status}`);
    this.status = status;
    this.code = code;
    this.retryAfter = retryAfter;
  }
}

/**
 * The moderator token and the site it moderates live in sessionStorage only: they survive a
 * reload, not the tab. onLost runs when the server stops accepting the token (401, or 403
 * forbidden), so the page can ask again. Every call names the site (docs/sites.md); none means the
 * default site.
 */
export const session = {
  token: read(TOKEN_KEY),
  site: read(SITE_KEY),
  onLost: () => {},
  set(token, site = '') {
    this.token = token;
    this.site = site;
    keep(TOKEN_KEY, token);
    keep(SITE_KEY, site);
  },
  setSite(site) {
    this.site = site;
    keep(SITE_KEY, site);
  },
};

function read(key) {
  try { return sessionStorage.getItem(key) || ''; } catch { return ''; }
}

function keep(key, value) {
  try {
    if (value) sessionStorage.setItem(key, value); else sessionStorage.removeItem(key);
  } catch { /* storage blocked: it lasts until reload */ }
}

/**
 * Calls /api/v1{path} as the moderator, for the session's site or another one the caller names
 * (a card listed from all sites); resolves to the JSON answer (null for 204). A call that only
 * asks whether the token may (mayRefuse) does not count a 403 as a lost session.
 */
export function api(method, path, body, { mayRefuse = false, site = session.site } = {}) {
  // Every state change must say JSON (the server answers 415 otherwise), also without a body.
  const type = method !== 'GET' && method !== 'DELETE' ? 'application/json' : null;
  return call(method, path, type, body === undefined ? undefined : JSON.stringify(body), mayRefuse, site);
}

/** POSTs a file, as it is, to /api/v1{path} (an import); resolves to the JSON answer. */
export function upload(path, file) {
  return call('POST', path, 'application/octet-stream', file);
}

async function call(method, path, type, body, mayRefuse = false, site = session.site) {
  const headers = { Authorization: `Bearer ${session.token}` };
  if (type) headers['Content-Type'] = type;
  const url = site ? `${path}${path.includes('?') ? '&' : '?'}site=${encodeURIComponent(site)}` : path;
  const res = await fetch(`/api/v1${url}`, { method, headers, cache: 'no-store', body });
  if (res.ok) return res.status === 204 ? null : res.json();
  let error = {};
  try { error = (await res.json()).error || {}; } catch { /* not our error shape */ }
  const refused = new ApiError(res.status, error.code, error.message, +res.headers.get('Retry-After') || 0);
  if (res.status === 401 || (res.status === 403 && error.code === 'forbidden' && !mayRefuse)) session.onLost(refused);
  throw refused;
}

/** Builds an element. Children that are strings become Text nodes, never markup. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v == null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : v);
  }
  el.append(...children.flat().filter(c => c != null && c !== false));
  return el;
}

export const $ = selector => document.querySelector(selector);

/** "27 Nov 2026, 21:00:00" in the moderator's locale, from an RFC 3339 time. */
export function when(iso) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? String(iso ?? '') : date.toLocaleString(locale);
}

/** A <time> showing when(iso), with the exact UTC time as its datetime and title. */
export const time = iso => h('time', { datetime: iso, title: iso }, when(iso));

/** The ban durations offered wherever a ban is made; one day unless the moderator picks another. */
export const DURATIONS = [
  ['hour1', 3600], ['day1', 86400], ['week1', 604800], ['days30', 2592000], ['year1', 31536000],
];

export function fillDurations(select) {
  select.replaceChildren(...DURATIONS.map(([label, seconds]) =>
    h('option', { value: seconds, selected: seconds === 86400 }, t(label))));
  return select;
}

/** Shows a result: notices politely; problems (a message, or a failed call) as an alert. */
export function tell(text) {
  $('#problem').hidden = true;
  $('#notice').textContent = text;
}

export function complain(error) {
  const problem = $('#problem');
  problem.textContent = describe(error);
  problem.hidden = false;
}

function describe(error) {
  if (typeof error === 'string') return error;
  if (!(error instanceof ApiError)) return t('unreachable', { message: error.message });
  if (error.status === 429) return t('tooMany', { seconds: error.retryAfter || t('aFew') });
  return t('refused', { message: `${error.message}${error.code ? ` (${error.code})` : ''}` });
}

/** Asks in the page's own modal dialog (Escape cancels); resolves to true when confirmed. */
export function confirmAction(title, text, action) {
  const dialog = $('#confirm');
  $('#confirm-title').textContent = title;
  $('#confirm-text').textContent = text;
  $('#confirm-ok').textContent = action;
  return new Promise(resolve => {
    const done = ok => {
      $('#confirm-ok').onclick = $('#confirm-cancel').onclick = dialog.onclose = null;
      if (dialog.open) dialog.close();
      resolve(ok);
    };
    $('#confirm-ok').onclick = () => done(true);
    $('#confirm-cancel').onclick = () => done(false);
    dialog.onclose = () => done(false);
    dialog.showModal();
    $('#confirm-cancel').focus(); // the safe choice has focus
  });
}
