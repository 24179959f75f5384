import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { MlApiProvider } from './api/StudioServices.js';
import { readSessionToken } from './api/sessionToken.js';
import { createStudioClient } from './api/studioClient.js';
import './styles.css';

// Same origin as the page: the server serves both the studio and /api.
const origin = window.location.origin;
const token = readSessionToken(window.location, window.sessionStorage, (url) =>
  history.replaceState(null, '', url),
);
const studio = createStudioClient(origin, { token });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MlApiProvider api={studio.api} studio={studio}>
      <App />
    </MlApiProvider>
  </StrictMode>,
);
