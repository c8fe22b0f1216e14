/** Typed contexts: the lab client, the theme, the language and the labs' states, set once by App. */
import { createContext } from 'svelte';
import type { Language } from '../lib/i18n/language.svelte.js';
import type { LabClient } from './lab-client.svelte.js';
import type { Labs } from './labs.svelte.js';
import type { Theme } from './theme.svelte.js';

export const [getLabClient, setLabClient] = createContext<LabClient>();
export const [getTheme, setTheme] = createContext<Theme>();
export const [getLabs, setLabs] = createContext<Labs>();
export const [getLanguage, setLanguage] = createContext<Language>();
