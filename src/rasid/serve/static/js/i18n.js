// UI language: messages from /static/i18n/<lang>.json, remembered in localStorage;
// Arabic turns the page right-to-left.
const LANGS = ['en', 'ar'];
const STORE_KEY = 'rasid.lang';
let messages = {};
let lang = 'en';
const listeners = [];

export function currentLang() { return lang; }

/** The message for key with {name} placeholders filled, or the key itself when missing. */
export function t(key, values = {}) {
  const text = Object.prototype.hasOwnProperty.call(messages, key) ? messages[key] : key;
  return text.replace(/\{(\w+)\}/g, (_, name) => (name in values ? String(values[name]) : `{${name}}`));
}

/** An event type in the UI language (the ACLED name when there is no translation). */
export function typeName(type) {
  const key = `type.${type || 'unknown'}`;
  return Object.prototype.hasOwnProperty.call(messages, key) ? messages[key] : (type || t('unknown'));
}

export function onLanguageChange(fn) { listeners.push(fn); }

export async function setLang(next) {
  lang = LANGS.includes(next) ? next : 'en';
  const response = await fetch(`/static/i18n/${lang}.json`);
  messages = await response.json();
  try { localStorage.setItem(STORE_KEY, lang); } catch (_) { /* storage may be off */ }
  document.documentElement.lang = lang;
  document.documentElement.dir = lang === 'ar' ? 'rtl' : 'ltr';
  translateStatic(document);
  for (const fn of listeners) fn(lang);
}

export function storedLang() {
  try { return localStorage.getItem(STORE_KEY) || 'en'; } catch (_) { return 'en'; }
}

/** Fill every [data-i18n] element of the page's own markup. */
export function translateStatic(root) {
  for (const node of root.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
}
