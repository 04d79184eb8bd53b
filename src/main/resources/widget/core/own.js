// What this browser keeps of its own comments on this Parley server (docs/widget.md, "Own
// comments"): the author token, and the ids of its last 50 comments with the server's editableUntil.
// Keyed by the server's origin, so two Parley servers on one site never share them.

const TOKEN = `parley.token@${BASE}`;
const MINE = `parley.mine@${BASE}`;

// editMs: the edit window assumed for an id kept by an older widget, without the server's deadline.
function createOwn(editMs) {
  // Own comment id -> the server's editableUntil in ms (null: an older entry, or an older server).
  let mine;
  try { mine = new Map(JSON.parse(store(MINE)).map(e => [].concat(e))); } catch { mine = new Map(); }

  return {
    token: () => store(TOKEN),
    keepToken: token => store(TOKEN, token),
    remember: (id, until) => store(MINE, JSON.stringify([...mine.set(id, until)].slice(-50))),
    forget: id => mine.delete(id),
    // The ms left to edit c: none for a comment that is not the reader's own.
    left: c => (mine.has(c.id) ? (mine.get(c.id) ?? Date.parse(c.createdAt) + editMs) - Date.now() : 0),
  };
}
