import { render } from 'preact';
// First, so that the stylesheets of the parts (imported by their pages) come after it and refine it.
import './styles.css';
import { App } from './app.js';
import { LanguageProvider } from './language.js';

render(
  <LanguageProvider>
    <App />
  </LanguageProvider>,
  document.getElementById('app')!,
);

// The service worker keeps the app's files so the supply desk opens offline (public/sw.js).
// Browsers allow it over HTTPS and on localhost only; elsewhere the app simply needs the network.
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  window.addEventListener('load', () => void navigator.serviceWorker.register('/sw.js').catch(() => undefined));
}
