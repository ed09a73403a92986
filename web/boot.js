// Starts the web app. A file of its own, not an inline script, so the Content-Security-Policy
// can forbid inline scripts (script-src 'self'). scripts/build-web.sh fills in the hashed
// names of the wasm-bindgen module and the wasm binary, and hashes this file's name too.
import init from '{{script}}';

// A person who reads another language than English gets its words fetched alongside the wasm
// (web/src/i18n.rs waits for them before the first screen): the language chosen in this
// browser, else the browser's first that the portal speaks (the same rule as i18n.rs).
const PORTAL_LANGUAGES = { en: 'en', es: 'es', fr: 'fr-CA' };
function startingLanguage() {
  let wanted = [];
  try {
    const chosen = localStorage.getItem('rental_portal.language');
    if (chosen) wanted = [chosen];
  } catch (_) { /* storage blocked: the browser's languages */ }
  if (wanted.length === 0) wanted = navigator.languages?.length ? navigator.languages : [navigator.language];
  for (const tag of wanted) {
    const language = PORTAL_LANGUAGES[String(tag).split(/[-_]/)[0].toLowerCase()];
    if (language) return language;
  }
  return 'en';
}
const language = startingLanguage();
if (language !== 'en') {
  const link = document.createElement('link');
  link.rel = 'preload';
  link.as = 'fetch';
  link.crossOrigin = 'anonymous';
  link.href = `/locales/shell.${language}-{{catalogues}}.ftl`;
  document.head.append(link);
}

init({ module_or_path: '{{wasm}}' }).catch((err) => {
  console.error(err);
  const boot = document.getElementById('boot');
  if (boot) boot.textContent = 'The portal could not start. Please reload the page.';
});

// The service worker keeps the app shell for a reload on site without signal (web/sw.js).
if ('serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js').catch((err) => console.warn('No offline support:', err));
  });
}
