// The words the widget shows. English is built in; every other language is an optional part
// (widget/lang-<code>/), loaded only for the readers who get it, and any string a part leaves out
// stays English.

const SEND_KEY = /Mac|iP/.test(navigator.platform) ? '⌘' : 'Ctrl';

const EN = {
  title: 'Comments',
  count: n => (n === 1 ? '1 comment' : `${n} comments`),
  connecting: 'connecting…',
  live: 'live',
  reconnecting: 'reconnecting…',
  reading: n => `${n} reading now`,
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
  sure: 'Delete for good?',
  replyTo: name => `Reply to ${name}`,
  replyingTo: name => `replying to ${name}`,
  you: 'You',
  verified: 'Verified',
  sending: 'sending…',
  held: 'waiting for approval',
  edited: 'edited',
  deleted: 'This comment was deleted.',
  justNow: 'just now',
  empty: 'No comments yet. Start the conversation!',
  loadFailed: 'Comments could not be loaded yet. Retrying…',
  left: n => (n >= 0 ? `${n} characters left` : `${-n} characters too many`),
  fresh: n => (n === 1 ? '1 new comment' : `${n} new comments`),
  freshFrom: name => `New comment from ${name}`,
  wait: s => `Too fast. Please try again in ${s} s.`,
  errors: {
    invalid_author: `Please enter a name (up to ${MAX_AUTHOR} characters).`,
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
};

// Languages with a part, by the first two letters of data-lang or the browser's language: the
// locale their times and dates are written in.
const LANGUAGES = { zh: 'zh-CN' };

// Calls done(T, locale) with the reader's strings: at once in English, otherwise once the language's
// part has loaded, or in English if it cannot be loaded (a blocked request, a network error).
function language(host, done) {
  const code = (host.dataset.lang || navigator.language || '').slice(0, 2).toLowerCase();
  const locale = LANGUAGES[code];
  if (!locale) return done(EN, 'en');
  part(`lang-${code}`).then(make => {
    const T = make({ SEND_KEY, MAX_AUTHOR, MAX_BODY });
    done({ ...EN, ...T, errors: { ...EN.errors, ...T.errors } }, locale);
  }, () => done(EN, 'en'));
}

const say = (T, code, s) => (code === 'rate_limited' && s > 0 ? T.wait(s) : T.errors[code] || T.errors.other);

const UNITS = [['year', 31536000], ['month', 2592000], ['day', 86400], ['hour', 3600], ['minute', 60]];

function relTime(ms, T, rtf) {
  const s = (ms - Date.now()) / 1000;
  if (!(s <= -60)) return T.justNow;
  const [unit, size] = UNITS.find(([, size]) => -s >= size);
  return rtf.format(Math.trunc(s / size), unit);
}
