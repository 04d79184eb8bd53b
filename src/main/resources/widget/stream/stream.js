// The stream part (docs/widget.md, "When WebSocket is blocked"): where a proxy blocks WebSocket, the core's socket
// (core/connection.js) hands over to what this exports, which speaks the socket's interface (connect,
// send, healthy, restart) without one: an event stream (GET /api/v1/stream), or, where that fails
// too, polling GET /api/v1/events. Frames go to the core's frame(), the WebSocket's path, so order,
// gaps and resets, the "new comments" pill and the status behave the same; posts go over REST (send
// answers false to them, as a closed socket does).

// Polling: every 3 s while comments arrive, 1.5 times slower after each empty answer up to 30 s;
// after a failure twice slower up to 60 s, or as the server's Retry-After says.
const POLL_MS = 3000;
const QUIET_MS = 30000;
const DOWN_MS = 60000;
// No `subscribed` this long after opening a stream: a proxy holds it back (buffers it), a failure.
const FIRST_MS = 15000;
const PAGE = 500;

// Takes over the core's socket object: its methods become this part's, and it connects.
document.currentScript.parley = (socket, url, { prepare, opened, frame, closed }) => {
  // url is the WebSocket's, `${BASE}/ws?${site}` with ws(s): the same server, site and all.
  const api = (path, query) => url.replace(/^ws/, 'http').replace('/ws?', `/api/v1/${path}?`) + query;
  // failed: streams in a row that never said `subscribed`; -Infinity once one has, so it never polls.
  let es = null, thread = '', since = 0, polling = false, failed = 0, attempt = 0, timer = 0, gen = 0;
  let preparing = false, up = false, every = POLL_MS;

  async function connect() {
    clearTimeout(timer);
    timer = 0;
    if (es || preparing || document.hidden) return;
    preparing = true;
    try {
      await prepare();
    } catch (e) {
      console.warn('parley:', e.message);
      closed();
      return retry();
    } finally {
      preparing = false;
    }
    opened(); // the core answers with send({type: 'subscribe', thread, since}), as it would on a socket
  }

  function send(f) {
    if (f.type !== 'subscribe') return false;
    ({ thread, since } = f);
    gen++;
    if (polling) poll(gen); else stream();
    return true;
  }

  const take = f => {
    if (f.seq > since && f.type !== 'subscribed') since = f.seq;
    frame(f);
  };

  function stream() {
    const s = (es = new EventSource(api('stream', `thread=${encodeURIComponent(thread)}&since=${since}`)));
    const late = setTimeout(() => fail(s), FIRST_MS);
    s.onmessage = e => {
      if (s !== es) return;
      let f;
      try { f = JSON.parse(e.data); } catch { return console.warn('parley: bad frame', e.data); }
      if (f.type === 'subscribed') { failed = -1 / 0; clearTimeout(late); }
      take(f);
    };
    // Closed at the first error (the browser's own retry would come back without jitter): reconnected
    // from the last seq shown, through prepare() and opened() like the socket.
    s.onerror = () => { clearTimeout(late); fail(s); };
  }

  function fail(s) {
    if (s !== es) return;
    s.close();
    es = null;
    closed();
    polling = ++failed > 1;
    retry();
  }

  // Full jitter, as the socket's: a random wait in [0, min(20 s, 500 ms * 2^attempt)).
  function retry() {
    if (!timer && !document.hidden) timer = setTimeout(connect, Math.random() * Math.min(20000, 500 * 2 ** Math.min(attempt++, 6)));
  }

  async function poll(g) {
    timer = 0;
    if (g !== gen) return;
    if (document.hidden) return; // resumed from the last seq when the tab shows again (connect)
    let wait;
    try {
      const res = await fetch(api('events', `thread=${encodeURIComponent(thread)}&after=${since}&limit=${PAGE}`));
      if (g !== gen) return;
      if (!res.ok) throw new Error(`HTTP ${res.status}`, { cause: +res.headers.get('Retry-After') * 1000 });
      const { events } = await res.json();
      if (g !== gen) return;
      if (!up) take({ type: 'subscribed', thread, seq: since, reset: false });
      up = true;
      for (const e of events) take({ ...e, thread });
      every = events.length ? POLL_MS : Math.min(every * 1.5, QUIET_MS);
      wait = events.length === PAGE ? 0 : every;
    } catch (e) {
      if (g !== gen) return;
      if (up) closed();
      up = false;
      every = Math.min(every * 2, DOWN_MS);
      wait = Math.max(every, e.cause || 0);
    }
    timer = setTimeout(poll, wait, g);
  }

  function stop() {
    gen++;
    clearTimeout(timer);
    timer = 0;
    up = false;
    if (es) { es.onmessage = es.onerror = null; es.close(); es = null; }
  }

  // A page left behind may be kept to come back to (the back-forward cache) with its stream open,
  // still counted as a reader and holding a connection: closed, and opened again from the last seq
  // shown if the reader comes back.
  addEventListener('pagehide', stop);
  addEventListener('pageshow', e => e.persisted && connect());

  // The core's socket calls connect when the tab shows again or the network comes back. Polling, that
  // subscribes again: a new poll at once (one in flight, if any, is of an old generation: ignored).
  Object.assign(socket, {
    connect,
    send,
    healthy() { attempt = 0; },
    restart() { stop(); connect(); },
  });
  connect();
};
