/*
 * The newest comments across threads, filtered by status, thread, author and text (and, for the
 * server's admin, across all sites), paged by the server's `next`, and what a moderator does
 * to one: approve, delete, restore, ban its author or address, lock its thread, export or erase
 * its author. The first page refreshes itself every few seconds.
 *
 * Cards are keyed by comment id and rebuilt only when their comment changed, so a refresh never
 * moves the moderator's focus or closes an open ban form; a rebuilt card gets focus back on the
 * same action.
 */
import { $, api, complain, fillDurations, h, tell, time, when } from './api.js';
import { t } from './i18n.js';

const PAGE = 20;
const REFRESH_MS = 3000;
// A rebuilt card gives focus back to the same action, or to the one that replaced it.
const TWIN = { delete: 'restore', restore: 'delete', lock: 'unlock', unlock: 'lock' };

export function createComments({ changed, exportAuthor, eraseAuthor }) {
  const list = $('#list');
  const cards = new Map();    // comment id -> { sig, el, c }
  const locks = new Map();    // thread -> locked, as far as this session has set it
  const pages = [null];       // the `before` of each page from the newest; the last one is shown
  let older = null;           // the `before` of the next older page
  let loading = null;

  async function load() {
    if (loading) return loading;
    const before = pages[pages.length - 1];
    const query = new URLSearchParams({ limit: PAGE, status: $('#status').value });
    if (before != null) query.set('before', before);
    for (const name of ['thread', 'author', 'text']) {
      const value = $(`#filter-${name}`).value.trim();
      if (value) query.set(name, value);
    }
    if ($('#all-sites').checked) query.set('allSites', 'true');
    loading = api('GET', `/admin/comments?${query}`).then(render).catch(complain)
      .finally(() => { loading = null; });
    return loading;
  }

  function render({ comments, next }) {
    const keep = new Set(comments.map(c => c.id));
    for (const [id, card] of cards) {
      if (keep.has(id)) continue;
      if (card.el.contains(document.activeElement)) $('#comments-title').focus();
      card.el.remove();
      cards.delete(id);
    }
    // A changed card has taken its old one's place; only new or reordered ones move, so focus stays.
    comments.map(upsert).forEach((el, i) => {
      if (list.children[i] !== el) list.insertBefore(el, list.children[i] ?? null);
    });
    $('#empty').hidden = comments.length > 0;
    $('#newer').disabled = pages.length === 1;
    $('#older').disabled = next == null;
    $('#page').textContent = t('page', { n: pages.length });
    older = next ?? null;
  }

  function upsert(c) {
    const sig = JSON.stringify(c) + locks.get(c.thread) + $('#all-sites').checked;
    const old = cards.get(c.id);
    if (old && old.sig === sig) return old.el;
    const el = card(c);
    if (old) {
      const act = old.el.contains(document.activeElement) && document.activeElement.dataset.act;
      old.el.replaceWith(el);
      const same = act && (el.querySelector(`[data-act="${act}"]`) || el.querySelector(`[data-act="${TWIN[act]}"]`));
      if (act) (same || el.querySelector('[data-act]')).focus();
    }
    cards.set(c.id, { sig, el, c });
    return el;
  }

  function card(c) {
    const label = t('commentBy', { id: c.id, author: c.author || t('nobody') });
    const panel = banPanel(c);
    const button = (act, text, run, cls) => h('button', { type: 'button', 'data-act': act, class: cls, onclick: run }, text);
    const locked = locks.get(c.thread) === true;
    return h('li', { class: 'item', 'data-id': c.id, 'data-status': status(c) },
      h('article', { 'aria-label': label },
        h('header', {},
          h('span', { class: 'who' }, c.author || '—'),
          c.verified && h('span', { class: 'badge ok', title: t('ssoTitle') }, t('verified')),
          h('span', { class: 'where' }, t('inThread'), ' ', h('code', {}, c.thread),
            $('#all-sites').checked && [' · ', h('code', { class: 'site' }, c.site)]),
          time(c.createdAt),
          c.pending && h('span', { class: 'badge wait' }, t('waiting')),
          c.deleted && h('span', { class: 'badge gone' }, t('deletedBadge')),
          c.editedAt && h('span', { class: 'badge' }, t('edited'))),
        h('p', { class: 'text' }, c.body || t('noText')),
        h('dl', { class: 'ids' },
          h('dt', {}, t('comment')), h('dd', {}, `#${c.id}`, c.parent != null ? t('replyTo', { id: c.parent }) : ''),
          h('dt', {}, t('authorId')), h('dd', {}, h('code', {}, c.authorId ?? '—')),
          h('dt', {}, t('ipHash')), h('dd', {}, h('code', {}, c.ipHash ?? '—')),
          c.deletedBy && [h('dt', {}, t('deletedBy')), h('dd', {}, c.deletedBy)]),
        h('div', { class: 'actions', role: 'group', 'aria-label': t('actionsFor', { label }) },
          c.pending && button('approve', t('approve'), () => act(c, 'approve'), 'primary'),
          // Only a moderator's deletion can be undone; an author's own (or an erasure) is final.
          c.deleted ? c.deletedBy !== 'author' && button('restore', t('restore'), () => act(c, 'restore'))
            : button('delete', t('delete'), () => act(c, 'delete'), 'danger'),
          (c.authorId || c.ipHash) && button('ban', t('banMore'), () => openBan(panel)),
          locked ? button('unlock', t('unlockThread'), () => lock(c, false))
            : button('lock', t('lockThread'), () => lock(c, true)),
          c.authorId && button('export', t('exportAuthor'), () => exportAuthor(c.authorId)),
          c.authorId && button('erase', t('eraseAuthor'), () => eraseAuthor(c.authorId), 'danger')),
        panel));
  }

  const status = c => (c.pending ? 'pending' : c.deleted ? 'deleted' : 'visible');
  // A card listed from all sites acts on its own site, not the one the page is on.
  const on = c => ($('#all-sites').checked ? { site: c.site } : undefined);

  // Ban duration, reason, and which identity to ban; the panel itself is the confirmation.
  function banPanel(c) {
    const seconds = fillDurations(h('select', { class: 'duration' }));
    const reason = h('input', { class: 'reason', maxlength: 200 });
    const panel = h('div', { class: 'ban-panel', role: 'group', 'aria-label': t('banPanel', { id: c.id }), hidden: true },
      h('label', {}, t('banFor'), ' ', seconds),
      h('label', {}, t('reason'), ' ', reason),
      c.authorId && h('button', { type: 'button', 'data-act': 'ban-author', class: 'danger',
        onclick: () => ban(c, panel, { authorId: c.authorId }, seconds, reason) }, t('banAuthor')),
      c.ipHash && h('button', { type: 'button', 'data-act': 'ban-ip', class: 'danger',
        onclick: () => ban(c, panel, { ipHash: c.ipHash }, seconds, reason) }, t('banIp')),
      h('button', { type: 'button', 'data-act': 'ban-cancel', onclick: () => closeBan(panel) }, t('cancel')));
    panel.addEventListener('keydown', e => { if (e.key === 'Escape') closeBan(panel); });
    return panel;
  }

  function openBan(panel) {
    panel.hidden = false;
    panel.querySelector('select').focus();
  }

  function closeBan(panel) {
    panel.hidden = true;
    panel.parentElement.querySelector('[data-act="ban"]').focus();
  }

  async function ban(c, panel, who, seconds, reason) {
    try {
      const made = await api('POST', '/admin/bans', { ...who, seconds: +seconds.value, reason: reason.value.trim() }, on(c));
      closeBan(panel);
      tell(t('bannedUntil', { who: who.authorId ? t('authorWho', { id: who.authorId }) : t('ipWho', { hash: who.ipHash }),
        until: when(made.until) }));
      changed();
    } catch (e) {
      complain(e);
    }
  }

  async function act(c, action) {
    try {
      if (action === 'delete') await api('DELETE', `/comments/${c.id}`, undefined, on(c));
      else await api('POST', `/admin/comments/${c.id}/${action}`, undefined, on(c));
      tell(t({ delete: 'deletedDone', restore: 'restored', approve: 'approved' }[action], { id: c.id }));
      await load();
      changed();
    } catch (e) {
      complain(e);
    }
  }

  // The thread's cards show the new lock before the notice says so; a refresh can't be relied on
  // to land first.
  function setLock({ thread, locked }) {
    locks.set(thread, locked);
    for (const { c } of [...cards.values()]) if (c.thread === thread) upsert(c);
    tell(t(locked ? 'locked' : 'unlocked', { thread }));
  }

  async function lock(c, locked) {
    try {
      setLock(await api('PUT', '/admin/threads/lock', { thread: c.thread, locked }, on(c)));
      await load();
      changed();
    } catch (e) {
      complain(e);
    }
  }

  // A new filter, status or site starts again from the newest page.
  const restart = () => { pages.length = 1; return load(); };
  $('#status').addEventListener('change', restart);
  $('#filters').addEventListener('submit', e => { e.preventDefault(); restart(); });
  $('#all-sites').addEventListener('change', restart);
  $('#refresh').addEventListener('click', () => load());
  $('#older').addEventListener('click', () => { if (older != null) { pages.push(older); load(); } });
  $('#newer').addEventListener('click', () => { if (pages.length > 1) { pages.pop(); load(); } });

  // Only the first page follows new comments; a moderator paging back keeps what they read.
  let timer = 0;
  return {
    load,
    restart,
    setLock,
    start() {
      clearInterval(timer);
      timer = setInterval(() => {
        if (!document.hidden && $('#auto').checked && pages.length === 1) load();
      }, REFRESH_MS);
      return load();
    },
    stop() {
      clearInterval(timer);
      list.replaceChildren();
      cards.clear();
    },
  };
}
