// One comment form (docs/widget.md, "Writing"): the name (remembered), the text with its counter,
// the server's preview, and the checks made before anything is sent. What a sent post becomes is
// posts.js's business: onSend gets { parent, author, body, website }.

const NAME = 'parley.name';

let formIds = 0;

// Where a physical keyboard is likely: only there is Ctrl+Enter worth a hint.
const KEYBOARD = matchMedia('(hover: hover) and (pointer: fine)');

// The name a signed-in reader posts as: the `name` claim of the site's token (base64url of UTF-8
// JSON; escape turns the bytes into %XX that decodeURIComponent reads as UTF-8).
function ssoName(token) {
  try { return JSON.parse(decodeURIComponent(escape(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))))).name; } catch { /* no name */ }
}

function createForm(T, { parent = null, edit, sso, onSend, onCancel }) {
  const id = `parley-${++formIds}`;
  const named = edit == null && !sso;
  const as = edit == null && sso && ssoName(sso);
  const name = h('input', { name: 'author', autocomplete: 'nickname', required: true });
  name.value = store(NAME) || '';
  const text = h('textarea', {
    name: 'body', rows: 3, required: true, placeholder: T.placeholder, 'aria-describedby': `${id}-count ${id}-error`,
  });
  text.value = edit || '';
  const trap = h('input', { name: 'website', tabindex: '-1', autocomplete: 'off' });
  const count = h('span', { class: 'count', id: `${id}-count` });
  const error = h('p', { class: 'error', id: `${id}-error`, role: 'alert', hidden: true });
  const field = h('label', {}, h('span', { class: 'sr' }, edit != null ? T.edit : parent == null ? T.comment : T.reply), text);
  // The server's own rendering of the draft, sanitized as a posted comment is.
  const preview = h('div', { class: 'body preview', tabindex: '-1', hidden: true });
  const toggle = h('button', { type: 'button', class: 'toggle', 'aria-pressed': 'false', onclick: () => (preview.hidden ? look() : write(true)) }, T.preview);
  const form = h('form', { class: 'form', novalidate: true },
    named && h('label', { class: 'name' }, T.name, name),
    as && h('p', { class: 'as' }, T.as(as)),
    field,
    preview,
    h('div', { class: 'sr', 'aria-hidden': 'true' }, trap),
    h('div', { class: 'bar' },
      h('span', { class: 'hint', hidden: !KEYBOARD.matches }, T.hint),
      count,
      onCancel && h('button', { type: 'button', class: 'cancel', onclick: onCancel }, T.cancel),
      toggle,
      h('button', { type: 'submit', class: 'primary' }, edit != null ? T.save : T.post)),
    error);

  const show = (code, s) => {
    error.textContent = say(T, code, s);
    error.hidden = false;
  };
  const recount = () => {
    const left = MAX_BODY - codePoints(text.value.trim());
    count.textContent = left > 1000 ? '' : left < 0 ? T.over(-left) : T.left(left);
    count.classList.toggle('over', left < 0);
  };

  const write = focus => {
    preview.hidden = true;
    field.hidden = false;
    toggle.setAttribute('aria-pressed', 'false');
    if (focus) text.focus();
  };
  async function look() {
    const body = text.value.trim();
    if (!body || codePoints(body) > MAX_BODY) { show('invalid_body'); text.focus(); return; }
    let code, res;
    try {
      res = await fetch(`${BASE}/api/v1/preview?${site}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ body }) });
      const answer = await res.json();
      if (res.ok) {
        error.hidden = true;
        preview.replaceChildren(safeHtml(answer.html));
        field.hidden = true;
        preview.hidden = false;
        toggle.setAttribute('aria-pressed', 'true');
        return;
      }
      code = answer.error.code;
    } catch { /* the generic message */ }
    show(code, res && res.headers.get('Retry-After'));
  }

  text.addEventListener('input', recount);
  text.addEventListener('keydown', e => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); form.requestSubmit(); }
  });
  form.addEventListener('keydown', e => { if (e.key === 'Escape' && onCancel) onCancel(); });
  form.addEventListener('submit', e => {
    e.preventDefault();
    const author = named ? name.value.trim() : undefined;
    const body = text.value.trim();
    if (named && (!author || codePoints(author) > MAX_AUTHOR)) { show('invalid_author'); name.focus(); return; }
    if (!body || codePoints(body) > MAX_BODY) { show('invalid_body'); text.focus(); return; }
    error.hidden = true;
    if (named) store(NAME, author);
    onSend({ parent, author, body, website: trap.value });
  });

  return {
    el: form,
    show,
    focus: () => (named && !name.value ? name : text).focus(),
    clear() { text.value = ''; recount(); write(); },
    fail(code, body) {
      text.value = text.value.trim() ? `${body}\n\n${text.value}` : body;
      recount();
      write();
      show(code);
    },
  };
}
