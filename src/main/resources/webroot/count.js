// Parley comment counts (docs/widget.md): for a page of links, such as a blog's index. Every element
// with a data-parley-count attribute gets its thread's count as text ("3 comments"), all in one
// request per 100 threads. The thread is the attribute's value, or for a link left empty, the path
// of its href: the thread the widget uses by default on that page.
(() => {
  'use strict';

  const me = document.currentScript || document.querySelector('script[src$="/count.js"]');
  const BASE = new URL(me ? me.src : '/count.js', location.href).origin;
  const zh = /^zh/i.test((me && me.dataset.lang) || navigator.language || '');
  const say = n => (zh ? `${n} 条评论` : n === 1 ? '1 comment' : `${n} comments`);

  const threadOf = el => {
    if (el.dataset.parleyCount) return el.dataset.parleyCount.slice(0, 256);
    if (!el.href) return null; // empty, and not a link: nothing to count
    try { return new URL(el.href, location.href).pathname; } catch { return null; }
  };

  async function fill() {
    const wanted = new Map(); // thread -> elements showing its count
    for (const el of document.querySelectorAll('[data-parley-count]')) {
      const thread = threadOf(el);
      if (thread) wanted.set(thread, [...(wanted.get(thread) || []), el]);
    }
    const threads = [...wanted.keys()];
    for (let i = 0; i < threads.length; i += 100) {
      const query = new URLSearchParams(threads.slice(i, i + 100).map(t => ['thread', t]));
      try {
        const res = await fetch(`${BASE}/api/v1/counts?${query}`);
        if (!res.ok) throw new Error(`counts: ${res.status}`);
        const { counts } = await res.json();
        for (const [thread, n] of Object.entries(counts)) {
          for (const el of wanted.get(thread) || []) el.textContent = say(n);
        }
      } catch (e) {
        console.warn('parley:', e.message); // the elements keep the page's own text
      }
    }
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', fill);
  else fill();
})();
