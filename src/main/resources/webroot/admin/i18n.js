/*
 * The moderation page's words (docs/admin.md, "Languages"): English here, every other language a
 * module of its own under lang/, loaded before the page starts, for the moderator's language: ?lang=
 * in the address, else the browser's list, chosen by the widget's own pick() (languages.js, served
 * from the widget's source). A key a language leaves out is shown in English.
 *
 * Static text in index.html carries data-t="key" (its text), data-t-label="key" (aria-label) or
 * data-t-caption; `code` in a string becomes a <code> element, built as nodes, never parsed as markup.
 */

import { LANGUAGES, pick } from './languages.js';

const EN = {
  title: 'Parley moderation',
  skip: 'Skip to content',
  sections: 'Sections',
  comments: 'Comments',
  bans: 'Bans',
  threads: 'Threads',
  settings: 'Settings',
  authors: 'Author data',
  audit: 'Audit log',
  signOut: 'Sign out',
  signIn: 'Sign in',
  tokenLabel: 'Moderator token',
  tokenHelp: 'The server\'s `PARLEY_ADMIN_TOKEN`. It is kept in this tab only and forgotten when the tab closes.',
  show: 'Show',
  all: 'All comments',
  pending: 'Waiting for approval',
  deleted: 'Deleted',
  refresh: 'Refresh',
  auto: 'Show new comments automatically',
  noComments: 'No comments here.',
  newer: '← Newer',
  older: 'Older →',
  page: 'Page {n}',
  ban: 'Ban',
  authorId: 'Author id',
  ipHash: 'IP hash',
  value: 'Value',
  for: 'For',
  reason: 'Reason',
  activeBans: 'Active bans',
  who: 'Who',
  until: 'Until',
  actions: 'Actions',
  noBans: 'No active bans.',
  lockHelp: 'A locked thread stays readable; new comments to it are refused.',
  thread: 'Thread',
  lock: 'Lock',
  unlock: 'Unlock',
  premoderation: 'Pre-moderation: new comments wait for approval (their authors see them at once)',
  blockedWords: 'Blocked words',
  wordsHelp: 'One per line. A comment containing one is refused.',
  blockedDomains: 'Blocked link domains',
  domainsHelp: 'One per line, e.g. `spam.example`. Links to them are refused.',
  saveSettings: 'Save settings',
  authorsHelp: 'Everything stored about one author, for a data request: export it as JSON, or erase it.',
  exportJson: 'Export JSON',
  erase: 'Erase…',
  newestFirst: 'Newest first',
  when: 'When',
  action: 'Action',
  target: 'Target',
  detail: 'Detail',
  cancel: 'Cancel',
  // Said by the scripts
  signedIn: 'Signed in.',
  signedOut: 'Signed out.',
  tokenLost: 'The server no longer accepts this token. Sign in again.',
  tokenMissing: 'Enter the moderator token.',
  tokenRefused: 'That token was not accepted.',
  unreachable: 'The server could not be reached ({message}).',
  tooMany: 'Too many requests: try again in {seconds} seconds.',
  aFew: 'a few',
  refused: 'The server refused: {message}.',
  hour1: '1 hour',
  day1: '1 day',
  week1: '1 week',
  days30: '30 days',
  year1: '1 year',
  commentBy: 'comment {id} by {author}',
  nobody: 'nobody',
  ssoTitle: 'Signed in through the site (SSO)',
  verified: '✓ verified',
  inThread: 'in',
  waiting: 'waiting for approval',
  deletedBadge: 'deleted',
  edited: 'edited',
  noText: '(no text)',
  comment: 'Comment',
  replyTo: ' (reply to #{id})',
  deletedBy: 'Deleted by',
  actionsFor: 'Actions for {label}',
  approve: 'Approve',
  delete: 'Delete',
  restore: 'Restore',
  banMore: 'Ban…',
  lockThread: 'Lock thread',
  unlockThread: 'Unlock thread',
  exportAuthor: 'Export author',
  eraseAuthor: 'Erase author…',
  banPanel: 'Ban the author of comment {id}',
  banFor: 'Ban for',
  banAuthor: 'Ban author',
  banIp: 'Ban IP hash',
  bannedUntil: 'Banned {who} until {until}.',
  authorWho: 'author {id}',
  ipWho: 'IP hash {hash}',
  approved: 'Comment #{id} approved.',
  deletedDone: 'Comment #{id} deleted.',
  restored: 'Comment #{id} restored.',
  locked: 'Thread {thread} locked.',
  unlocked: 'Thread {thread} unlocked.',
  liftBan: 'Lift ban',
  lifted: 'Ban on {who} lifted.',
  banWhat: 'Write the author id or IP hash to ban.',
  banned: 'Banned {who}.',
  threadWhat: 'Write the thread key.',
  saved: 'Settings saved.',
  exported: { one: 'Exported # comment of author {id}.', other: 'Exported # comments of author {id}.' },
  eraseTitle: 'Erase everything by author {id}?',
  eraseText: 'Every comment of this author loses its name, text and address hash for good, and readers see it as deleted; their reserved names, the reasons of their bans and audit entries naming them go too. Active bans keep working. This cannot be undone.',
  eraseOk: 'Erase for good',
  erased: { one: 'Erased # comment of author {id}.', other: 'Erased # comments of author {id}.' },
  authorWhat: 'Write the author id.',
  // Sites and filters
  siteLabel: 'Site',
  siteHelp: 'Empty for the default site. A site\'s own moderator token works for that site only.',
  defaultSite: 'default',
  author: 'Author',
  text: 'Text',
  allSites: 'All sites',
  filter: 'Filter',
  // Import and backup
  transfer: 'Import and backup',
  transferHelp: 'Comments from another system, or from a Parley export. Importing the same file again adds nothing; a dry run only says what an import would do. Readers see imported comments arrive.',
  format: 'Format',
  fromDisqus: 'Disqus (XML export)',
  fromWordpress: 'WordPress (WXR export)',
  fromRemark42: 'Remark42 (backup file)',
  fromIsso: 'Isso (SQLite database)',
  fromParley: 'Parley (export)',
  file: 'File',
  dryRun: 'Dry run',
  importIt: 'Import',
  backupHelp: 'A copy of the database and the secret, taken while the server runs, into the backup directory the server\'s settings name.',
  backUp: 'Back up now',
  chooseFile: 'Choose a file to import.',
  checking: 'Checking {name}…',
  importing: 'Importing {name}…',
  wouldImport: { one: 'Dry run: would import # comment into {threads}.', other: 'Dry run: would import # comments into {threads}.' },
  imported: { one: 'Imported # comment into {threads}.', other: 'Imported # comments into {threads}.' },
  threadCount: { one: '# thread', other: '# threads' },
  site: 'Site {site}, format {format}.',
  alreadyImported: 'Already imported before: {n}.',
  skipped: 'Skipped, {reason}: {n}.',
  renamed: 'Names replaced: {n}.',
  reparented: 'Replies attached higher up: {n}.',
  warning: 'Warning: {warning}',
  backedUp: 'Backed up to {directory}. The secret is PARLEY_SECRET: keep it with the backup.',
  backedUpSecret: 'Backed up to {directory}, with the secret.',
};

