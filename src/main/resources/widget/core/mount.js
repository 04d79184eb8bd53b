// One widget in its host element (docs/widget.md, "What readers get"): the shell in the shadow root
// (header with count, status and presence, the sort toggle, the list, the pill), its theme and
// times, and the other files' pieces wired together. T and locale come from strings.js.

function mount(host, shadow, T, locale) {
  const { dataset } = host;
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const thread = (dataset.thread || canonicalPath()).slice(0, 256);
  const sso = dataset.sso || undefined;
  const editMs = (+dataset.editWindow || 15) * 60000;
  space = dataset.storageKey ? `#${dataset.storageKey}` : '';
  site = dataset.site ? `site=${encodeURIComponent(dataset.site)}&` : '';

  const sheet = h('link', { rel: 'stylesheet', href: `${BASE}/embed.css` });
  const count = h('h2');
  const status = h('span', { class: 'status', 'data-state': 'connecting' }, T.connecting);
  const online = h('span', { class: 'online', hidden: true });
  const newest = h('button', { type: 'button', 'aria-pressed': 'true', onclick: () => setOrder(true) }, T.newest);
  const oldest = h('button', { type: 'button', 'aria-pressed': 'false', onclick: () => setOrder(false) }, T.oldest);
  const notice = h('p', { class: 'notice' });
  const closed = h('p', { class: 'notice', hidden: true }, T.errors.thread_locked);
  const list = h('div', { class: 'list' });
  const pill = h('button', { type: 'button', class: 'pill', hidden: true });
  const announcer = h('div', { class: 'sr', 'aria-live': 'polite' });
  const root = h('section', { class: 'parley', lang: locale, dir: T.dir, hidden: true, 'aria-label': T.title },
    h('div', { class: 'top' }, count, status, online,
      h('div', { class: 'sort', role: 'group', 'aria-label': T.order }, newest, oldest)),
    closed, notice, list, pill, announcer);
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

  // The votes part (widget/votes/): loaded once the thread has votes or the reader reaches for the
  // widget (a pointer over it, a key pressed in it).
  let V;
  const hooks = {
    load: () => V ||= part('votes').then(m => m({ h, thread, sso, T, store, own, hooks, list, view, site }), () => V = 0),
    // More pages, or a long reply chain to fold: the pages part; a link to one comment: the links part.
    paged(page) {
      (page.more || list.querySelector('.replies>:nth-child(6)') || P.pages) && use('pages').then(m => m?.paged(page));
      /^#parley-\d/.test(location.hash) && use('links');
    },
  };
  root.onpointerover = root.onkeydown = hooks.load;
  // The pages and links parts (widget/pages/, widget/links/), each started once with what it needs
  // (the core's h among it: parts build their elements with it).
  const P = {};
  const use = name => P[name] ||= part(name).then(m => m({ h, T, view, list, counts, hooks, fetchTree, first, site, thread, reload: () => sync.reset() }), () => P[name] = 0);

  const own = createOwn(editMs);
  const view = createView(list, T, stamp, own.left,
    (kind, el, button) => (kind === 'menu' ? use('links').then(m => m?.menu(el, button)) : posts.act(kind, el, button)), hooks);
  const live = createLive(shadow, T, pill, announcer);
  const posts = createPosts(T, { thread, sso, own, view, live, counts, toSocket: f => sync.socket.send(f) });
  root.insertBefore(posts.top.el, notice);

  // "No comments yet" only while no comment at all is shown: a deleted one's place counts.
  function counts() {
    const failing = !sync.loaded() && status.dataset.state === 'reconnecting';
    count.textContent = T.count(view.count());
    notice.textContent = failing ? T.loadFailed : T.empty;
    notice.hidden = !failing && !(sync.loaded() && !list.firstChild);
  }

  // data-page-size (on the element or the script tag): top-level comments per page, 20 by default
  // (the server holds it to 1 to 100).
  let order = 'newest';
  const first = () => `thread=${encodeURIComponent(thread)}&order=${order}&limit=${(dataset.pageSize || me?.dataset.pageSize) | 0 || 20}`;

  function setOrder(newestFirst) {
    newest.setAttribute('aria-pressed', newestFirst);
    oldest.setAttribute('aria-pressed', !newestFirst);
    order = newestFirst ? 'newest' : 'oldest';
    view.setOrder(newestFirst);
  }
  if (dataset.order === 'oldest') setOrder(false);

  function presence(n) {
    online.hidden = !(n > 0);
    online.textContent = T.reading(n);
  }

  function state(name) {
    status.dataset.state = name;
    status.textContent = T[name];
  }

  const sync = createSync({
    thread, view, live, posts, hooks, first,
    header: {
      counts,
      presence,
      // A locked thread offers no form to write in and says why (edits of one's own stay possible).
      locked(on) { closed.hidden = !on; root.classList.toggle('locked', on); },
      live(n) { state('live'); presence(n); },
      down() { state('reconnecting'); online.hidden = true; counts(); },
    },
  });
  counts();
  sync.socket.connect(true);
}
