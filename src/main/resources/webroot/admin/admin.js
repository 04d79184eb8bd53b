/*
 * Parley's moderation page (docs/admin.md): sign in with the moderator token, then every section.
 * Plain ES modules, no build step; the server's CSP allows no inline script or style, so none is
 * used.
 */
import { $, api, ApiError, complain, h, session, tell } from './api.js';
import { t, translate } from './i18n.js';
import { createComments } from './comments.js';
import { createAudit, createAuthors, createBans, createSettings, createThreads } from './panels.js';
import { createTransfer } from './transfer.js';

translate();

// Any action may show up elsewhere (a ban in the ban list, everything in the audit log).
const changed = () => { bans.load(); audit.load(); };

const audit = createAudit();
const bans = createBans(changed);
const settings = createSettings(changed);
const authors = createAuthors(() => { comments.load(); changed(); }); // an erasure changes comments too
const comments = createComments({ changed, ...authors });
createThreads(comments.setLock, () => { comments.load(); changed(); });
createTransfer(() => { comments.load(); changed(); }); // imported comments show in the list

function showApp(signedIn) {
  $('#login').hidden = signedIn;
  $('#app').hidden = !signedIn;
  $('#nav').hidden = !signedIn;
}

async function signIn(token, site) {
  session.set(token, site);
  await api('GET', '/admin/settings'); // proves the token (for this site) before anything is shown
  showApp(true);
  tell(t('signedIn'));
  await Promise.all([pickSites(), comments.start(), settings.load(), bans.load(), audit.load()]);
}

// The server's admin may switch sites and list every site's comments at once; a site's moderator
// (whose token /admin/sites refuses) stays on their site and sees no picker.
async function pickSites() {
  let sites;
  try {
    ({ sites } = await api('GET', '/admin/sites', undefined, { mayRefuse: true }));
  } catch (err) {
    if (!(err instanceof ApiError && err.status === 403)) complain(err);
    return;
  }
  // The default site (''), every stored one, and the one signed in to even if it was typed oddly.
  const names = [...new Set(['', ...sites.map(s => s.name), session.site])].sort();
  $('#site-pick').replaceChildren(...names.map(n => h('option', { value: n }, n || t('defaultSite'))));
  $('#site-pick').value = session.site;
  $('#site-pick-label').hidden = false;
  $('#all-sites-label').hidden = false;
}

$('#site-pick').addEventListener('change', () => {
  session.setSite($('#site-pick').value);
  comments.restart();
  settings.load();
  changed();
});

function signOut(message) {
  session.set('');
  $('#site-pick-label').hidden = true;
  $('#all-sites-label').hidden = true;
  $('#all-sites').checked = false;
  comments.stop();
  showApp(false);
  const error = $('#login-error');
  error.textContent = message || '';
  error.hidden = !message;
  $('#problem').hidden = true;
  tell(message ? '' : t('signedOut'));
  $('#token').value = '';
  $('#token').focus();
}

session.onLost = () => signOut(t('tokenLost'));

$('#login').addEventListener('submit', async e => {
  e.preventDefault();
  const token = $('#token').value.trim();
  const site = $('#login-site').value.trim();
  if (!token) {
    signOut(t('tokenMissing'));
    return;
  }
  try {
    await signIn(token, site);
    $('#comments-title').focus();
  } catch (err) {
    if (!(err instanceof ApiError)) complain(err);
    else if (err.status !== 401 && err.status !== 403) complain(err);
    else signOut(t('tokenRefused'));
  }
});

$('#sign-out').addEventListener('click', () => signOut());

// A reload in a signed-in tab goes straight back in; the sign-in form shows only when needed.
if (session.token) {
  signIn(session.token, session.site).catch(err => {
    if (err instanceof ApiError && (err.status === 401 || err.status === 403)) return; // onLost showed the form
    showApp(false);
    complain(err);
  });
} else {
  showApp(false);
  $('#login-site').value = new URLSearchParams(location.search).get('site') || '';
  $('#token').focus();
}
