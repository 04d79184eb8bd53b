// Optional parts (docs/widget.md, "Parts"): code the first load leaves out, served by the same
// server at /widget/<name>.js, joined and compacted like embed.js. A part's script hands over what it
// exports by setting document.currentScript.parley, so neither it nor the core needs a global name,
// and the script element is removed once it has run.

const parts = new Map();

// Resolves to what the part exported. Each part is requested once however often it is asked for; a
// failed load is forgotten, so the next need tries again.
function part(name) {
  if (!parts.has(name)) {
    parts.set(name, new Promise((resolve, reject) => {
      // The nonce of embed.js's own tag lets the part through a nonce-based Content-Security-Policy.
      const s = h('script', { src: `${BASE}/widget/${name}.js`, nonce: me?.nonce || null });
      s.onload = s.onerror = () => {
        s.remove();
        if (s.parley) return resolve(s.parley);
        parts.delete(name);
        reject(new Error(`part ${name} did not load`));
      };
      document.head.append(s);
    }));
  }
  return parts.get(name);
}
