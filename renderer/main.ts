/**
 * Entry of the renderer: picks the transport (Electron's `window.lab`, or the browser-mode
 * WebSocket with the token from the URL), builds the states and mounts the app.
 */
import 'katex/dist/katex.min.css';
import './app.css';
// Before App: the labs' own <style> rules come later and override these at equal specificity.
import './controls.css';
import { mount } from 'svelte';
import App from './App.svelte';
import {
  createWsLabApi,
  ipcConnection,
  socketUrl,
  takeTokenFromUrl,
  type LabConnection,
} from './lib/ws-api.js';
import { LabClient } from './state/lab-client.svelte.js';
import { Theme } from './state/theme.svelte.js';
import { Language } from './lib/i18n/language.svelte.js';
import { labStateFactories } from './labs/registry.js';
import { Labs } from './state/labs.svelte.js';

function connect(): LabConnection {
  if (window.lab) return ipcConnection(window.lab);
  const token = takeTokenFromUrl(window.location, window.history);
  return createWsLabApi({ url: socketUrl(window.location, token) });
}

const client = new LabClient(connect());
const theme = new Theme();
// Before anything is drawn: every t() reads the language from here.
const language = new Language();
const labs = new Labs(client, labStateFactories);
const target = document.getElementById('app');
if (!target) throw new Error('no #app element');

mount(App, { target, props: { client, theme, language, labs } });
