// Starts the web app. A file of its own, not an inline script, so the Content-Security-Policy
// can forbid inline scripts (script-src 'self'). scripts/build-web.sh fills in the hashed
// names of the wasm-bindgen module and the wasm binary, the early login form's words
// (web/early-login.json), and hashes this file's name too. The app's module is imported
// dynamically (index.html preloads it): this file runs at once, without waiting for it.

// The early login form speaks the person's language: the one chosen in this browser, else the
// browser's first that the portal speaks (the same rule as web/src/i18n.rs).
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

// On the login page, with no session kept (the app would sign back in by itself): the form,
// in the person's language, while the app downloads. A press of "Log in" is held for the app,
// which sends it when it takes over (web/src/early_login.rs).
const EARLY_LOGIN_WORDS = {{early_login_words}};
function showEarlyLogin() {
  const screen = document.getElementById('early-login');
  const kept = document.cookie.split(';').some((c) => c.trim() === 'rp_session=1');
  if (!screen || kept || !['/', '/login'].includes(location.pathname)) return;
  const words = EARLY_LOGIN_WORDS[language] ?? EARLY_LOGIN_WORDS.en;
  for (const element of screen.querySelectorAll('[data-word]')) element.textContent = words[element.dataset.word];
  document.documentElement.lang = language;
  document.title = `${words['login-submit']} · Rental Portal`;
  const form = screen.querySelector('form');
  const button = form.querySelector('button');
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    screen.dataset.sent = '';
    button.disabled = true;
    button.setAttribute('aria-busy', 'true');
    const spinner = document.createElement('span');
    spinner.className = 'spinner';
    spinner.setAttribute('aria-hidden', 'true');
    button.replaceChildren(spinner, words['login-submitting']);
  });
  document.getElementById('boot')?.remove();
  screen.hidden = false;
}
showEarlyLogin();

import('{{script}}')
  .then(({ default: init }) => init({ module_or_path: '{{wasm}}' }))
  .catch((err) => {
    console.error(err);
    const message = 'The portal could not start. Please reload the page.';
    const boot = document.getElementById('boot');
    if (boot) {
      boot.textContent = message;
    } else {
      const line = document.createElement('p');
      line.className = 'form-error';
      line.setAttribute('role', 'alert');
      line.textContent = message;
      document.querySelector('#early-login form')?.append(line);
    }
  });

// The service worker keeps the app shell for a reload on site without signal (web/sw.js).
if ('serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js').catch((err) => console.warn('No offline support:', err));
  });
}
