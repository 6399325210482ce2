import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { SessionProvider } from './state/session.js';
import { App } from './ui/App.js';
// Urdu, Pashto and Dari must render for every reader, not only those with an Arabic-script font
// installed: a self-hosted Naskh face, loaded by the browser only for Arabic-script characters.
import '@fontsource/noto-naskh-arabic/arabic-400.css';
import '@fontsource/noto-naskh-arabic/arabic-700.css';
import './styles.css';
import './ui/discussion/discussion.css';
import './ui/discussion/comments.css';
import './ui/discussion/moderation.css';
import './ui/moderation/forms.css';
import './ui/moderation/desk.css';
import './ui/moderation/desk-panels.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html must contain <div id="root">');

createRoot(root).render(
  <StrictMode>
    <SessionProvider>
      <App />
    </SessionProvider>
  </StrictMode>,
);
