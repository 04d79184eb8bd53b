// The WebSocket itself (docs/widget.md, "Staying live"): opened after prepare() (the REST load) when
// the tab is visible, reconnected with full jitter, dropped when the server's heartbeat stops.
// What goes over it is sync.js's and posts.js's business. Where a proxy blocks WebSocket (two tries
// in a row that never got to `subscribed`, and none ever did), the stream part (widget/stream/)
// takes its place for good: it speaks this object's interface over an event stream, or by polling.

// Until the server says (pingEveryMs + pongTimeoutMs in `subscribed`): its defaults, 25 s + 10 s.
const DEAD_AFTER = 35000;

// handlers, whole, go to the stream part if it takes over.
function createSocket(url, handlers, { prepare, opened, frame, closed } = handlers) {
  // failed: tries in a row that never got to `subscribed`; NaN once one has, so it never falls back.
  let ws = null, attempt = 0, timer = 0, watchdog = 0, preparing = false, deadAfter = DEAD_AFTER, failed = 0, api;

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
    watchdog = setTimeout(() => drop(0), deadAfter);
  }

  function drop(code, now) {
    const s = ws;
    ws = null;
    clearTimeout(watchdog);
    if (s) { s.onopen = s.onmessage = s.onclose = null; s.close(); }
    closed();
    if (++failed > 1) part('stream').then(m => m(api, url, handlers), retry);
    else if (now) connect(); else retry(code);
  }

  // Full jitter: a random wait in [0, min(20 s, 500 ms * 2^attempt)).
  function retry(code) {
    if (timer || document.hidden) return;
    let ms = Math.random() * Math.min(20000, 500 * 2 ** Math.min(attempt++, 6));
    if (code === 1012) ms = Math.random() * 1000;
    if (code === 4429 || code === 1008) ms += 10000 + Math.random() * 20000;
    timer = setTimeout(connect, ms);
  }

  // Through api: once the stream part has taken over, these reach it.
  document.addEventListener('visibilitychange', () => document.hidden || api.connect());
  addEventListener('online', () => { attempt = 0; api.connect(); });

  return api = {
    connect,
    send: f => ws?.readyState === 1 && (ws.send(JSON.stringify(f)), true),
    // The server's heartbeat: silence longer than a ping interval and its answer time is a dead link.
    // The watchdog is armed again with it: the link may go silent right after this frame.
    healthy(f) {
      attempt = 0;
      failed = NaN;
      if (f.pingEveryMs > 0 && f.pongTimeoutMs > 0) deadAfter = f.pingEveryMs + f.pongTimeoutMs + 2000, alive();
    },
    restart: () => drop(0, true),
  };
}
