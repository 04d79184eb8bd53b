// The words the widget shows, in English and Simplified Chinese.

const SEND_KEY = /Mac|iP/.test(navigator.platform) ? '⌘' : 'Ctrl';

const STRINGS = {
  en: {
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
  },
  zh: {
    title: '评论',
    count: n => `${n} 条评论`,
    connecting: '正在连接…',
    live: '实时',
    reconnecting: '正在重新连接…',
    reading: n => `${n} 人正在阅读`,
    order: '排序',
    newest: '最新在前',
    oldest: '最早在前',
    name: '昵称',
    comment: '评论',
    placeholder: '参与讨论（支持 Markdown）',
    hint: `${SEND_KEY}+Enter 发送`,
    post: '发表',
    preview: '预览',
    save: '保存',
    cancel: '取消',
    reply: '回复',
    edit: '编辑',
    del: '删除',
    sure: '确定删除？',
    replyTo: name => `回复 ${name}`,
    replyingTo: name => `回复 ${name}`,
    you: '你',
    verified: '已验证',
    sending: '发送中…',
    held: '等待审核',
    edited: '已编辑',
    deleted: '此评论已删除。',
    justNow: '刚刚',
    empty: '还没有评论，来说两句吧！',
    loadFailed: '评论暂时无法加载，正在重试…',
    left: n => (n >= 0 ? `还可输入 ${n} 字` : `超出 ${-n} 字`),
    fresh: n => `${n} 条新评论`,
    freshFrom: name => `${name} 发表了新评论`,
    wait: s => `操作太频繁，请 ${s} 秒后再试。`,
    errors: {
      invalid_author: `请填写昵称（最多 ${MAX_AUTHOR} 个字）。`,
      invalid_body: `请填写评论内容（最多 ${MAX_BODY} 个字）。`,
      invalid_parent: '你回复的评论已不存在。',
      rate_limited: '发表太频繁了，请稍等片刻再试。',
      banned: '你已被禁止在此评论。',
      thread_locked: '此讨论已关闭，不能再发表评论。',
      blocked_content: '评论中含有不允许的词语或链接。',
      duplicate: '你已经发表过相同的评论。',
      too_many_links: '评论中的链接太多了。',
      edit_window_closed: '此评论已超过可修改的时间。',
      forbidden: '你只能修改自己的评论。',
      unauthorized: '身份验证失败，请刷新页面。',
      other: '出错了，请重试。',
    },
  },
};

// Calls done(T, locale) with the reader's strings, from data-lang or the browser's language.
function language(host, done) {
  const zh = /^zh/i.test(host.dataset.lang || navigator.language || '');
  done(zh ? STRINGS.zh : STRINGS.en, zh ? 'zh-CN' : 'en');
}

const say = (T, code, s) => (code === 'rate_limited' && s > 0 ? T.wait(s) : T.errors[code] || T.errors.other);

const UNITS = [['year', 31536000], ['month', 2592000], ['day', 86400], ['hour', 3600], ['minute', 60]];

function relTime(ms, T, rtf) {
  const s = (ms - Date.now()) / 1000;
  if (!(s <= -60)) return T.justNow;
  const [unit, size] = UNITS.find(([, size]) => -s >= size);
  return rtf.format(Math.trunc(s / size), unit);
}
