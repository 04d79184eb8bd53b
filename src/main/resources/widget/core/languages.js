// The languages spoken besides English (docs/widget.md, "Languages"), shared by embed.js and
// count.js: each name, with the locale its numbers, times and dates are written in. For the widget
// each is the part lang-<name>. zh is Simplified Chinese; Traditional (zh-TW) is chosen by region
// or script: zh-TW, zh-HK, zh-MO, zh-Hant.
const LANGUAGES = { zh: 'zh-CN', 'zh-TW': 'zh-TW', ja: 'ja', ko: 'ko', es: 'es', fr: 'fr', de: 'de', pt: 'pt-BR', ru: 'ru', ar: 'ar' };

// The first of the reader's languages that is spoken here (English included), or English: from
// lang when the page gives one (data-lang), otherwise the browser's list in its order of preference.
function pick(lang) {
  for (const tag of lang ? [lang] : navigator.languages || [navigator.language]) {
    const t = tag.toLowerCase();
    const code = /^zh-(hant|tw|hk|mo)/.test(t) ? 'zh-TW' : t.split('-')[0];
    if (code === 'en' || LANGUAGES[code]) return code;
  }
  return 'en';
}
