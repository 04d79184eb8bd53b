// Editing and deleting one's own comments (docs/widget.md, "Own comments" and "Parts"): the part
// /widget/edit.js, which the core loads the first time a reader presses Edit or Delete (most page
// views never do). The core lends it what it needs: its strings, the view, the reader's own
// comments, the in-place form, its API call, the header's counts and its error wording.

document.currentScript.parley = ({ T, view, own, inline, call, counts, say }) => {
  // The server has the last word on the edit window.
  async function change(id, method, body, show) {
    let code, res;
    try {
      res = await call(`/${id}`, method, body);
      if (res.ok) return res.status === 204 || await res.json();
      code = (await res.json()).error.code;
    } catch { /* the generic message */ }
    if (code === 'edit_window_closed' || code === 'forbidden') { own.forget(id); view.refill(id); }
    show(code, res && res.headers.get('Retry-After'));
  }

  function edit(el, button) {
    if (el.classList.contains('editing')) return;
    const id = +el.dataset.id;
    el.classList.add('editing');
    const form = inline(el, button, close => ({
      edit: view.get(id).body,
      onSend: async ({ body }) => {
        const c = await change(id, 'PATCH', { body }, form.show);
        if (c) { view.upsert(c); close(); }
      },
    }), ':scope > .body');
    form.el.classList.add('editor');
  }

  // Two steps: the first press asks, the second deletes (the button's text goes back on blur).
  async function del(el, button) {
    if (button.textContent !== T.sure) { button.textContent = T.sure; return; }
    const id = +el.dataset.id;
    const note = el.querySelector(':scope > .error');
    note.hidden = !(await change(id, 'DELETE', null, (code, s) => { note.textContent = say(T, code, s); }));
    if (note.hidden) {
      view.upsert({ ...view.get(id), deleted: true, author: '', body: '', html: '' });
      counts();
    }
  }

  return { edit, del };
};
