/**
 * The registry of `ebm-lab train <name>`: one line per lab, its entry (help, flags, parse,
 * progress, test line) in its slice, host/<lab>/cli.ts (the CliLab type: host/cli-lab.ts).
 */
import type { CliLab } from './cli-lab.js';
import { vaeCli } from './vae/cli.js';
import { sparseCli, listaCli } from './sparse/cli.js';
import { convCli } from './conv/cli.js';
import { energyCli } from './energy/cli.js';
import { denoiserCli } from './dae/cli.js';
import { contrastiveCli } from './contrastive/cli.js';

export const cliLabs: Readonly<Record<string, CliLab>> = {
  vae: vaeCli,
  sparse: sparseCli,
  lista: listaCli,
  conv: convCli,
  ebm2d: energyCli,
  dae: denoiserCli,
  contrastive: contrastiveCli,
};