const code = pick(new URLSearchParams(location.search).get('lang'));
let table = {};
if (code !== 'en') {
  try { table = (await import(`./lang/${code}.js`)).default; } catch { /* English, rather than no page */ }
}

/** The locale the page writes in (dates, numbers), and whether it reads right to left. */
export const locale = code === 'en' || !Object.keys(table).length ? 'en' : LANGUAGES[code];
export const rtl = locale === 'ar';
const rules = new Intl.PluralRules(locale);
const number = new Intl.NumberFormat(locale);

/** The string for key, with {name} filled from vars; plural strings take the count as vars.n. */
export function t(key, vars = {}) {
  let text = table[key] ?? EN[key] ?? key; // a missing word, not a page that never starts
  if (typeof text === 'object') text = (text[rules.select(vars.n)] ?? text.other).replace('#', number.format(vars.n));
  return text.replace(/\{(\w+)\}/g, (_, name) => vars[name]);
}

/** Text with `code` spans as nodes: text nodes and <code> elements, never markup. */
function nodes(text) {
  return text.split('`').map((part, i) => {
    if (i % 2 === 0) return document.createTextNode(part);
    const code = document.createElement('code');
    code.textContent = part;
    return code;
  });
}

/** Puts the page's static text in the moderator's language. */
export function translate(root = document) {
  document.documentElement.lang = locale;
  document.documentElement.dir = rtl ? 'rtl' : 'ltr';
  for (const el of root.querySelectorAll('[data-t]')) el.replaceChildren(...nodes(t(el.dataset.t)));
  for (const el of root.querySelectorAll('[data-t-label]')) el.setAttribute('aria-label', t(el.dataset.tLabel));
}
