/**
 * Flags of `ebm-lab train ebm2d` (the energy lab) and `ebm-lab train dae` (the MNIST denoising
 * autoencoder): kebab-case flags onto config fields, numbers converted only when the text is
 * one, so the parsers' sentences name the field and its range.
 */
import {
  denoiserFields,
  defaultDenoiserConfig,
  parseDenoiserConfig,
  type DenoiserConfig,
} from '../../protocol/dae/config.js';
import {
  defaultEnergyConfig,
  energyFields,
  parseEnergyConfig,
  tinyEnergyConfig,
  type EnergyConfig,
} from '../../protocol/energy/config.js';
import { numberOrText } from '../cli-args.js';

type Parsed<C> = { ok: true; config: C } | { ok: false; messages: string[] };

const kebab = (key: string): string => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

const energyFlags = Object.fromEntries(Object.keys(energyFields).map((k) => [kebab(k), k]));
const denoiserFlags = Object.fromEntries(Object.keys(denoiserFields).map((k) => [kebab(k), k]));

export const energyValueFlags = [...Object.keys(energyFlags), 'method', 'data', 'points', 'preset'];
export const denoiserValueFlags = [...Object.keys(denoiserFlags), 'noise'];

function numbers(
  values: ReadonlyMap<string, string>,
  flags: Record<string, string>,
  into: Record<string, unknown>,
) {
  for (const [flag, key] of Object.entries(flags)) {
    const text = values.get(flag);
    if (text !== undefined) into[key] = numberOrText(text);
  }
}

/** "x,y,x,y,…" (or separated by spaces or ';') → numbers, or the sentence naming the first that is not one. */
function pointsOf(text: string): number[] | string {
  const parts = text.split(/[\s,;]+/).filter(Boolean);
  const bad = parts.findIndex((p) => !Number.isFinite(Number(p)));
  if (bad >= 0) {
    const point = Math.floor(bad / 2) + 1;
    return `--points: ${JSON.stringify(parts[bad])} (the ${bad % 2 === 0 ? 'x' : 'y'} of point ${point}) is not a finite number; give x,y pairs such as 0.5,-1,1.2,0.3,….`;
  }
  return parts.map(Number);
}

export function energyConfigFromFlags(values: ReadonlyMap<string, string>): Parsed<EnergyConfig> {
  const preset = values.get('preset') ?? 'default';
  if (preset !== 'default' && preset !== 'tiny') {
    return { ok: false, messages: [`--preset must be default or tiny; got ${JSON.stringify(preset)}.`] };
  }
  const input: Record<string, unknown> = { ...(preset === 'tiny' ? tinyEnergyConfig : defaultEnergyConfig) };
  numbers(values, energyFlags, input);
  if (values.has('method')) input.method = values.get('method');
  if (values.has('data')) input.data = values.get('data');
  if (values.has('points')) {
    const points = pointsOf(values.get('points') ?? '');
    if (typeof points === 'string') return { ok: false, messages: [points] };
    input.points = points;
    if (!values.has('data')) input.data = 'drawn';
  }
  const parsed = parseEnergyConfig(input);
  return parsed.ok
    ? { ok: true, config: parsed.value }
    : { ok: false, messages: parsed.errors.map((e) => e.message) };
}

export function denoiserConfigFromFlags(values: ReadonlyMap<string, string>): Parsed<DenoiserConfig> {
  const input: Record<string, unknown> = { ...defaultDenoiserConfig };
  numbers(values, denoiserFlags, input);
  if (values.has('noise')) input.noise = values.get('noise');
  const parsed = parseDenoiserConfig(input);
  return parsed.ok
    ? { ok: true, config: parsed.value }
    : { ok: false, messages: parsed.errors.map((e) => e.message) };
}
