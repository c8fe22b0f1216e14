/**
 * The labs the renderer shows: for each lab of protocol/labs.ts its view and how its state is
 * made. A new lab adds one entry here.
 */
import type { Component } from 'svelte';
import type { LabName } from '../../protocol/labs.js';
import VaeLab from './vae/VaeLab.svelte';
import DenoiserLab from './dae/DenoiserLab.svelte';
import EnergyLab from './energy/EnergyLab.svelte';
import SparseLab from './sparse/SparseLab.svelte';
import ConvLab from './conv/ConvLab.svelte';
import ContrastiveLab from './contrastive/ContrastiveLab.svelte';
import type { LabClient } from '../state/lab-client.svelte.js';
import type { LabState, LabStateFactories } from '../state/labs.svelte.js';
import { VaeLabState } from './vae/state.svelte.js';
import { DenoiserLabState } from './dae/state.svelte.js';
import { EnergyLabState } from './energy/state.svelte.js';
import { SparseLabState } from './sparse/state.svelte.js';
import { ConvLabState } from './conv/state.svelte.js';
import { ContrastiveLabState } from './contrastive/state.svelte.js';

/** Its name in the sidebar and one line on it are the catalogue's `lab.<name>.title` and `.blurb` (lib/i18n). */
export interface RendererLab {
  readonly component: Component;
  readonly createState: (client: LabClient) => LabState;
}

export const rendererLabs: { readonly [L in LabName]: RendererLab } = {
  vae: {
    component: VaeLab,
    createState: (client) => new VaeLabState(client),
  },
  energy: {
    component: EnergyLab,
    createState: (client) => new EnergyLabState(client),
  },
  dae: {
    component: DenoiserLab,
    createState: (client) => new DenoiserLabState(client),
  },
  sparse: {
    component: SparseLab,
    createState: (client) => new SparseLabState(client),
  },
  conv: {
    component: ConvLab,
    createState: (client) => new ConvLabState(client),
  },
  contrastive: {
    component: ContrastiveLab,
    createState: (client) => new ContrastiveLabState(client),
  },
};

/** Labs of week 8 still to come, listed in the sidebar as such. */
export const upcomingLabs: readonly string[] = [];

export const labStateFactories = Object.fromEntries(
  Object.entries(rendererLabs).map(([name, lab]) => [name, lab.createState]),
) as unknown as LabStateFactories;
