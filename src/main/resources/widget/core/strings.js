// The words the widget shows (docs/widget.md, "Languages"). English is built in; every other
// language is an optional part (widget/lang-<code>/), loaded only for the readers who get it, and any
// string a part leaves out stays English. A language is a function of what the core lends it: the
// limits, the send key, and P, which makes a plural string from forms by Intl.PluralRules category
// ('#' is the number, written by Intl.NumberFormat).

const SEND_KEY = /Mac|iP/.test(navigator.platform) ? '⌘' : 'Ctrl';

const EN = ({ MAX_AUTHOR, MAX_BODY, P }) => ({
  dir: 'ltr',
  title: 'Comments',
  count: P({ one: '# comment', other: '# comments' }),
  connecting: 'connecting…',
  live: 'live',
  reconnecting: 'reconnecting…',
  reading: P({ other: '# reading now' }),
  order: 'Order',
  newest: 'Newest first',
  oldest: 'Oldest first',
  name: 'Name',
  comment: 'Comment',
  placeholder: 'Join the discussion (Markdown works)',
  hint: `${SEND_KEY}+Enter to send`,
  post: 'Post',
  preview: 'Preview',
  save: 'Save',
  cancel: 'Cancel',
  reply: 'Reply',
  edit: 'Edit',
  del: 'Delete',
  menu: 'More',
  sure: 'Delete for good?',
  replyTo: name => `Reply to ${name}`,
  replyingTo: name => `replying to ${name}`,
  as: name => `Posting as ${name}`,
  you: 'You',
  verified: 'Verified',
  sending: 'sending…',
  held: 'waiting for approval',
  edited: 'edited',
  deleted: 'This comment was deleted.',
  justNow: 'just now',
  empty: 'No comments yet. Start the conversation!',
  loadFailed: 'Comments could not be loaded yet. Retrying…',
  left: P({ one: '# character left', other: '# characters left' }),
  over: P({ one: '# character too many', other: '# characters too many' }),
  fresh: P({ one: '# new comment', other: '# new comments' }),
  freshFrom: name => `New comment from ${name}`,
  wait: P({ other: 'Too fast. Please try again in # s.' }),
  errors: {
    invalid_author: `Please enter a name (up to ${MAX_AUTHOR} characters).`,
    name_taken: 'This name belongs to a signed-in user. Please choose another.',
    invalid_body: `Please write a comment (up to ${MAX_BODY} characters).`,
    invalid_parent: 'The comment you replied to no longer exists.',
    rate_limited: 'You are posting too fast. Please wait a moment and try again.',
    banned: 'You can no longer comment here.',
    thread_locked: 'This discussion is closed to new comments.',
    blocked_content: 'Your comment has words or links that are not allowed here.',
    duplicate: 'You already posted this comment.',
    too_many_links: 'Your comment has too many links.',
    edit_window_closed: 'This comment can no longer be changed.',
    forbidden: 'You can only change your own comments.',
    unauthorized: 'Your sign-in could not be verified. Please reload the page.',
    other: 'Something went wrong. Please try again.',
  },
});

// Calls done(T, locale) with the reader's strings: at once in English, otherwise once the language's
// part has loaded, or in English if it cannot be loaded (a blocked request, a network error).
function language(host, done) {
  const code = pick(host.dataset.lang);
  const make = (lang, locale) => {
    const rules = new Intl.PluralRules(locale);
    const n = new Intl.NumberFormat(locale).format;
    const P = forms => x => (forms[rules.select(x)] ?? forms.other).replace('#', n(x));
    const lent = { SEND_KEY, MAX_AUTHOR: n(MAX_AUTHOR), MAX_BODY: n(MAX_BODY), P };
    const T = lang(lent), E = EN(lent);
    done({ ...E, ...T, errors: { ...E.errors, ...T.errors } }, locale);
  };
  if (code === 'en') return make(EN, 'en');
  part(`lang-${code}`).then(lang => make(lang, LANGUAGES[code]), () => make(EN, 'en'));
}

const say = (T, code, s) => (code === 'rate_limited' && s > 0 ? T.wait(+s) : T.errors[code] || T.errors.other);

const UNITS = [['year', 31536000], ['month', 2592000], ['day', 86400], ['hour', 3600], ['minute', 60]];

function relTime(ms, T, rtf) {
  const s = (ms - Date.now()) / 1000;
  if (!(s <= -60)) return T.justNow;
  const [unit, size] = UNITS.find(([, size]) => -s >= size);
  return rtf.format(Math.trunc(s / size), unit);
}
