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

export interface RendererLab {
  /** Name in the sidebar. */
  readonly title: string;
  /** One line under the title: what the lab is about. */
  readonly blurb: string;
  readonly component: Component;
  readonly createState: (client: LabClient) => LabState;
}

export const rendererLabs: { readonly [L in LabName]: RendererLab } = {
  vae: {
    title: 'Variational autoencoder',
    blurb: 'Loss, sampling, interpolation and the latent space on MNIST.',
    component: VaeLab,
    createState: (client) => new VaeLabState(client),
  },
  energy: {
    title: 'Energy landscapes',
    blurb: 'Denoising AE, contrastive divergence, persistent CD and a latent-variable EBM on the plane.',
    component: EnergyLab,
    createState: (client) => new EnergyLabState(client),
  },
  dae: {
    title: 'Denoising autoencoder',
    blurb: 'Clean, corrupted and denoised MNIST digits (Gaussian or masking noise).',
    component: DenoiserLab,
    createState: (client) => new DenoiserLabState(client),
  },
  sparse: {
    title: 'Sparse coding · LISTA',
    blurb: 'ISTA, FISTA and LISTA; a dictionary of strokes on MNIST and edges on image patches.',
    component: SparseLab,
    createState: (client) => new SparseLabState(client),
  },
  conv: {
    title: 'Convolutional sparse coding',
    blurb: 'Y = Σᵢ Kᵢ ∗ Zᵢ: encoder and decoder kernels, sparse feature maps, the n = 1 … 64 filter sweep.',
    component: ConvLab,
    createState: (client) => new ConvLabState(client),
  },
  contrastive: {
    title: 'Contrastive embeddings',
    blurb:
      'SimCLR / PIRL on MNIST: positive and negative pairs, InfoNCE with τ, the embedding map and a linear probe.',
    component: ContrastiveLab,
    createState: (client) => new ContrastiveLabState(client),
  },
};

/** Labs of week 8 still to come, listed in the sidebar as such. */
export const upcomingLabs: readonly string[] = [];

export const labStateFactories = Object.fromEntries(
  Object.entries(rendererLabs).map(([name, lab]) => [name, lab.createState]),
) as unknown as LabStateFactories;
