/*
 * The moderation page's other sections: bans, thread locks, settings, author data (export and
 * erase) and the audit log. Each loads from and writes to /api/v1/admin/* only.
 */
import { $, api, complain, confirmAction, fillDurations, h, tell, time } from './api.js';
import { t } from './i18n.js';

export function createBans(changed) {
  fillDurations($('#ban-seconds'));

  async function load() {
    try {
      const { bans } = await api('GET', '/admin/bans');
      $('#ban-rows').replaceChildren(...bans.map(row));
      $('#bans-empty').hidden = bans.length > 0;
    } catch (e) {
      complain(e);
    }
  }

  function row(ban) {
    const who = ban.authorId != null ? [t('authorWho', { id: '' }), h('code', {}, ban.authorId)]
      : [t('ipWho', { hash: '' }), h('code', {}, ban.ipHash)];
    return h('tr', { 'data-id': ban.id },
      h('td', {}, who),
      h('td', {}, time(ban.until)),
      h('td', {}, ban.reason || '—'),
      h('td', {}, h('button', { type: 'button', 'data-act': 'lift', onclick: () => lift(ban) }, t('liftBan'))));
  }

  async function lift(ban) {
    try {
      await api('DELETE', `/admin/bans/${ban.id}`);
      tell(t('lifted', { who: ban.authorId ?? ban.ipHash }));
      changed();
      $('#bans-title').focus();
    } catch (e) {
      complain(e);
    }
  }

  $('#ban-form').addEventListener('submit', async e => {
    e.preventDefault();
    const value = $('#ban-value').value.trim();
    if (!value) { complain(t('banWhat')); $('#ban-value').focus(); return; }
    try {
      const kind = $('#ban-kind').value;
      await api('POST', '/admin/bans', { [kind]: value, seconds: +$('#ban-seconds').value, reason: $('#ban-reason').value.trim() });
      tell(t('banned', { who: kind === 'authorId' ? t('authorWho', { id: value }) : t('ipWho', { hash: value }) }));
      $('#ban-value').value = $('#ban-reason').value = '';
      changed();
    } catch (err) {
      complain(err);
    }
  });

  return { load };
}

export function createThreads(setLock, changed) {
  $('#lock-form').addEventListener('submit', async e => {
    e.preventDefault();
    const thread = $('#lock-thread').value.trim();
    if (!thread) { complain(t('threadWhat')); $('#lock-thread').focus(); return; }
    try {
      setLock(await api('PUT', '/admin/threads/lock', { thread, locked: e.submitter?.dataset.locked !== 'false' }));
      changed();
    } catch (err) {
      complain(err);
    }
  });
}

export function createSettings(changed) {
  const lines = text => text.split('\n').map(s => s.trim()).filter(Boolean);

  async function load() {
    try {
      const s = await api('GET', '/admin/settings');
      $('#premoderation').checked = !!s.premoderation;
      $('#blocked-words').value = (s.blockedWords || []).join('\n');
      $('#blocked-domains').value = (s.blockedDomains || []).join('\n');
    } catch (e) {
      complain(e);
    }
  }

  $('#settings-form').addEventListener('submit', async e => {
    e.preventDefault();
    try {
      await api('PUT', '/admin/settings', {
        premoderation: $('#premoderation').checked,
        blockedWords: lines($('#blocked-words').value),
        blockedDomains: lines($('#blocked-domains').value),
      });
      tell(t('saved'));
      await load();
      changed();
    } catch (err) {
      complain(err);
    }
  });

  return { load };
}

export function createAuthors(changed) {
  async function exportAuthor(authorId) {
    try {
      const data = await api('GET', `/admin/authors/${encodeURIComponent(authorId)}`);
      const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
      const link = h('a', { href: url, download: `parley-author-${authorId.replace(/[^\w.-]/g, '_')}.json`, hidden: true });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60000);
      tell(t('exported', { n: data.comments.length, id: authorId }));
      changed();
    } catch (e) {
      complain(e);
    }
  }

  async function eraseAuthor(authorId) {
    const sure = await confirmAction(t('eraseTitle', { id: authorId }), t('eraseText'), t('eraseOk'));
    if (!sure) return;
    try {
      const { erased } = await api('DELETE', `/admin/authors/${encodeURIComponent(authorId)}`);
      tell(t('erased', { n: erased, id: authorId }));
      changed();
    } catch (e) {
      complain(e);
    }
  }

  $('#author-form').addEventListener('submit', e => {
    e.preventDefault();
    const authorId = $('#author-id').value.trim();
    if (!authorId) { complain(t('authorWhat')); $('#author-id').focus(); return; }
    (e.submitter?.dataset.act === 'erase' ? eraseAuthor : exportAuthor)(authorId);
  });

  return { exportAuthor, eraseAuthor };
}

export function createAudit() {
  async function load() {
    try {
      const { entries } = await api('GET', '/admin/audit?limit=100');
      $('#audit-rows').replaceChildren(...entries.map(e => h('tr', {},
        h('td', {}, time(e.at)), h('td', {}, e.actor), h('td', {}, e.action),
        h('td', {}, h('code', {}, e.target ?? '')), h('td', {}, detail(e.detail)))));
    } catch (e) {
      complain(e);
    }
  }
  $('#audit-refresh').addEventListener('click', load);
  return { load };
}

const detail = d => (d == null ? '' : typeof d === 'string' ? d : JSON.stringify(d));
