/*
 * Parley's moderation page (docs/admin.md): sign in with the moderator token, then every section.
 * Plain ES modules, no build step; the server's CSP allows no inline script or style, so none is
 * used.
 */
import { $, api, ApiError, complain, session, tell } from './api.js';
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

async function signIn(token) {
  session.set(token);
  await api('GET', '/admin/settings'); // proves the token before anything is shown
  showApp(true);
  tell(t('signedIn'));
  await Promise.all([comments.start(), settings.load(), bans.load(), audit.load()]);
}

function signOut(message) {
  session.set('');
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
  if (!token) {
    signOut(t('tokenMissing'));
    return;
  }
  try {
    await signIn(token);
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
  signIn(session.token).catch(err => {
    if (err instanceof ApiError && (err.status === 401 || err.status === 403)) return; // onLost showed the form
    showApp(false);
    complain(err);
  });
} else {
  showApp(false);
  $('#token').focus();
}
