import { render } from 'preact';
import { App } from './app.js';
import { LanguageProvider } from './language.js';
import './styles.css';

render(
  <LanguageProvider>
    <App />
  </LanguageProvider>,
  document.getElementById('app')!,
);
