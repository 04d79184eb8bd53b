// The moderation page's /admin/languages.js: the widget's languages.js (LANGUAGES, pick) as an ES
// module, so the page chooses its language exactly as the widget does, from the same source.
export { LANGUAGES, pick };
