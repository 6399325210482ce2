import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { SessionProvider } from './state/session.js';
import { App } from './ui/App.js';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html must contain <div id="root">');

createRoot(root).render(
  <StrictMode>
    <SessionProvider>
      <App />
    </SessionProvider>
  </StrictMode>,
);
