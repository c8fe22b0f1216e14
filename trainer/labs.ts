/**
 * The registry of the trainer's labs (the contracts are in trainer/lab.ts). A new lab adds its
 * folder and one line here (and its config in protocol/labs.ts).
 */
import type { LabConfigs, LabName } from '../protocol/labs.js';
import type { TrainerLab } from './lab.js';
import { vaeTrainerLab } from './vae/lab.js';
import { sparseTrainerLab } from './sparse/lab.js';
import { convTrainerLab } from './conv/lab.js';
import { energyTrainerLab } from './energy/lab.js';
import { denoiserTrainerLab } from './dae/lab.js';
import { contrastiveTrainerLab } from './contrastive/lab.js';

export type TrainerLabs = { readonly [L in LabName]: TrainerLab<LabConfigs[L], unknown> };

export const trainerLabs: TrainerLabs = {
  vae: vaeTrainerLab as TrainerLab<LabConfigs['vae'], unknown>,
  sparse: sparseTrainerLab as TrainerLab<LabConfigs['sparse'], unknown>,
  conv: convTrainerLab as TrainerLab<LabConfigs['conv'], unknown>,
  energy: energyTrainerLab as TrainerLab<LabConfigs['energy'], unknown>,
  dae: denoiserTrainerLab as TrainerLab<LabConfigs['dae'], unknown>,
  contrastive: contrastiveTrainerLab as TrainerLab<LabConfigs['contrastive'], unknown>,
};
