// Parley widget (docs/widget.md). Invariant: only sanitized `html` from the server (a comment's, a preview's) is parsed as markup.
(() => {
  'use strict';

  const me = document.currentScript || document.querySelector('script[src$="/embed.js"]');
  const BASE = new URL(me ? me.src : '/embed.js', location.href).origin;
  const MAX_BODY = 8000;
  const MAX_AUTHOR = 64;
  const MAX_DEPTH = 3;
  const PAGE = 500;
  const DEAD_AFTER = 35000; // the server pings every 25 s, then waits 10 s
  const NAME = 'parley.name';
  const TOKEN = `parley.token@${BASE}`;
  const MINE = `parley.mine@${BASE}`;
  const SEND_KEY = /Mac|iP/.test(navigator.platform) ? '⌘' : 'Ctrl';

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
      placeholder: 'Join the discussion (Markdown works)',
      hint: `${SEND_KEY}+Enter to send`,
      post: 'Post',
      preview: 'Preview',
      save: 'Save',
      cancel: 'Cancel',
      reply: 'Reply',
      edit: 'Edit',
      del: 'Delete',
      sure: 'Delete for good?',
      replyTo: name => `Reply to ${name}`,
      replyingTo: name => `replying to ${name}`,
      you: 'You',
      verified: 'Verified',
      sending: 'sending…',
      held: 'waiting for approval',
      edited: 'edited',
      deleted: 'This comment was deleted.',
      justNow: 'just now',
      empty: 'No comments yet. Start the conversation!',
      loadFailed: 'Comments could not be loaded yet. Retrying…',
      left: n => (n >= 0 ? `${n} characters left` : `${-n} characters too many`),
      fresh: n => (n === 1 ? '1 new comment' : `${n} new comments`),
      freshFrom: name => `New comment from ${name}`,
      wait: s => `Too fast. Please try again in ${s} s.`,
      errors: {
        invalid_author: `Please enter a name (up to ${MAX_AUTHOR} characters).`,
        invalid_body: `Please write a comment (up to ${MAX_BODY} characters).`,
        invalid_parent: 'The comment you replied to no longer exists.',
        rate_limited: 'You are posting too fast. Please wait a moment and try again.',
        banned: 'You can no longer comment here.',
        thread_locked: 'This discussion is closed to new comments.',
        blocked_content: 'Your comment has words or links that are not allowed here.',
        duplicate: 'You already posted this comment.',
        too_many_links: 'Your comment has too many links.',
        edit_window_closed: 'This comment can no longer be changed.',
        forbidden: 'You can only change your own comments.',
        unauthorized: 'Your sign-in could not be verified. Please reload the page.',
        other: 'Something went wrong. Please try again.',
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
      placeholder: '参与讨论（支持 Markdown）',
      hint: `${SEND_KEY}+Enter 发送`,
      post: '发表',
      preview: '预览',
      save: '保存',
      cancel: '取消',
      reply: '回复',
      edit: '编辑',
      del: '删除',
      sure: '确定删除？',
      replyTo: name => `回复 ${name}`,
      replyingTo: name => `回复 ${name}`,
      you: '你',
      verified: '已验证',
      sending: '发送中…',
      held: '等待审核',
      edited: '已编辑',
      deleted: '此评论已删除。',
      justNow: '刚刚',
      empty: '还没有评论，来说两句吧！',
      loadFailed: '评论暂时无法加载，正在重试…',
      left: n => (n >= 0 ? `还可输入 ${n} 字` : `超出 ${-n} 字`),
      fresh: n => `${n} 条新评论`,
      freshFrom: name => `${name} 发表了新评论`,
      wait: s => `操作太频繁，请 ${s} 秒后再试。`,
      errors: {
        invalid_author: `请填写昵称（最多 ${MAX_AUTHOR} 个字）。`,
        invalid_body: `请填写评论内容（最多 ${MAX_BODY} 个字）。`,
        invalid_parent: '你回复的评论已不存在。',
        rate_limited: '发表太频繁了，请稍等片刻再试。',
        banned: '你已被禁止在此评论。',
        thread_locked: '此讨论已关闭，不能再发表评论。',
        blocked_content: '评论中含有不允许的词语或链接。',
        duplicate: '你已经发表过相同的评论。',
        too_many_links: '评论中的链接太多了。',
        edit_window_closed: '此评论已超过可修改的时间。',
        forbidden: '你只能修改自己的评论。',
        unauthorized: '身份验证失败，请刷新页面。',
        other: '出错了，请重试。',
      },
    },
  };

  const say = (T, code, s) => (code === 'rate_limited' && s > 0 ? T.wait(s) : T.errors[code] || T.errors.other);

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

  const memory = {};
  function store(key, value) {
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

  const UNITS = [['year', 31536000], ['month', 2592000], ['day', 86400], ['hour', 3600], ['minute', 60]];

  function relTime(ms, T, rtf) {
    const s = (ms - Date.now()) / 1000;
    if (!(s <= -60)) return T.justNow;
    const [unit, size] = UNITS.find(([, size]) => -s >= size);
    return rtf.format(Math.trunc(s / size), unit);
  }

  // With the first page's seq: subscribing since it replays whatever changed while pages loaded.
  async function fetchThread(thread) {
    const comments = [];
    let after = 0;
    let seq = null;
    for (let page = 0; page < 200; page++) {
      const query = `thread=${encodeURIComponent(thread)}&after=${after}&limit=${PAGE}`;
      const res = await fetch(`${BASE}/api/v1/comments?${query}`);
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const json = await res.json();
      seq ??= json.seq;
      comments.push(...json.comments);
      if (json.comments.length < PAGE) break;
      after = json.comments[json.comments.length - 1].seq;
    }
    return { seq, comments };
  }

  // own(c): the ms left to edit c.
  function createView(list, T, stamp, own, act) {
    const nodes = new Map();
    let newestFirst = true;

    function skeleton(hint, depth) {
      const el = h('article', { class: 'comment', tabindex: '-1', 'data-depth': depth },
        h('div', { class: 'meta' },
          h('span', { class: 'author' }),
          h('span', { class: 'verified', role: 'img', 'aria-label': T.verified, hidden: true }, '✓'),
          hint != null && h('span', { class: 'to' }, T.replyingTo(hint)),
          h('time'),
          h('span', { class: 'edited', hidden: true }, T.edited),
          h('span', { class: 'sending' })),
        h('div', { class: 'body' }),
        h('div', { class: 'actions' }, ...['reply', 'edit', 'del'].map(k => h('button', {
          type: 'button',
          class: `link ${k}`,
          onclick: e => act(k, el, e.currentTarget),
          onblur: e => { e.currentTarget.textContent = T[k]; }, // Delete asks once more
        }, T[k]))),
        h('p', { class: 'error', role: 'alert', hidden: true }),
        h('div', { class: 'replies' }));
      return el;
    }

    function fill(el, c) {
      const $ = sel => el.querySelector(`:scope > ${sel}`);
      el.classList.toggle('deleted', !!c.deleted);
      el.classList.toggle('held', !!c.pending);
      el.dataset.seq = c.seq || Infinity;
      $('.meta .author').textContent = c.author;
      const had = $('.meta .avatar');
      const src = /^https:\/\//.test(c.avatar) && !c.deleted && c.avatar;
      // A failed avatar is hidden, not removed: the next fill would load it again.
      if (had?.getAttribute('src') !== src) {
        had?.remove();
        const img = src && h('img', { class: 'avatar', alt: '', referrerpolicy: 'no-referrer', loading: 'lazy' });
        if (img) { img.onerror = () => { img.hidden = true; }; img.src = src; $('.meta').prepend(img); }
      }
      $('.meta .verified').hidden = !c.verified || c.deleted;
      $('.meta .sending').textContent = c.pending ? T.held : T.sending;
      const time = $('.meta time');
      time.dateTime = c.createdAt;
      stamp(time);
      $('.meta .edited').hidden = !c.editedAt || c.deleted;
      const body = $('.body');
      if (c.deleted) body.replaceChildren(h('p', {}, T.deleted));
      else if (c.html != null) body.replaceChildren(safeHtml(c.html));
      else body.replaceChildren(h('p', {}, c.body));
      const reply = $('.actions .reply');
      reply.hidden = c.deleted || c.pending || c.id == null;
      reply.setAttribute('aria-label', T.replyTo(c.author));
      const left = c.id == null || c.deleted ? 0 : own(c);
      $('.actions .edit').hidden = $('.actions .del').hidden = !(left > 0);
      const again = () => nodes.get(c.id)?.el === el && fill(el, nodes.get(c.id).c);
      if (left > 0) setTimeout(again, Math.min(left + 99, 2e9)); // hides them when the window closes
    }

    function slot(parentId) {
      const p = parentId != null && nodes.get(parentId);
      if (!p) return [list, 0, null];
      const depth = +p.el.dataset.depth;
      if (depth < MAX_DEPTH) return [p.el.querySelector(':scope > .replies'), depth + 1, null];
      return [p.el.parentNode, depth, p.c.author];
    }

    const seqOf = el => +el.dataset.seq;

    function put(box, el) {
      const seq = seqOf(el);
      const desc = box === list && newestFirst;
      const next = [...box.children].find(x => (desc ? seqOf(x) < seq : seqOf(x) > seq));
      box.insertBefore(el, next || null);
    }

    function create(c, id) {
      const [box, depth, hint] = slot(c.parent);
      const el = skeleton(hint, depth);
      if (id != null) { el.dataset.id = id; nodes.set(id, { c, el }); }
      fill(el, c);
      put(box, el);
      return el;
    }

    return {
      has: id => nodes.has(id),
      get: id => nodes.get(id)?.c,
      upsert(c) {
        const n = nodes.get(c.id);
        if (!n) return create(c, c.id);
        n.c = c;
        fill(n.el, c);
        return null;
      },
      refill(id) { const n = nodes.get(id); if (n) fill(n.el, n.c); },
      addPending(post) {
        const el = create({ ...post, author: post.author ?? T.you, createdAt: new Date().toISOString() }, null);
        el.classList.add('pending');
        return el;
      },
      confirm(el, c) {
        el.classList.remove('pending');
        el.dataset.id = c.id;
        nodes.set(c.id, { c, el });
        fill(el, c);
      },
      setOrder(newest) {
        newestFirst = newest;
        const sorted = [...list.children].sort((a, b) => seqOf(a) - seqOf(b) || 0);
        list.append(...(newest ? sorted.reverse() : sorted));
      },
      clear() { list.replaceChildren(); nodes.clear(); },
      count: () => [...nodes.values()].filter(n => !n.c.deleted && !n.c.pending).length,
    };
  }

  let formIds = 0;

  function createForm(T, { parent = null, edit, sso, onSend, onCancel }) {
    const id = `parley-${++formIds}`;
    const named = edit == null && !sso;
    const name = h('input', { name: 'author', autocomplete: 'nickname', required: true });
    name.value = store(NAME) || '';
    const text = h('textarea', {
      name: 'body', rows: 3, required: true, placeholder: T.placeholder, 'aria-describedby': `${id}-count ${id}-error`,
    });
    text.value = edit || '';
    const trap = h('input', { name: 'website', tabindex: '-1', autocomplete: 'off' });
    const count = h('span', { class: 'count', id: `${id}-count` });
    const error = h('p', { class: 'error', id: `${id}-error`, role: 'alert', hidden: true });
    const field = h('label', {}, h('span', { class: 'sr' }, edit != null ? T.edit : parent == null ? T.comment : T.reply), text);
    // The server's own rendering of the draft, sanitized as a posted comment is.
    const preview = h('div', { class: 'body preview', tabindex: '-1', hidden: true });
    const toggle = h('button', { type: 'button', class: 'toggle', 'aria-pressed': 'false', onclick: () => (preview.hidden ? look() : write(true)) }, T.preview);
    const form = h('form', { class: 'form', novalidate: true },
      named && h('label', { class: 'name' }, T.name, name),
      field,
      preview,
      h('div', { class: 'sr', 'aria-hidden': 'true' }, trap),
      h('div', { class: 'bar' },
        h('span', { class: 'hint' }, T.hint),
        count,
        onCancel && h('button', { type: 'button', class: 'cancel', onclick: onCancel }, T.cancel),
        toggle,
        h('button', { type: 'submit', class: 'primary' }, edit != null ? T.save : T.post)),
      error);

    const show = (code, s) => {
      error.textContent = say(T, code, s);
      error.hidden = false;
    };
    const recount = () => {
      const left = MAX_BODY - codePoints(text.value.trim());
      count.textContent = left <= 1000 ? T.left(left) : '';
      count.classList.toggle('over', left < 0);
    };

    const write = focus => {
      preview.hidden = true;
      field.hidden = false;
      toggle.setAttribute('aria-pressed', 'false');
      if (focus) text.focus();
    };
    async function look() {
      const body = text.value.trim();
      if (!body || codePoints(body) > MAX_BODY) { show('invalid_body'); text.focus(); return; }
      let code, res;
      try {
        res = await fetch(`${BASE}/api/v1/preview`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ body }) });
        const answer = await res.json();
        if (res.ok) {
          error.hidden = true;
          preview.replaceChildren(safeHtml(answer.html));
          field.hidden = true;
          preview.hidden = false;
          toggle.setAttribute('aria-pressed', 'true');
          return;
        }
        code = answer.error.code;
      } catch { /* the generic message */ }
      show(code, res && res.headers.get('Retry-After'));
    }

    text.addEventListener('input', recount);
    text.addEventListener('keydown', e => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); form.requestSubmit(); }
    });
    form.addEventListener('keydown', e => { if (e.key === 'Escape' && onCancel) onCancel(); });
    form.addEventListener('submit', e => {
      e.preventDefault();
      const author = named ? name.value.trim() : undefined;
      const body = text.value.trim();
      if (named && (!author || codePoints(author) > MAX_AUTHOR)) { show('invalid_author'); name.focus(); return; }
      if (!body || codePoints(body) > MAX_BODY) { show('invalid_body'); text.focus(); return; }
      error.hidden = true;
      if (named) store(NAME, author);
      onSend({ parent, author, body, website: trap.value });
    });

    return {
      el: form,
      show,
      focus: () => (named && !name.value ? name : text).focus(),
      clear() { text.value = ''; recount(); write(); },
      fail(code, body) {
        text.value = text.value.trim() ? `${body}\n\n${text.value}` : body;
        recount();
        write();
        show(code);
      },
    };
  }

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

    function announce(author) {
      heard.push(author);
      announceTimer ||= setTimeout(() => {
        announcer.textContent = heard.length === 1 ? T.freshFrom(heard[0]) : T.fresh(heard.length);
        heard = [];
        announceTimer = 0;
      }, 1500);
    }

    return {
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

  function createSocket(url, { prepare, opened, frame, closed }) {
    let ws = null, attempt = 0, timer = 0, watchdog = 0, preparing = false;

    async function connect(first = false) {
      clearTimeout(timer);
      timer = 0;
      if (ws || preparing || (document.hidden && !first)) return;
      preparing = true;
      try {
        await prepare();
      } catch (e) {
        console.warn('parley:', e.message);
        closed();
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
      alive();
    }

    function alive() {
      clearTimeout(watchdog);
      watchdog = setTimeout(() => drop(0), DEAD_AFTER);
    }

    function drop(code, now) {
      const s = ws;
      ws = null;
      clearTimeout(watchdog);
      if (s) { s.onopen = s.onmessage = s.onclose = null; s.close(); }
      closed();
      if (now) connect(); else retry(code);
    }

    // Full jitter: a random wait in [0, min(20 s, 500 ms * 2^attempt)).
    function retry(code) {
      if (timer || document.hidden) return;
      let ms = Math.random() * Math.min(20000, 500 * 2 ** Math.min(attempt++, 6));
      if (code === 1012) ms = Math.random() * 1000;
      if (code === 4429 || code === 1008) ms += 10000 + Math.random() * 20000;
      timer = setTimeout(connect, ms);
    }

    document.addEventListener('visibilitychange', () => document.hidden || connect());
    addEventListener('online', () => { attempt = 0; connect(); });

    return {
      connect,
      send: f => ws?.readyState === 1 && (ws.send(JSON.stringify(f)), true),
      healthy() { attempt = 0; },
      restart: () => drop(0, true),
    };
  }

  function mount(host) {
    const { dataset } = host;
    const lang = /^zh/i.test(dataset.lang || navigator.language || '') ? 'zh' : 'en';
    const T = STRINGS[lang];
    const locale = lang === 'zh' ? 'zh-CN' : 'en';
    const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    const thread = (dataset.thread || canonicalPath()).slice(0, 256);
    const sso = dataset.sso || undefined;
    const editMs = (+dataset.editWindow || 15) * 60000;

    const shadow = host.attachShadow({ mode: 'open' });
    const sheet = h('link', { rel: 'stylesheet', href: `${BASE}/embed.css` });
    const count = h('h2');
    const status = h('span', { class: 'status', 'data-state': 'connecting' }, T.connecting);
    const online = h('span', { class: 'online', hidden: true });
    const newest = h('button', { type: 'button', 'aria-pressed': 'true', onclick: () => setOrder(true) }, T.newest);
    const oldest = h('button', { type: 'button', 'aria-pressed': 'false', onclick: () => setOrder(false) }, T.oldest);
    const notice = h('p', { class: 'notice' });
    const list = h('div', { class: 'list' });
    const pill = h('button', { type: 'button', class: 'pill', hidden: true });
    const announcer = h('div', { class: 'sr', 'aria-live': 'polite' });
    const root = h('section', { class: 'parley', lang: locale, hidden: true, 'aria-label': T.title },
      h('div', { class: 'top' }, count, status, online,
        h('div', { class: 'sort', role: 'group', 'aria-label': T.order }, newest, oldest)),
      notice, list, pill, announcer);
    shadow.append(sheet, root);
    sheet.onload = sheet.onerror = () => { root.hidden = false; };

    const dark = matchMedia('(prefers-color-scheme: dark)');
    const theme = () => {
      root.dataset.theme = /^(light|dark)$/.test(dataset.theme) ? dataset.theme : dark.matches ? 'dark' : 'light';
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

    // Own comment id -> the server's editableUntil in ms (null: an older entry, or an older server).
    let mine;
    try { mine = new Map(JSON.parse(store(MINE)).map(e => [].concat(e))); } catch { mine = new Map(); }
    const remember = (id, until) => store(MINE, JSON.stringify([...mine.set(id, until)].slice(-50)));

    const pending = new Map();
    let requests = 0;
    let lastSeq = 0; // every event up to here is shown
    let loaded = false;

    const editLeft = c => (mine.get(c.id) ?? Date.parse(c.createdAt) + editMs) - Date.now();
    const view = createView(list, T, stamp, c => (mine.has(c.id) ? editLeft(c) : 0),
      (kind, el, button) => (kind === 'reply' ? openReply : kind === 'edit' ? openEdit : remove)(el, button));
    const live = createLive(shadow, T, pill, announcer);
    const top = createForm(T, { sso, onSend: post => send(post, top, () => top.clear()) });
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
    if (dataset.order === 'oldest') setOrder(false);

    function inline(el, button, options, where) {
      const close = () => { form.el.remove(); el.classList.remove('editing'); button.focus(); };
      const form = createForm(T, { sso, ...options(close), onCancel: close });
      el.insertBefore(form.el, el.querySelector(where));
      form.focus();
      return form;
    }

    function openReply(el, button) {
      const open = el.querySelector(':scope > .form:not(.editor, [hidden])');
      if (open) return open.querySelector('textarea').focus();
      const form = inline(el, button, close => ({
        parent: +el.dataset.id,
        onSend: post => send(post, form, () => { form.el.hidden = true; }, () => form.el.remove()),
      }), ':scope > .replies');
      form.el.setAttribute('aria-label', T.replyTo(view.get(+el.dataset.id).author));
    }

    function openEdit(el, button) {
      if (el.classList.contains('editing')) return;
      const id = +el.dataset.id;
      el.classList.add('editing');
      const form = inline(el, button, close => ({
        edit: view.get(id).body,
        onSend: async ({ body }) => {
          const c = await change(id, 'PATCH', { body }, form.show);
          if (c) { view.upsert(c); close(); }
        },
      }), ':scope > .body');
      form.el.classList.add('editor');
    }

    async function remove(el, button) {
      if (button.textContent !== T.sure) { button.textContent = T.sure; return; }
      const id = +el.dataset.id;
      const note = el.querySelector(':scope > .error');
      note.hidden = !(await change(id, 'DELETE', null, (code, s) => { note.textContent = say(T, code, s); }));
      if (note.hidden) {
        view.upsert({ ...view.get(id), deleted: true, author: '', body: '', html: '' });
        counts();
      }
    }

    const call = (path, method, body, headers, token = store(TOKEN)) => fetch(`${BASE}/api/v1/comments${path}`, {
      method,
      headers: { 'Content-Type': 'application/json', ...headers, ...token && { Authorization: `Bearer ${token}` } },
      body: body && JSON.stringify(body),
    });

    // The server has the last word on the edit window.
    async function change(id, method, body, show) {
      let code, res;
      try {
        res = await call(`/${id}`, method, body);
        if (res.ok) return res.status === 204 || await res.json();
        code = (await res.json()).error.code;
      } catch { /* the generic message */ }
      if (code === 'edit_window_closed' || code === 'forbidden') { mine.delete(id); view.refill(id); }
      show(code, res && res.headers.get('Retry-After'));
    }

    // Shown at once and (re)sent on every open until ack or error; its key makes resends safe.
    function send(post, form, sent, done = () => {}) {
      const rid = `r${++requests}`;
      const key = crypto.getRandomValues(new Uint32Array(4)).join('-');
      const p = { rid, frame: { type: 'post', id: rid, key, thread, sso, ...post }, post, form, done };
      p.el = live.steady(() => view.addPending(post));
      pending.set(rid, p);
      sent();
      if (!socket.send(wire(p))) rest(p);
    }

    // No socket (down, or refused to a banned address): REST at once. One key, so one comment.
    async function rest(p) {
      try {
        const res = await call('', 'POST', { thread, sso, ...p.post }, { 'Idempotency-Key': p.frame.key });
        if (res.status >= 500) return; // the socket resends it
        const { authorToken, editableUntil, error, ...comment } = await res.json();
        onFrame(res.ok ? { type: 'ack', id: p.rid, comment, authorToken, editableUntil }
          : { type: 'error', id: p.rid, code: error.code });
      } catch { /* offline: the socket resends it */ }
    }

    const wire = p => ({ ...p.frame, token: store(TOKEN) || undefined });

    function settle(p, c) {
      pending.delete(p.rid);
      p.done();
      if (view.has(c.id)) p.el.remove(); else view.confirm(p.el, c);
      counts();
    }

    function fail(p, code) {
      pending.delete(p.rid);
      p.el.remove();
      // A token of an old secret would refuse every post: start afresh.
      if (code === 'unauthorized' && !sso) store(TOKEN, '');
      const form = p.form.el.isConnected ? p.form : top;
      form.el.hidden = false;
      form.fail(code, p.post.body);
      counts();
    }

    // Frames carry current state: applying twice is harmless; at or below lastSeq, a known one is old.
    function apply(f) {
      const c = f.comment;
      const known = view.has(c.id);
      if (f.seq <= lastSeq && known) return;
      lastSeq = Math.max(lastSeq, f.seq);
      if (!known && f.type === 'comment') {
        // Our post, back before its ack: adopt the pending copy.
        const ours = [...pending.values()].find(({ post }) =>
          post.parent === c.parent && (post.author ?? c.author) === c.author && post.body === c.body);
        if (ours) return settle(ours, c);
      }
      const el = live.steady(() => view.upsert(c));
      if (el) live.arrived(el, c.author);
      counts();
    }

    function onFrame(f) {
      if (f.thread != null && f.thread !== thread) return;
      const p = pending.get(f.id);
      switch (f.type) {
        case 'ping': socket.send({ type: 'pong' }); break;
        case 'subscribed':
          if (f.reset) { loaded = false; socket.restart(); break; }
          lastSeq = Math.max(lastSeq, f.seq);
          socket.healthy();
          status.dataset.state = 'live';
          status.textContent = T.live;
          presence(f.online);
          break;
        case 'comment':
        case 'updated': apply(f); break;
        case 'presence': presence(f.online); break;
        case 'ack':
          if (f.authorToken) store(TOKEN, f.authorToken);
          remember(f.comment.id, Date.parse(f.editableUntil) || null);
          if (p) settle(p, f.comment); else view.refill(f.comment.id);
          break;
        case 'error': if (p) fail(p, f.code); else console.warn('parley:', f.code, f.message); break;
        default: break;
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
        for (const p of pending.values()) socket.send(wire(p));
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
    if (host && !host.shadowRoot) mount(host);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
