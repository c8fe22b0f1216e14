/** Typed contexts: the lab client, the theme and the VAE lab's state, set once by App. */
import { createContext } from 'svelte';
import type { LabClient } from './lab-client.svelte.js';
import type { Theme } from './theme.svelte.js';
import type { VaeLabState } from './vae-lab.svelte.js';

export const [getLabClient, setLabClient] = createContext<LabClient>();
export const [getTheme, setTheme] = createContext<Theme>();
export const [getVaeLab, setVaeLab] = createContext<VaeLabState>();
