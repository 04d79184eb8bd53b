// The reader's own writing on its way to the server (docs/widget.md, "Optimistic posting" and "Own
// comments"): the form at the top, replies in forms opened in place (edits and deletes are the edit
// part's, widget/edit/), and every post shown at once and sent until the server answers it.

// toSocket(frame): sends a frame and says whether the socket took it.
function createPosts(T, { thread, sso, own, view, live, counts, toSocket }) {
  const pending = new Map();
  let requests = 0, E;
  const top = createForm(T, { sso, onSend: post => send(post, top, () => top.clear()) });

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

  const call = (path, method, body, headers, token = own.token()) => fetch(`${BASE}/api/v1/comments${path}?${site}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...headers, ...token && { Authorization: `Bearer ${token}` } },
    body: body && JSON.stringify(body),
  });

  // Shown at once and (re)sent on every open until ack or error; its key makes resends safe.
  function send(post, form, sent, done = () => {}) {
    const rid = `r${++requests}`;
    const key = crypto.getRandomValues(new Uint32Array(4)).join('-');
    // url: the page, for links in feeds and mails (the server keeps it only for an allowed origin).
    const url = location.href.split('#')[0];
    const p = { rid, frame: { type: 'post', id: rid, key, thread, sso, url, ...post }, post, form, done };
    p.el = live.steady(() => view.addPending(post));
    pending.set(rid, p);
    sent();
    if (!toSocket(wire(p))) rest(p);
  }

  // No socket (down, or refused to a banned address): REST at once. One key, so one comment.
  async function rest(p) {
    try {
      const res = await call('', 'POST', { thread, sso, url: p.frame.url, ...p.post }, { 'Idempotency-Key': p.frame.key });
      if (res.status >= 500) return; // the socket resends it
      const { authorToken, editableUntil, error, ...comment } = await res.json();
      if (res.ok) ack({ id: p.rid, comment, authorToken, editableUntil }); else refused({ id: p.rid, ...error });
    } catch { /* offline: the socket resends it */ }
  }

  const wire = p => ({ ...p.frame, token: own.token() || undefined });

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
    if (code === 'unauthorized' && !sso) own.keepToken('');
    const form = p.form.el.isConnected ? p.form : top;
    form.el.hidden = false;
    form.fail(code, p.post.body);
    counts();
  }

  // The server's answers to a post, by the frame's id (an `ack` or `error` frame, or the same from REST).
  function ack(f) {
    if (f.authorToken) own.keepToken(f.authorToken);
    own.remember(f.comment.id, Date.parse(f.editableUntil) || null);
    const p = pending.get(f.id);
    if (p) settle(p, f.comment); else view.refill(f.comment.id);
  }

  // A name that passed the form's checks but not the server's is most likely a signed-in user's.
  function refused(f) {
    const p = pending.get(f.id);
    const code = f.code === 'invalid_author' && /signed-in/.test(f.message) ? 'name_taken' : f.code;
    if (p) fail(p, code); else console.warn('parley:', f.code, f.message);
  }

  return {
    top,
    ack,
    refused,
    // Edit and Delete are the edit part's (loaded on first use; a failed load is tried again next time).
    act: (kind, el, button) => (kind === 'reply' ? openReply(el, button)
      : (E ||= part('edit').then(m => m({ T, view, own, inline, call, counts, say }), () => E = 0))
        .then(e => e?.[kind](el, button))),
    // Our post, back as a comment before its ack: confirms the pending copy instead of showing it twice.
    adopt(c) {
      const ours = [...pending.values()].find(({ post }) =>
        post.parent === c.parent && (post.author ?? c.author) === c.author && post.body === c.body);
      if (ours) settle(ours, c);
      return !!ours;
    },
    resend() { for (const p of pending.values()) toSocket(wire(p)); },
    // After the list was cleared and reloaded, the posts still waiting go back at their place.
    reshow() { for (const p of pending.values()) p.el = view.addPending(p.post); },
  };
}
