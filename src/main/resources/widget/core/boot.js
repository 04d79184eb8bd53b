// The entry point, last of the core's files: one widget, in the element with id="parley", once the
// document has been parsed. The shadow root is attached at once, so a second copy of embed.js on the
// page finds it taken even while the first waits for its language.

function start() {
  const host = document.getElementById('parley');
  if (!host || host.shadowRoot) return;
  const shadow = host.attachShadow({ mode: 'open' });
  language(host, (T, locale) => mount(host, shadow, T, locale));
}
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
