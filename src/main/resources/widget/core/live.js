// What moves on screen when others write (docs/widget.md, "Live"): nothing the reader is looking at
// moves, comments landing above the viewport show the "new comments" pill, and arrivals are
// announced to screen readers in batches.

function createLive(root, T, pill, announcer) {
  const unseen = new Set();
  const seen = new IntersectionObserver(entries => {
    for (const e of entries) if (e.isIntersecting) { unseen.delete(e.target); seen.unobserve(e.target); }
    show();
  });
  let heard = [];
  let announceTimer = 0;

  function show() {
    pill.hidden = unseen.size === 0;
    pill.textContent = `↑ ${T.fresh(unseen.size)}`;
  }
  pill.addEventListener('click', () => {
    const topOf = el => el.getBoundingClientRect().top;
    const top = [...unseen].sort((a, b) => topOf(a) - topOf(b))[0];
    unseen.clear();
    seen.disconnect();
    show();
    if (top) { top.scrollIntoView({ block: 'center' }); top.focus({ preventScroll: true }); }
  });

  function announce(author) {
    heard.push(author);
    announceTimer ||= setTimeout(() => {
      announcer.textContent = heard.length === 1 ? T.freshFrom(heard[0]) : T.fresh(heard.length);
      heard = [];
      announceTimer = 0;
    }, 1500);
  }

  return {
    steady(insert) {
      const ref = [...root.querySelectorAll('.form, .meta')].find(el => el.getBoundingClientRect().bottom > 0);
      const y = ref && ref.getBoundingClientRect().top;
      const el = insert();
      const dy = ref && ref.isConnected ? ref.getBoundingClientRect().top - y : 0;
      if (dy) scrollBy(0, dy);
      return el;
    },
    arrived(el, author) {
      el.classList.add('new');
      el.addEventListener('animationend', () => el.classList.remove('new'), { once: true });
      if (el.getBoundingClientRect().bottom <= 0) { unseen.add(el); seen.observe(el); show(); }
      announce(author);
    },
  };
}
