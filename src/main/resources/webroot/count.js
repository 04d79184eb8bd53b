// Parley comment counts (docs/widget.md): for a page of links, such as a blog's index. Every element
// with a data-parley-count attribute gets its thread's count as text ("3 comments"), all in one
// request per 100 threads. The thread is the attribute's value, or for a link left empty, the path
// of its href: the thread the widget uses by default on that page. The server joins this file after
// widget/core/languages.js (LANGUAGES, pick) inside one strict-mode function.

const me = document.currentScript || document.querySelector('script[src$="/count.js"]');
const BASE = new URL(me ? me.src : '/count.js', location.href).origin;

// "N comments" in each language, by Intl.PluralRules category; '#' is the number, as the locale writes it.
const WORDS = {
  en: { one: '# comment', other: '# comments' },
  zh: { other: '# 条评论' },
  'zh-TW': { other: '# 則留言' },
  ja: { other: '# 件のコメント' },
  ko: { other: '댓글 #개' },
  es: { one: '# comentario', many: '# de comentarios', other: '# comentarios' },
  fr: { one: '# commentaire', many: '# de commentaires', other: '# commentaires' },
  de: { one: '# Kommentar', other: '# Kommentare' },
  pt: { one: '# comentário', many: '# de comentários', other: '# comentários' },
  ru: { one: '# комментарий', few: '# комментария', many: '# комментариев', other: '# комментария' },
  ar: { zero: 'لا تعليقات', one: 'تعليق واحد', two: 'تعليقان', few: '# تعليقات', many: '# تعليقًا', other: '# تعليق' },
};
const code = pick(me && me.dataset.lang);
const site = me && me.dataset.site; // the server's site these pages belong to (data-site, as on embed.js)
const locale = LANGUAGES[code] || 'en';
const rules = new Intl.PluralRules(locale);
const number = new Intl.NumberFormat(locale);
const say = n => (WORDS[code][rules.select(n)] ?? WORDS[code].other).replace('#', number.format(n));

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
    if (site) query.set('site', site);
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
