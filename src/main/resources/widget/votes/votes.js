// Votes and the "Top" order (docs/widget.md, "Votes"): the part /widget/votes.js, which the core loads
// once the thread has votes (/threads says scoreSeq) or the reader reaches for the comments. The core
// lends it what it needs and two hooks: fill(el, c) for every comment drawn, frame(f) for every frame.
// Scores are exact by construction: each count carries its scoreSeq and the newest wins; whatever a
// dropped connection missed comes back from /scores?after=, asked after every (re)subscription.

const BASE = new URL(document.currentScript.src).origin;

document.currentScript.parley = ({ h, thread, sso, T, store, own, hooks, list, view, site }) => {
  const sort = list.parentNode.querySelector('.sort');
  const EN = { top: 'Top', up: 'Vote up', down: 'Vote down', taken: 'Someone at your address already voted on this.' };
  const S = k => T[k] ?? EN[k];
  const MINE = `parley.votes@${BASE}`;
  // This browser's votes, comment id -> 1 or -1; the newest 500 are kept.
  let mine;
  try { mine = new Map(JSON.parse(store(MINE))); } catch { mine = new Map(); }
  const scores = new Map(); // comment id -> [up, down, scoreSeq]
  const seen = new Map(); // comment id -> the comment as last drawn
  let caught = 0; // every change up to this score version is known: advanced by /scores answers only

  const button = value => h('button', {
    type: 'button',
    class: 'link vote',
    'aria-label': S(value > 0 ? 'up' : 'down'),
    onclick: e => cast(e.currentTarget.closest('.comment'), value),
  }, value > 0 ? '▲' : '▼', h('span'));

  // The comment's vote buttons with its counts; none on a deleted, pending or own comment.
  function draw(el, c) {
    seen.set(c.id, c);
    const meta = el.querySelector(':scope > .meta');
    let bar = meta.querySelector(':scope > .votes');
    if (!bar) meta.append(bar = h('span', { class: 'votes' }, button(1), button(-1)));
    bar.hidden = c.deleted || c.pending || c.id == null || own.left(c) !== 0;
    const [up, down] = scores.get(c.id) || [0, 0];
    [[up, 1], [down, -1]].forEach(([n, value], i) => {
      const b = bar.children[i];
      const on = mine.get(c.id) === value;
      b.lastChild.textContent = n ? ` ${n}` : '';
      b.setAttribute('aria-pressed', on);
      b.style.color = on ? 'var(--accent)' : '';
    });
  }

  function redraw(id) {
    const el = list.querySelector(`.comment[data-id="${id}"]`);
    if (el && seen.has(id)) draw(el, seen.get(id));
  }

  function apply(s) {
    const known = scores.get(s.comment);
    if (known && known[2] >= s.scoreSeq) return;
    scores.set(s.comment, [s.up, s.down, s.scoreSeq]);
    redraw(s.comment);
  }

  let catching = null;
  function catchUp() {
    return catching ||= (async () => {
      for (let more = true; more;) {
        const res = await fetch(`${BASE}/api/v1/scores?${site}thread=${encodeURIComponent(thread)}&after=${caught}`);
        const page = await res.json();
        page.scores.forEach(apply);
        more = page.more;
        caught = more ? page.scores[page.scores.length - 1].scoreSeq : Math.max(caught, page.scoreSeq);
      }
    })().catch(() => {}).finally(() => { catching = null; });
  }

  // Pressing the pressed arrow again withdraws the vote.
  async function cast(el, value) {
    const id = +el.dataset.id;
    const next = mine.get(id) === value ? 0 : value;
    const error = el.querySelector(':scope > .error');
    error.hidden = true;
    const token = own.token();
    try {
      const res = await fetch(`${BASE}/api/v1/comments/${id}/vote?${site}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...token && { Authorization: `Bearer ${token}` } },
        body: JSON.stringify({ value: next, sso }),
      });
      const answer = await res.json();
      if (!res.ok) throw Object.assign(new Error(), { code: answer.error?.code, wait: res.headers.get('Retry-After') });
      if (answer.authorToken) own.keepToken(answer.authorToken);
      if (next) mine.set(id, next); else mine.delete(id);
      store(MINE, JSON.stringify([...mine].slice(-500)));
      apply(answer);
      redraw(id);
    } catch (e) {
      error.textContent = e.code === 'conflict' ? S('taken')
        : e.code === 'rate_limited' && e.wait > 0 ? T.wait(+e.wait) : T.errors[e.code] || T.errors.other;
      error.hidden = false;
    }
  }

  // "Top": top-level comments by score (up minus down), ties oldest first; newest and oldest put
  // the core's order back. Counts that change later do not move anything the reader is reading.
  const top = h('button', { type: 'button', 'aria-pressed': 'false', onclick: () => {
    for (const b of sort.children) b.setAttribute('aria-pressed', b === top);
    const score = el => { const s = scores.get(+el.dataset.id); return s ? s[0] - s[1] : 0; };
    list.append(...[...list.children].sort((a, b) => score(b) - score(a) || a.dataset.seq - b.dataset.seq));
  } }, S('top'));
  sort.append(top);
  sort.addEventListener('click', e => { if (e.target !== top) top.setAttribute('aria-pressed', 'false'); });

  hooks.fill = draw;
  hooks.frame = f => {
    if (f.type === 'score') apply(f);
    else if (f.type === 'subscribed') catchUp();
  };
  for (const el of list.querySelectorAll('.comment[data-id]')) {
    const c = view.get(+el.dataset.id);
    if (c) draw(el, c);
  }
  catchUp();
};
