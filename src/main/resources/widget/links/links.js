// Links to one comment (docs/widget.md, "Links to a comment"): the part /widget/links.js, which the
// core loads when the page's address ends in #parley-<id> or the reader opens a comment's menu (⋯).
// Going to a comment shows it first when its page is not loaded (its context: its ancestors and its
// top-level comment's replies, from the server), unfolds the replies it is folded in, scrolls to it,
// marks it and moves focus to it. The menu's "Copy link" puts the comment's address on the
// clipboard, or, where the clipboard cannot be written, shows the address selected to copy by hand.

const BASE = new URL(document.currentScript.src).origin;
const LINK = /^#parley-(\d{1,18})$/;

// The core lends: h (its element builder), T (strings), view, list, hooks, site (the query prefix)
// and thread.
document.currentScript.parley = ({ h, T, view, list, hooks, site, thread }) => {
  const EN = { copyLink: 'Copy link', copied: 'Link copied' };
  const S = k => T[k] ?? EN[k];
  const shadow = list.getRootNode();
  const sheet = new CSSStyleSheet();
  sheet.replaceSync('.meta{position:relative}'
    + '.marked{box-shadow:inset 3px 0 var(--accent)}.marked>.meta,.marked>.body{background:var(--mark)}'
    + '.pop{position:absolute;top:100%;inset-inline-end:0;z-index:1;display:grid;gap:4px;padding:6px 10px;'
    + 'border:1px solid var(--line);border-radius:8px;background:var(--bg);box-shadow:0 2px 10px rgb(0 0 0/.2)}'
    + '.pop input{min-width:240px;font-size:13px}');
  shadow.adoptedStyleSheets = [...shadow.adoptedStyleSheets, sheet];

  const find = id => list.querySelector(`.comment[data-id="${id}"]`);

  // Shows the comment of the address's #parley-<id>; nothing when it is not this thread's to show.
  async function go() {
    const id = LINK.exec(location.hash)?.[1];
    if (!id) return;
    if (!view.has(+id)) {
      try {
        const res = await fetch(`${BASE}/api/v1/comments/${id}/context?${site}`);
        const context = res.ok && (await res.json());
        if (!context || context.thread !== thread) return;
        const added = context.comments.filter(c => !view.has(c.id) && !c.deleted).length;
        for (const c of context.comments) view.upsert(c);
        hooks.loaded?.(added);
      } catch (e) {
        console.warn('parley:', e.message);
        return;
      }
    }
    const el = find(id);
    if (!el) return;
    // Folded replies around it unfold (the pages part's button follows their box).
    for (let at = el; at; at = at.parentElement.closest('.comment')) {
      if (at.hidden) at.parentElement.nextElementSibling?.click();
    }
    list.querySelector('.marked')?.classList.remove('marked');
    el.classList.add('marked');
    el.scrollIntoView({ block: 'center' });
    el.focus({ preventScroll: true });
  }

  let open = null;
  function close(focus) {
    if (!open) return;
    open.box.remove();
    open.button.setAttribute('aria-expanded', 'false');
    if (focus) open.button.focus();
    open = null;
  }
  shadow.addEventListener('pointerdown', e => open && !open.box.contains(e.target) && e.target !== open.button && close());

  async function copy(el, box) {
    const url = `${location.href.split('#')[0]}#parley-${el.dataset.id}`;
    try {
      await navigator.clipboard.writeText(url);
      box.replaceChildren(h('span', { role: 'status' }, S('copied')));
      setTimeout(() => open?.box === box && close(), 2000);
    } catch {
      // No clipboard here (an insecure page, a refused permission): the address, selected.
      const field = h('input', { readonly: '', 'aria-label': S('copyLink') });
      field.value = url;
      box.replaceChildren(field);
      field.focus();
      field.select();
    }
  }

  function menu(el, button) {
    const again = open?.button === button;
    close();
    if (again || !el.dataset.id) return;
    const item = h('button', { type: 'button', class: 'link', role: 'menuitem' }, S('copyLink'));
    const box = h('div', { class: 'pop', role: 'menu' }, item);
    item.onclick = () => copy(el, box);
    box.onkeydown = e => { if (e.key === 'Escape') { e.stopPropagation(); close(true); } };
    button.after(box);
    button.setAttribute('aria-expanded', 'true');
    open = { box, button };
    item.focus();
  }

  addEventListener('hashchange', go);
  go();
  return { menu };
};
