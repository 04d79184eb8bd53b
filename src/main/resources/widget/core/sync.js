// From the server to the screen (docs/widget.md, "Loading" and "Staying live"): the first page of
// the thread over REST, then a subscription from the seq of that answer, replayed from the last seq
// shown after every reconnect, and each frame applied exactly once.

// A page of the thread as a tree (docs/widget.md, "Long threads"): top-level comments with their
// replies, a parent always before its replies. query: thread, order, size and where to go on from.
async function fetchTree(query) {
  const res = await fetch(`${BASE}/api/v1/comments?${site}${query}`);
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return res.json();
}

// header: what the top of the widget shows (live(online), presence(online), down(), counts(), locked(on)).
// hooks: the votes part's frame(f), and load() to fetch it once the thread has votes; the pages
// part's paged(page) after each first page and missed(f) for a frame of a comment not loaded.
// first(): the query of the first page.
function createSync({ thread, view, live, posts, header, hooks, first }) {
  let lastSeq = 0; // every event up to here is shown
  let loaded = false;

  // Frames carry current state: applying twice is harmless; at or below lastSeq, a known one is old.
  function apply(f) {
    const c = f.comment;
    const known = view.has(c.id);
    if (f.seq <= lastSeq && known) return;
    lastSeq = Math.max(lastSeq, f.seq);
    // A comment of a page not loaded yet (changed, or a reply to one) comes with that page, in its
    // place; a comment's creation always comes before its changes.
    if (!known && (f.type !== 'comment' || (c.parent && !view.has(c.parent)))) return hooks.missed?.(f);
    if (!known && f.type === 'comment' && posts.adopt(c)) return;
    const el = live.steady(() => view.upsert(c));
    if (el) live.arrived(el, c.author);
    header.counts();
  }

  function onFrame(f) {
    if (f.thread != null && f.thread !== thread) return;
    hooks.frame?.(f);
    switch (f.type) {
      case 'ping': socket.send({ type: 'pong' }); break;
      case 'subscribed':
        if (f.reset) { reset(); break; }
        lastSeq = Math.max(lastSeq, f.seq);
        socket.healthy(f);
        header.live(f.online);
        break;
      case 'comment':
      case 'updated': apply(f); break;
      case 'presence': header.presence(f.online); break;
      case 'ack': posts.ack(f); break;
      case 'error': posts.refused(f); break;
      default: break;
    }
  }

  async function reload() {
    // Whether the thread is locked, alongside; without the answer it is taken as open.
    const info = fetch(`${BASE}/api/v1/threads?${site}thread=${encodeURIComponent(thread)}`).then(r => r.json()).catch(() => ({}));
    const page = await fetchTree(first());
    header.locked(!!(await info).locked);
    (await info).scoreSeq && hooks.load();
    view.clear();
    for (const c of page.comments) view.upsert(c);
    posts.reshow();
    lastSeq = page.seq;
    loaded = true;
    header.counts();
    hooks.paged(page);
  }

  const socket = createSocket(`${BASE.replace(/^http/, 'ws')}/ws?${site}`, {
    prepare: () => (loaded ? null : reload()),
    opened() {
      socket.send({ type: 'subscribe', thread, since: lastSeq });
      posts.resend();
    },
    frame: onFrame,
    closed: header.down,
  });

  // The first page again, from a new subscription: after the server's reset, or in a new order.
  const reset = () => { loaded = false; socket.restart(); };

  return { socket, loaded: () => loaded, reset };
}
