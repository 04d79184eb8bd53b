// From the server to the screen (docs/widget.md, "Loading" and "Staying live"): the whole thread over
// REST, then a subscription from the seq of that answer, replayed from the last seq shown after every
// reconnect, and each frame applied exactly once.

const PAGE = 500;

// With the first page's seq: subscribing since it replays whatever changed while pages loaded.
async function fetchThread(thread) {
  const comments = [];
  let after = 0;
  let seq = null;
  for (let page = 0; page < 200; page++) {
    const query = `thread=${encodeURIComponent(thread)}&after=${after}&limit=${PAGE}`;
    const res = await fetch(`${BASE}/api/v1/comments?${site}${query}`);
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const json = await res.json();
    seq ??= json.seq;
    comments.push(...json.comments);
    // A page may stop early (a byte cap on long comments): `more` says whether others follow.
    if (!json.comments.length || !(json.more ?? json.comments.length === PAGE)) break;
    after = json.comments[json.comments.length - 1].seq;
  }
  return { seq, comments };
}

// header: what the top of the widget shows (live(online), presence(online), down(), counts(), locked(on)).
// hooks: the votes part's frame(f), and load() to fetch it once the thread has votes.
function createSync({ thread, view, live, posts, header, hooks }) {
  let lastSeq = 0; // every event up to here is shown
  let loaded = false;

  // Frames carry current state: applying twice is harmless; at or below lastSeq, a known one is old.
  function apply(f) {
    const c = f.comment;
    const known = view.has(c.id);
    if (f.seq <= lastSeq && known) return;
    lastSeq = Math.max(lastSeq, f.seq);
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
        if (f.reset) { loaded = false; socket.restart(); break; }
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
    const { seq, comments } = await fetchThread(thread);
    header.locked(!!(await info).locked);
    (await info).scoreSeq && hooks.load();
    view.clear();
    for (const c of comments) view.upsert(c);
    posts.reshow();
    lastSeq = seq;
    loaded = true;
    header.counts();
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

  return { socket, loaded: () => loaded };
}
