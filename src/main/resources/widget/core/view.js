// The comment tree on screen (docs/widget.md, "Threads"): one element per comment, found by id,
// replies nested under their parent up to MAX_DEPTH, top-level comments by their date (newest or
// oldest first; seq breaks ties), replies oldest first. Dates, not seqs: an imported comment
// takes a new seq but keeps the date it was written. What a comment says comes only from fill.

const MAX_DEPTH = 3;

// own(c): the ms left to edit c (none for anyone else's); act(kind, el, button): Reply, Edit or Delete pressed;
// hooks.fill(el, c): an optional part's own drawing of each comment (votes).
function createView(list, T, stamp, own, act, hooks) {
  const nodes = new Map();
  let newestFirst = true;

  function skeleton(hint, depth) {
    const el = h('article', { class: 'comment', tabindex: '-1', 'data-depth': depth },
      h('div', { class: 'meta' },
        h('span', { class: 'author' }),
        h('span', { class: 'verified', role: 'img', 'aria-label': T.verified, hidden: true }, '✓'),
        hint != null && h('span', { class: 'to' }, T.replyingTo(hint)),
        h('time'),
        h('span', { class: 'edited', hidden: true }, T.edited, ' · ', h('time')),
        h('span', { class: 'sending' }),
        // Copy link, in a menu of the links part (widget/links/).
        h('button', { type: 'button', class: 'link menu', 'aria-label': T.menu, 'aria-haspopup': 'menu', onclick: e => act('menu', el, e.currentTarget) }, '⋯')),
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
    el.dataset.at = Date.parse(c.createdAt) || Date.now();
    $('.meta .author').textContent = c.author;
    const had = $('.meta .avatar');
    const src = /^https:\/\//.test(c.avatar) && !c.deleted && c.avatar;
    const key = src || (!c.deleted && c.authorKey) || '';
    if ((had?.dataset.key ?? '') !== key) {
      had?.remove();
      if (key) $('.meta').prepend(avatar(src, key, c.author));
    }
    $('.meta .verified').hidden = !c.verified || c.deleted;
    $('.meta .sending').textContent = c.pending ? T.held : T.sending;
    const time = $('.meta time');
    time.dateTime = c.createdAt;
    stamp(time);
    const at = $('.meta .edited time');
    at.dateTime = c.editedAt;
    stamp(at);
    at.parentNode.hidden = !c.editedAt || c.deleted;
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
    hooks.fill?.(el, c);
  }

  // A signed-in author's picture, or else the author's initial on a colour from their public key,
  // drawn here: no request. A failed picture is hidden, not removed: the next fill would load it again.
  function avatar(src, key, author) {
    if (!src) {
      const pic = h('span', { class: 'avatar', 'data-key': key, 'aria-hidden': 'true' }, [...author][0].toUpperCase());
      pic.style.background = `hsl(${[...key].reduce((a, c) => (a * 31 + c.charCodeAt()) % 360, 0)} 45% 42%)`;
      return pic;
    }
    const img = h('img', { class: 'avatar', 'data-key': key, alt: '', referrerpolicy: 'no-referrer', loading: 'lazy' });
    img.onerror = () => { img.hidden = true; };
    img.src = src;
    return img;
  }

  function slot(parentId) {
    const p = parentId != null && nodes.get(parentId);
    if (!p) return [list, 0, null];
    const depth = +p.el.dataset.depth;
    if (depth < MAX_DEPTH) return [p.el.querySelector(':scope > .replies'), depth + 1, null];
    return [p.el.parentNode, depth, p.c.author];
  }

  // Older first: by date, then by seq.
  const older = (a, b) => (+a.dataset.at - +b.dataset.at) || (+a.dataset.seq - +b.dataset.seq);

  function put(box, el) {
    const desc = box === list && newestFirst;
    const next = [...box.children].find(x => (desc ? older(x, el) < 0 : older(x, el) > 0));
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
      const sorted = [...list.children].sort(older);
      list.append(...(newest ? sorted.reverse() : sorted));
    },
    clear() { list.replaceChildren(); nodes.clear(); },
    count: () => [...nodes.values()].filter(n => !n.c.deleted && !n.c.pending).length,
  };
}
