// The ground every other file of the widget stands on (docs/widget.md, "Source"): where its server
// is, the limits of a comment, and the DOM and storage helpers. The server joins the core's files
// inside one strict-mode function, so these names are shared by the files and hidden from the page.
// Invariant: only sanitized `html` from the server (a comment's, a preview's) is parsed as markup,
// and only through safeHtml.

const me = document.currentScript || document.querySelector('script[src$="/embed.js"]');
const BASE = new URL(me ? me.src : '/embed.js', location.href).origin;
const MAX_BODY = 8000;
const MAX_AUTHOR = 64;

function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v == null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : v);
  }
  el.append(...children.filter(c => c != null && c !== false));
  return el;
}

const ALLOWED = /^(P|BR|EM|STRONG|CODE|PRE|UL|OL|LI|BLOCKQUOTE|A)$/;

// A server bug alone must not run script here. An inert <template> loads and runs nothing.
function safeHtml(html) {
  const t = document.createElement('template');
  t.innerHTML = html;
  (function clean(node) {
    for (const el of [...node.children]) {
      if (!ALLOWED.test(el.tagName)) { el.replaceWith(el.textContent); continue; }
      for (const { name } of [...el.attributes]) {
        if (!/^(A href|OL start)$/.test(`${el.tagName} ${name}`)) el.removeAttribute(name);
      }
      if (el.tagName === 'A') {
        if (!/^(https?|mailto):$/.test(el.protocol)) el.removeAttribute('href');
        el.rel = 'nofollow ugc noopener noreferrer';
        el.target = '_blank';
      }
      clean(el);
    }
  })(t.content);
  return t.content;
}

const codePoints = s => [...s].length;

// localStorage, or this page view's memory where storage is blocked. Keys end in the page's
// data-storage-key (set by mount before anything is stored), so two widgets of one origin (the
// demo's two readers) can keep two identities.
const memory = {};
let space = '';
// data-site: which of the server's sites the page belongs to, as a query prefix on every call.
let site = '';
function store(key, value) {
  key += space;
  try {
    if (value === undefined) return localStorage.getItem(key);
    memory[key] = value;
    localStorage.setItem(key, value);
  } catch { return memory[key] ?? null; }
  return null;
}

function canonicalPath() {
  const link = document.querySelector('link[rel="canonical"]');
  try { if (link && link.href) return new URL(link.href, location.href).pathname; } catch { /* bad */ }
  return location.pathname;
}
