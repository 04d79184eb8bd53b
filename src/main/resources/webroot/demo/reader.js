// One reader of the demo's /demo/two (docs/widget.md, "Demo pages"): that page frames this one twice,
// as ?reader=one and ?reader=two, and each frame keeps its own identity (author token, name, own
// comments) under its own data-storage-key. A classic script ahead of the async embed.js, so it has
// run before the widget reads the attribute.
{
  const reader = new URLSearchParams(location.search).get('reader');
  if (reader) document.getElementById('parley').dataset.storageKey = reader;
}
