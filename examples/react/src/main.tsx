import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';

// StrictMode mounts, unmounts and mounts again in development: the widget still loads once.
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
