// Long threads (docs/widget.md, "Long threads"): the part /widget/pages.js, which the core loads when
// its first page says more top-level comments follow, or shows a long run of replies. "Load more"
// brings the next page (top-level comments with all their replies); a run of more than FOLD_OVER
// replies shows its first SHOWN behind "Show N more replies"; the count in the header includes the
// comments not loaded yet. What arrives live is the core's: a reply to a comment not loaded yet
// waits for its page, where it comes in its place.

const SHOWN = 3;
const FOLD_OVER = 5;

// The core lends: T (strings), view, list, counts() (redraws the header), hooks, fetchTree(query),
// first() (the first page's query) and reload() (the first page again, in the order chosen now).
document.currentScript.parley = ({ h, T, view, list, counts, hooks, fetchTree, first, reload }) => {
  const EN = {
    loadMore: 'Load more comments',
    moreReplies: n => (n === 1 ? 'Show 1 more reply' : `Show ${n} more replies`),
  };
  const S = k => T[k] ?? EN[k];
  const shadow = list.getRootNode();
  const sheet = new CSSStyleSheet();
  sheet.replaceSync('.more{display:block;margin:8px auto 0}.unfold{margin:2px 0 6px}');
  shadow.adoptedStyleSheets = [...shadow.adoptedStyleSheets, sheet];

  let page = { more: false }; // the last page loaded: its order, next and more
  let missing = 0; // comments of the thread not loaded (the server's count minus those shown)
  const shown = view.count;
  view.count = () => shown() + missing;
  // The links part showed n comments of a page not loaded (a link's context): no longer missing.
  hooks.loaded = n => { missing = Math.max(0, missing - n); counts(); };
  // A live comment of a page not loaded: counted now, shown with its page.
  hooks.missed = f => {
    if (page.more) missing = Math.max(0, missing + (f.type === 'comment' ? 1 : f.comment.deleted ? -1 : 0));
    counts();
  };

  function recount(total) {
    missing = page.more ? Math.max(0, total - shown()) : 0;
    counts();
  }

  const button = h('button', { type: 'button', class: 'more', hidden: '', onclick: loadMore }, S('loadMore'));
  list.after(button);

  async function loadMore() {
    button.disabled = true;
    try {
      const next = await fetchTree(`${first().replace(/&order=\w+/, `&order=${page.order}`)}&${page.order === 'newest' ? 'before' : 'after'}=${page.next}`);
      const known = new Set([...list.querySelectorAll('.comment[data-id]')].map(el => el.dataset.id));
      for (const c of next.comments) view.upsert(c);
      page = next;
      button.hidden = !page.more;
      fold(list);
      recount(page.count);
      // Keyboard readers go on where the new comments start.
      [...list.querySelectorAll('.comment[data-id]')].find(el => !known.has(el.dataset.id) && !el.hidden)
        ?.focus({ preventScroll: true });
    } catch (e) {
      console.warn('parley:', e.message);
    } finally {
      button.disabled = false;
    }
  }

  // Each run of replies longer than FOLD_OVER, once: what the reader unfolded stays unfolded.
  function fold(root) {
    for (const box of root.querySelectorAll('.replies')) {
      const replies = [...box.children].filter(el => el.classList.contains('comment'));
      // A run holding the comment a link points at stays open.
      if (box.dataset.folded || replies.length <= FOLD_OVER || box.querySelector('.marked')) continue;
      box.dataset.folded = 'yes';
      const hidden = replies.slice(SHOWN);
      hidden.forEach(el => { el.hidden = true; });
      const unfold = h('button', { type: 'button', class: 'link unfold' }, S('moreReplies')(hidden.length));
      unfold.onclick = () => {
        hidden.forEach(el => { el.hidden = false; });
        unfold.remove();
        hidden[0].focus({ preventScroll: true });
      };
      box.after(unfold);
    }
  }

  // The reader changed the order with pages left unloaded: the first page of the new order.
  list.parentNode.querySelector('.sort').addEventListener('click', e => {
    const [newest, oldest] = e.currentTarget.children;
    const order = e.target === newest ? 'newest' : e.target === oldest ? 'oldest' : page.order;
    if (page.more && order !== page.order) reload();
  });

  return {
    // After each first page (the core's load, and its reloads).
    paged(first) {
      page = first;
      button.hidden = !page.more;
      fold(list);
      recount(page.count);
    },
  };
};
