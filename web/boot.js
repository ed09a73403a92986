// Starts the web app. A file of its own, not an inline script, so the Content-Security-Policy
// can forbid inline scripts (script-src 'self'). scripts/build-web.sh fills in the hashed
// names of the wasm-bindgen module and the wasm binary, and hashes this file's name too.
import init from '{{script}}';

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
