/*
 * Parley widget. Embed with:
 *   <div id="parley" data-thread="optional-key"></div>
 *   <script src="https://HOST/embed.js" async></script>
 * Plain script, no build step, no requests to anyone but HOST. Sections, in order: helpers and
 * strings, REST, the comment tree (view), forms, arrivals (live), the socket, and mount (the glue).
 *
 * Invariant: the only markup ever parsed is a comment's server-sanitized `html`, checked again by
 * safeHtml; every other string reaches the page as text (textContent / Text nodes).
 */
(() => {
  'use strict';

  // currentScript exists only while this file first runs, so read it before anything waits.
  const me = document.currentScript || document.querySelector('script[src$="/embed.js"]');
  const BASE = new URL(me ? me.src : '/embed.js', location.href).origin;
  const MAX_BODY = 8000;
  const MAX_AUTHOR = 64;
  const COUNT_FROM = 7000;    // the character counter shows from here on
  const MAX_DEPTH = 3;        // deeper replies stay at this indent, with a "replying to NAME" hint
  const PAGE = 500;           // the server's largest page
  const DEAD_AFTER = 35000;   // the server pings every 25 s and waits 10 s for the answer
  const NAME_KEY = 'parley.name';
  const SEND_KEY = /Mac|iP/.test(navigator.platform) ? '⌘' : 'Ctrl';

  /* ---------- helpers and strings ---------- */

  const STRINGS = {
    en: {
      title: 'Comments',
      count: n => (n === 1 ? '1 comment' : `${n} comments`),
      connecting: 'connecting…',
      live: 'live',
      reconnecting: 'reconnecting…',
      reading: n => `${n} reading now`,
      order: 'Order',
      newest: 'Newest first',
      oldest: 'Oldest first',
      name: 'Name',
      comment: 'Comment',
      replyText: 'Reply',
      placeholder: 'Join the discussion (Markdown works)',
      hint: `${SEND_KEY}+Enter to send`,
      post: 'Post',
      cancel: 'Cancel',
      reply: 'Reply',
      replyTo: name => `Reply to ${name}`,
      replyingTo: name => `replying to ${name}`,
      sending: 'sending…',
      edited: 'edited',
      deleted: 'This comment was deleted.',
      justNow: 'just now',
      empty: 'No comments yet. Start the conversation!',
      loadFailed: 'Comments could not be loaded yet. Retrying…',
      left: n => (n >= 0 ? `${n} characters left` : `${-n} characters too many`),
      fresh: n => (n === 1 ? '1 new comment' : `${n} new comments`),
      freshFrom: name => `New comment from ${name}`,
      errors: {
        invalid_author: `Please enter a name (up to ${MAX_AUTHOR} characters).`,
        invalid_body: `Please write a comment (up to ${MAX_BODY} characters).`,
        invalid_parent: 'The comment you replied to no longer exists.',
        rate_limited: 'You are posting too fast. Please wait a moment and try again.',
        other: 'Your comment could not be posted. Please try again.',
      },
    },
    zh: {
      title: '评论',
      count: n => `${n} 条评论`,
      connecting: '正在连接…',
      live: '实时',
      reconnecting: '正在重新连接…',
      reading: n => `${n} 人正在阅读`,
      order: '排序',
      newest: '最新在前',
      oldest: '最早在前',
      name: '昵称',
      comment: '评论',
      replyText: '回复',
      placeholder: '参与讨论（支持 Markdown）',
      hint: `${SEND_KEY}+Enter 发送`,
      post: '发表',
      cancel: '取消',
      reply: '回复',
      replyTo: name => `回复 ${name}`,
      replyingTo: name => `回复 ${name}`,
      sending: '发送中…',
      edited: '已编辑',
      deleted: '此评论已删除。',
      justNow: '刚刚',
      empty: '还没有评论，来说两句吧！',
      loadFailed: '评论暂时无法加载，正在重试…',
      left: n => (n >= 0 ? `还可输入 ${n} 字` : `超出 ${-n} 字`),
      fresh: n => `${n} 条新评论`,
      freshFrom: name => `${name} 发表了新评论`,
      errors: {
        invalid_author: `请填写昵称（最多 ${MAX_AUTHOR} 个字）。`,
        invalid_body: `请填写评论内容（最多 ${MAX_BODY} 个字）。`,
        invalid_parent: '你回复的评论已不存在。',
        rate_limited: '发表太频繁了，请稍等片刻再试。',
        other: '评论发表失败，请重试。',
      },
    },
  };

  // Builds an element; string children become Text nodes, so they are never parsed as markup.
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

  const ALLOWED = /^(P|BR|EM|STRONG|CODE|PRE|UL|OL|LI|BLOCKQUOTE|A)$/; // what the server's Markdown emits

  // The server already sanitizes `html`; this second, allow-list pass means a server bug alone cannot
  // run script here. It parses into an inert <template>, so nothing loads or runs while it checks.
  function safeHtml(html) {
    const t = document.createElement('template');
    t.innerHTML = html;
    (function clean(node) {
      for (const el of [...node.children]) {
        if (!ALLOWED.test(el.tagName)) { el.replaceWith(el.textContent); continue; }
        for (const { name } of [...el.attributes]) {
          if (!(el.tagName === 'A' && name === 'href') && !(el.tagName === 'OL' && name === 'start')) {
            el.removeAttribute(name);
          }
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

  function randomKey() {
    // getRandomValues works on plain-http pages too, unlike crypto.randomUUID.
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    return Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('');
  }

  function loadName() {
    try { return localStorage.getItem(NAME_KEY) || ''; } catch { return ''; } // storage may be blocked
  }
  function saveName(name) {
    try { localStorage.setItem(NAME_KEY, name); } catch { /* storage blocked: just not remembered */ }
  }

  function canonicalPath() {
    const link = document.querySelector('link[rel="canonical"]');
    try { if (link && link.href) return new URL(link.href, location.href).pathname; } catch { /* bad href */ }
    return location.pathname;
  }

  const UNITS = [['year', 31536000], ['month', 2592000], ['day', 86400], ['hour', 3600], ['minute', 60]];

  function relTime(ms, T, rtf) {
    const s = (ms - Date.now()) / 1000;
    if (!(s <= -60)) return T.justNow; // also absorbs a client clock a little behind the server's
    const [unit, size] = UNITS.find(([, size]) => -s >= size);
    return rtf.format(Math.trunc(s / size), unit);
  }

  /* ---------- REST ---------- */

  async function getJson(path) {
    const res = await fetch(BASE + path);
    if (!res.ok) throw new Error(`GET ${path}: HTTP ${res.status}`);
    return res.json();
  }

  // Every comment of the thread, with the `seq` of the first page. Later pages can only be newer, so
  // subscribing with since = that seq replays whatever changed while the pages loaded.
  async function fetchThread(thread) {
    const comments = [];
    let after = 0;
    let seq = null;
    for (let page = 0; page < 200; page++) {
      const query = `thread=${encodeURIComponent(thread)}&after=${after}&limit=${PAGE}`;
      const res = await getJson(`/api/v1/comments?${query}`);
      seq ??= res.seq;
      comments.push(...res.comments);
      if (res.comments.length < PAGE) break;
      after = res.comments[res.comments.length - 1].seq;
    }
    return { seq, comments };
  }

  /* ---------- view: the comment tree ---------- */

  // Owns the list's DOM. A comment is an <article> whose .replies holds its answers up to MAX_DEPTH;
  // deeper answers join their parent's own list, ordered by seq, with a "replying to NAME" hint.
  function createView(list, T, stamp, onReply) {
    const nodes = new Map(); // comment id -> { c, el }
    let newestFirst = true;

    function skeleton(hint, depth) {
      const el = h('article', { class: 'comment', tabindex: '-1', 'data-depth': depth },
        h('div', { class: 'meta' },
          h('span', { class: 'author' }),
          hint != null && h('span', { class: 'to' }, T.replyingTo(hint)),
          h('time'),
          h('span', { class: 'edited', hidden: true }, T.edited),
          h('span', { class: 'sending' }, T.sending)),
        h('div', { class: 'body' }),
        h('div', { class: 'actions' },
          h('button', { type: 'button', class: 'link reply', onclick: () => onReply(el) }, T.reply)),
        h('div', { class: 'replies' }));
      return el;
    }

    function fill(el, c) {
      const $ = sel => el.querySelector(`:scope > ${sel}`);
      el.classList.toggle('deleted', !!c.deleted);
      $('.meta .author').textContent = c.author;
      const time = $('.meta time');
      time.dateTime = c.createdAt;
      stamp(time);
      $('.meta .edited').hidden = !c.editedAt || c.deleted;
      const body = $('.body');
      if (c.deleted) body.replaceChildren(h('p', {}, T.deleted));
      else if (c.html != null) body.replaceChildren(safeHtml(c.html));
      else body.replaceChildren(h('p', {}, c.body)); // an optimistic post: the author's own text
      const reply = $('.actions .reply');
      reply.hidden = !!c.deleted || c.id == null;
      reply.setAttribute('aria-label', T.replyTo(c.author));
    }

    // Where a reply goes: [container, depth, hint].
    function slot(parentId) {
      const p = parentId != null && nodes.get(parentId);
      if (!p) return [list, 0, null];
      const depth = +p.el.dataset.depth;
      if (depth < MAX_DEPTH) return [p.el.querySelector(':scope > .replies'), depth + 1, null];
      return [p.el.parentNode, depth, p.c.author];
    }

    const seqOf = el => +el.dataset.seq; // pending posts carry Infinity: newest of all

    function put(box, el) {
      const seq = seqOf(el);
      const desc = box === list && newestFirst;
      const next = [...box.children].find(x => (desc ? seqOf(x) < seq : seqOf(x) > seq));
      box.insertBefore(el, next || null);
    }

    function create(c, seq, id) {
      const [box, depth, hint] = slot(c.parent);
      const el = skeleton(hint, depth);
      el.dataset.seq = seq;
      if (id != null) { el.dataset.id = id; nodes.set(id, { c, el }); }
      fill(el, c);
      put(box, el);
      return el;
    }

    return {
      has: id => nodes.has(id),
      // Applies a comment's current state; returns its element when it was not shown before.
      upsert(c) {
        const n = nodes.get(c.id);
        if (!n) return create(c, c.seq, c.id);
        n.c = c;
        fill(n.el, c);
        return null;
      },
      addPending(post) {
        const el = create({ ...post, createdAt: new Date().toISOString() }, Infinity, null);
        el.classList.add('pending');
        return el;
      },
      confirm(el, c) {
        el.classList.remove('pending');
        el.dataset.id = c.id;
        el.dataset.seq = c.seq;
        nodes.set(c.id, { c, el });
        fill(el, c);
      },
      author: id => nodes.get(id)?.c.author,
      setOrder(newest) {
        newestFirst = newest;
        const sorted = [...list.children].sort((a, b) => seqOf(a) - seqOf(b) || 0);
        list.append(...(newest ? sorted.reverse() : sorted));
      },
      clear() { list.replaceChildren(); nodes.clear(); },
      count: () => [...nodes.values()].filter(n => !n.c.deleted).length,
    };
  }

  /* ---------- forms ---------- */

  let formIds = 0;

  // One comment form (the top one, or a reply form). onSend gets the trimmed post once it is valid.
  function createForm(T, { parent = null, onSend, onCancel }) {
    const id = `parley-${++formIds}`;
    const name = h('input', { name: 'author', autocomplete: 'nickname', required: true });
    name.value = loadName();
    const text = h('textarea', {
      name: 'body', rows: 3, required: true, placeholder: T.placeholder, 'aria-describedby': `${id}-count ${id}-error`,
    });
    const count = h('span', { class: 'count', id: `${id}-count` });
    const error = h('p', { class: 'error', id: `${id}-error`, role: 'alert', hidden: true });
    const form = h('form', { class: 'form', novalidate: true },
      h('label', { class: 'name' }, T.name, name),
      h('label', {}, h('span', { class: 'sr' }, parent == null ? T.comment : T.replyText), text),
      h('div', { class: 'bar' },
        h('span', { class: 'hint' }, T.hint),
        count,
        onCancel && h('button', { type: 'button', class: 'cancel', onclick: onCancel }, T.cancel),
        h('button', { type: 'submit', class: 'primary' }, T.post)),
      error);

    const showError = code => {
      error.textContent = T.errors[code] || T.errors.other;
      error.hidden = false;
    };
    const recount = () => {
      const left = MAX_BODY - codePoints(text.value.trim());
      count.textContent = MAX_BODY - left >= COUNT_FROM ? T.left(left) : '';
      count.classList.toggle('over', left < 0);
    };

    text.addEventListener('input', recount);
    text.addEventListener('keydown', e => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); form.requestSubmit(); }
    });
    form.addEventListener('keydown', e => { if (e.key === 'Escape' && onCancel) onCancel(); });
    form.addEventListener('submit', e => {
      e.preventDefault();
      const author = name.value.trim();
      const body = text.value.trim();
      if (!author || codePoints(author) > MAX_AUTHOR) { showError('invalid_author'); name.focus(); return; }
      if (!body || codePoints(body) > MAX_BODY) { showError('invalid_body'); text.focus(); return; }
      error.hidden = true;
      saveName(author);
      onSend({ parent, author, body });
    });

    return {
      el: form,
      focus: () => (name.value ? text : name).focus(),
      clear() { text.value = ''; recount(); },
      // A failed post: its text comes back (ahead of anything typed since) with the reason beside it.
      fail(code, body) {
        text.value = text.value.trim() ? `${body}\n\n${text.value}` : body;
        recount();
        showError(code);
      },
    };
  }

  /* ---------- arrivals: keep the reader's place, the "N new" pill, announcements ---------- */

  function createLive(root, T, pill, announcer) {
    const unseen = new Set();
    const seen = new IntersectionObserver(entries => {
      for (const e of entries) if (e.isIntersecting) { unseen.delete(e.target); seen.unobserve(e.target); }
      show();
    });
    let heard = [];
    let announceTimer = 0;

    function show() {
      pill.hidden = unseen.size === 0;
      pill.textContent = `↑ ${T.fresh(unseen.size)}`;
    }
    pill.addEventListener('click', () => {
      const topOf = el => el.getBoundingClientRect().top;
      const top = [...unseen].sort((a, b) => topOf(a) - topOf(b))[0];
      unseen.clear();
      seen.disconnect();
      show();
      if (top) { top.scrollIntoView({ block: 'center' }); top.focus({ preventScroll: true }); }
    });

    // Screen readers hear one polite summary per burst, not one message per comment.
    function announce(author) {
      heard.push(author);
      announceTimer ||= setTimeout(() => {
        announcer.textContent = heard.length === 1 ? T.freshFrom(heard[0]) : T.fresh(heard.length);
        heard = [];
        announceTimer = 0;
      }, 1500);
    }

    return {
      // Runs insert() so that what the reader looks at stays put: the first form or comment header
      // still on screen keeps its position. Browsers with scroll anchoring have usually done this
      // already, and then dy is 0.
      steady(insert) {
        const ref = [...root.querySelectorAll('.form, .meta')].find(el => el.getBoundingClientRect().bottom > 0);
        const y = ref && ref.getBoundingClientRect().top;
        const el = insert();
        const dy = ref && ref.isConnected ? ref.getBoundingClientRect().top - y : 0;
        if (dy) scrollBy(0, dy);
        return el;
      },
      arrived(el, author) {
        el.classList.add('new');
        el.addEventListener('animationend', () => el.classList.remove('new'), { once: true });
        if (el.getBoundingClientRect().bottom <= 0) { unseen.add(el); seen.observe(el); show(); }
        announce(author);
      },
    };
  }

  /* ---------- socket ---------- */

  // At most one socket and one retry timer exist at a time. No reconnect is attempted while the page
  // is hidden; becoming visible or coming back online connects at once. prepare() runs before every
  // connect (it loads the thread over REST when needed); a failure there is retried like a socket's.
  function createSocket(url, { prepare, opened, frame, closed }) {
    let ws = null;
    let attempt = 0;
    let timer = 0;
    let watchdog = 0;
    let preparing = false;

    async function connect(first = false) {
      clearTimeout(timer);
      timer = 0;
      if (ws || preparing || (document.hidden && !first)) return; // the first load may happen unseen
      preparing = true;
      try {
        await prepare();
      } catch (e) {
        console.warn('parley:', e.message);
        closed(0);
        retry(0);
        return;
      } finally {
        preparing = false;
      }
      const s = (ws = new WebSocket(url));
      s.onopen = opened;
      s.onmessage = e => {
        if (s !== ws) return;
        alive();
        try { frame(JSON.parse(e.data)); } catch (err) { console.warn('parley: bad frame', err); }
      };
      s.onclose = e => s === ws && drop(e.code);
      alive(); // the watchdog also covers a connect that hangs
    }

    function alive() {
      clearTimeout(watchdog);
      watchdog = setTimeout(() => drop(0), DEAD_AFTER);
    }

    function drop(code, now = false) {
      const s = ws;
      ws = null;
      clearTimeout(watchdog);
      if (s) { s.onopen = s.onmessage = s.onclose = null; s.close(); }
      closed(code);
      if (now) connect(); else retry(code);
    }

    // Exponential backoff with full jitter: a random wait in [0, min(20 s, 500 ms * 2^attempt)).
    function retry(code) {
      if (timer || document.hidden) return;
      let ms = Math.random() * Math.min(20000, 500 * 2 ** Math.min(attempt++, 6));
      if (code === 1012) ms = Math.random() * 1000;                      // restarting: another node, soon
      if (code === 4429 || code === 1008) ms += 10000 + Math.random() * 20000; // rate limited or refused
      timer = setTimeout(connect, ms);
    }

    document.addEventListener('visibilitychange', () => document.hidden || connect());
    addEventListener('online', () => { attempt = 0; connect(); });

    return {
      connect,
      send(f) { if (ws && ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(f)); },
      healthy() { attempt = 0; },
      restart: () => drop(0, true),
    };
  }

  /* ---------- mount: state and frames ---------- */

  function mount(host) {
    const lang = /^zh/i.test(host.dataset.lang || navigator.language || '') ? 'zh' : 'en';
    const T = STRINGS[lang];
    const locale = lang === 'zh' ? 'zh-CN' : 'en';
    const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    const thread = (host.dataset.thread || canonicalPath()).slice(0, 256);

    const shadow = host.attachShadow({ mode: 'open' });
    const sheet = h('link', { rel: 'stylesheet', href: `${BASE}/embed.css` });
    const count = h('h2', {});
    const status = h('span', { class: 'status', 'data-state': 'connecting' }, T.connecting);
    const online = h('span', { class: 'online', hidden: true });
    const newest = h('button', { type: 'button', 'aria-pressed': 'true' }, T.newest);
    const oldest = h('button', { type: 'button', 'aria-pressed': 'false' }, T.oldest);
    const notice = h('p', { class: 'notice' });
    const list = h('div', { class: 'list' });
    const pill = h('button', { type: 'button', class: 'pill', hidden: true });
    const announcer = h('div', { class: 'sr', 'aria-live': 'polite' });
    const root = h('section', { class: 'parley', lang: locale, hidden: true, 'aria-label': T.title },
      h('div', { class: 'top' }, count, status, online,
        h('div', { class: 'sort', role: 'group', 'aria-label': T.order }, newest, oldest)),
      notice, list, pill, announcer);
    shadow.append(sheet, root);
    // Shown once styled (or once the sheet failed), so the reader never sees a flash of raw markup.
    sheet.onload = sheet.onerror = () => { root.hidden = false; };

    const dark = matchMedia('(prefers-color-scheme: dark)');
    const theme = () => {
      const fixed = /^(light|dark)$/.test(host.dataset.theme) && host.dataset.theme;
      root.dataset.theme = fixed || (dark.matches ? 'dark' : 'light');
    };
    dark.addEventListener('change', theme);
    theme();

    const stamp = time => {
      const ms = Date.parse(time.dateTime);
      time.textContent = relTime(ms, T, rtf);
      time.title = new Date(ms).toLocaleString(locale);
    };
    const restamp = () => shadow.querySelectorAll('time').forEach(stamp);
    setInterval(restamp, 30000);
    document.addEventListener('visibilitychange', () => document.hidden || restamp());

    const pending = new Map(); // request id -> { rid, frame, post, el, form }
    let requests = 0;
    let lastSeq = 0;           // every event of the thread up to here is shown
    let loaded = false;

    const view = createView(list, T, stamp, openReply);
    const live = createLive(shadow, T, pill, announcer);
    const top = createForm(T, { onSend: post => send(post, top, () => top.clear()) });
    root.insertBefore(top.el, notice);

    function counts() {
      const n = view.count();
      const failing = !loaded && status.dataset.state === 'reconnecting';
      count.textContent = T.count(n);
      notice.textContent = failing ? T.loadFailed : T.empty;
      notice.hidden = !failing && !(loaded && n === 0);
    }

    function setOrder(newestFirst) {
      newest.setAttribute('aria-pressed', newestFirst);
      oldest.setAttribute('aria-pressed', !newestFirst);
      view.setOrder(newestFirst);
    }
    newest.onclick = () => setOrder(true);
    oldest.onclick = () => setOrder(false);
    if (host.dataset.order === 'oldest') setOrder(false);

    function openReply(el) {
      const open = el.querySelector(':scope > .form:not([hidden])'); // a hidden one is still sending
      if (open) { open.querySelector('textarea').focus(); return; }
      const button = el.querySelector(':scope > .actions .reply');
      const close = () => { form.el.remove(); button.focus(); };
      const form = createForm(T, {
        parent: +el.dataset.id,
        onCancel: close,
        onSend: post => send(post, form, () => { form.el.hidden = true; }, () => form.el.remove()),
      });
      form.el.setAttribute('aria-label', T.replyTo(view.author(+el.dataset.id)));
      el.insertBefore(form.el, el.querySelector(':scope > .replies'));
      form.focus();
    }

    // Optimistic: the post shows at once, marked pending, and is (re)sent on every socket open
    // until its ack or error. The idempotency key makes those resends safe: one comment, ever.
    function send(post, form, sent, done = () => {}) {
      const rid = `r${++requests}`;
      const frame = { type: 'post', id: rid, key: randomKey(), thread, ...post };
      const el = live.steady(() => view.addPending(post));
      pending.set(rid, { rid, frame, post, el, form, done });
      sent();
      socket.send(frame);
    }

    function settle(p, c) {
      pending.delete(p.rid);
      p.done();
      if (view.has(c.id)) p.el.remove(); else view.confirm(p.el, c);
      counts();
    }

    function fail(p, code) {
      pending.delete(p.rid);
      p.el.remove();
      const form = p.form.el.isConnected ? p.form : top; // a reload may have taken the reply form away
      form.el.hidden = false;
      form.fail(code, p.post.body);
      counts();
    }

    // comment/updated frames carry the comment's current state, so applying one twice is harmless;
    // those at or below lastSeq for a comment already shown are replays of what we have.
    function apply(f) {
      const c = f.comment;
      const known = view.has(c.id);
      if (f.seq <= lastSeq && known) return;
      lastSeq = Math.max(lastSeq, f.seq);
      if (!known && f.type === 'comment') {
        // Our own post can come back live before its ack: adopt the pending copy instead of a twin.
        const mine = [...pending.values()]
          .find(({ post }) => post.parent === c.parent && post.author === c.author && post.body === c.body);
        if (mine) { settle(mine, c); return; }
      }
      const el = live.steady(() => view.upsert(c));
      if (el) live.arrived(el, c.author);
      counts();
    }

    function onFrame(f) {
      if (f.thread != null && f.thread !== thread) return;
      switch (f.type) {
        case 'ping': socket.send({ type: 'pong' }); break;
        case 'subscribed':
          if (f.reset) { loaded = false; socket.restart(); break; } // too far behind: reload over REST
          lastSeq = Math.max(lastSeq, f.seq);
          socket.healthy();
          status.dataset.state = 'live';
          status.textContent = T.live;
          presence(f.online);
          break;
        case 'comment':
        case 'updated': apply(f); break;
        case 'presence': presence(f.online); break;
        case 'ack': { const p = pending.get(f.id); if (p) settle(p, f.comment); break; }
        case 'error': {
          const p = pending.get(f.id);
          if (p) fail(p, f.code); else console.warn('parley:', f.code, f.message);
          break;
        }
        default: break; // fields and frame types may be added later
      }
    }

    function presence(n) {
      online.hidden = !(n > 0);
      online.textContent = T.reading(n);
    }

    async function reload() {
      const { seq, comments } = await fetchThread(thread);
      view.clear();
      for (const c of comments) view.upsert(c);
      for (const p of pending.values()) p.el = view.addPending(p.post);
      lastSeq = seq;
      loaded = true;
      counts();
    }

    const socket = createSocket(`${BASE.replace(/^http/, 'ws')}/ws`, {
      prepare: () => (loaded ? null : reload()),
      opened() {
        socket.send({ type: 'subscribe', thread, since: lastSeq });
        for (const p of pending.values()) socket.send(p.frame);
      },
      frame: onFrame,
      closed() {
        status.dataset.state = 'reconnecting';
        status.textContent = T.reconnecting;
        online.hidden = true;
        counts();
      },
    });
    counts();
    socket.connect(true);
  }

  function start() {
    const host = document.getElementById('parley');
    if (host && !host.shadowRoot) mount(host); // a second copy of this script must not mount twice
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
