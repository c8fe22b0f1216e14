/// <reference types="vite/client" />
/**
 * The catalogues of the window's languages: every language has exactly English's keys, the
 * same placeholders in each message and a plural where English has one; every key is used
 * somewhere in the renderer (a literal key, or a template such as `lab.${name}.title`); and
 * every setting in every lab's field table has its label and help in every language.
 */
import { describe, expect, it } from 'vitest';
import { contrastiveFields } from '../../../../protocol/contrastive/config.js';
import { convFields } from '../../../../protocol/conv/config.js';
import { denoiserFields } from '../../../../protocol/dae/config.js';
import { energyFields } from '../../../../protocol/energy/config.js';
import type { LabName } from '../../../../protocol/labs.js';
import { sparseFields } from '../../../../protocol/sparse/config.js';
import { vaeFields } from '../../../../protocol/vae/config.js';
import { backendTexts } from '../../../../protocol/backend-reasons.js';
import { contrastiveTexts } from '../../../../protocol/contrastive/texts.js';
import { convTexts } from '../../../../protocol/conv/texts.js';
import { denoiserTexts } from '../../../../protocol/dae/texts.js';
import { energyTexts } from '../../../../protocol/energy/texts.js';
import { protocolTexts } from '../../../../protocol/labs.js';
import { sparseTexts } from '../../../../protocol/sparse/texts.js';
import { sharedTexts } from '../../../../protocol/texts.js';
import { vaeTexts } from '../../../../protocol/vae/texts.js';
import { english } from '../../../../renderer/lib/i18n/en.js';
import { languageCodes, languages } from '../../../../renderer/lib/i18n/languages.js';
import { placeholdersOf, type Message } from '../../../../renderer/lib/i18n/message.js';

const catalogue = (code: string): Readonly<Record<string, Message>> =>
  languages[code as keyof typeof languages].catalogue;
const keys = Object.keys(english);

/** The renderer's source files (the catalogues themselves left out), as text. */
const sources = Object.entries(
  import.meta.glob(['../../../../renderer/**/*.ts', '../../../../renderer/**/*.svelte'], {
    query: '?raw',
    import: 'default',
    eager: true,
  }) as Record<string, string>,
).filter(([path]) => !/\/lib\/i18n\/(en|it|it-protocol)\.ts$/.test(path) && !path.endsWith('.d.ts'));

/** Keys named in `text`: quoted literals, and template literals with `${…}` read as "any one segment". */
export function keysUsedIn(text: string, all: readonly string[]): Set<string> {
  const used = new Set<string>();
  for (const m of text.matchAll(/(['"])([a-z][A-Za-z0-9]*(?:\.[A-Za-z0-9]+)+)\1/g)) used.add(m[2]!);
  for (const m of text.matchAll(/`([a-z][^`\s]*\.[^`\s]*)`/g)) {
    const raw = m[1]!;
    if (!raw.includes('${')) {
      used.add(raw);
      continue;
    }
    const pattern = raw
      .split(/\$\{[^}]*\}/)
      .map((piece) => piece.replace(/[.*+?^()|[\]\\]/g, '\\$&'))
      .join('[A-Za-z0-9]+');
    const re = new RegExp(`^${pattern}$`);
    for (const key of all) if (re.test(key)) used.add(key);
  }
  return used;
}

describe('the catalogues', () => {
  it('finds the renderer sources and English has keys', () => {
    expect(sources.length).toBeGreaterThan(100);
    expect(keys.length).toBeGreaterThan(10);
    expect(languageCodes).toEqual(['en', 'it']);
  });

  it.each(languageCodes)('%s has exactly the English keys', (code) => {
    const mine = Object.keys(catalogue(code));
    expect(
      keys.filter((k) => !mine.includes(k)),
      'missing',
    ).toEqual([]);
    expect(
      mine.filter((k) => !keys.includes(k)),
      'not in English',
    ).toEqual([]);
  });

  it.each(languageCodes)('%s has the placeholders and plurals of English in every message', (code) => {
    const wrong = keys.flatMap((key) => {
      const en = english[key as keyof typeof english] as Message;
      const mine = catalogue(code)[key];
      if (mine === undefined) return [];
      const problems: string[] = [];
      if (typeof en !== typeof mine) problems.push(`${key}: plural in one language only`);
      if (placeholdersOf(en).join() !== placeholdersOf(mine).join())
        problems.push(
          `${key}: {${placeholdersOf(mine).join('}, {')}} for {${placeholdersOf(en).join('}, {')}}`,
        );
      if (typeof mine === 'string' && mine.trim() === '') problems.push(`${key}: empty`);
      return problems;
    });
    expect(wrong).toEqual([]);
  });

  it('uses every key somewhere in the renderer', () => {
    const used = new Set<string>();
    for (const [, text] of sources) for (const key of keysUsedIn(text, keys)) used.add(key);
    expect(keys.filter((k) => !used.has(k))).toEqual([]);
  });

  it('has a label and a help text for every field of every lab, in every language', () => {
    const tables: Record<LabName, object> = {
      vae: vaeFields,
      energy: energyFields,
      dae: denoiserFields,
      sparse: sparseFields,
      conv: convFields,
      contrastive: contrastiveFields,
    };
    for (const code of languageCodes) {
      const missing = Object.entries(tables).flatMap(([lab, table]) =>
        Object.keys(table).flatMap((name) =>
          ['label', 'help']
            .map((part) => `field.${lab}.${name}.${part}`)
            .filter((key) => !(key in catalogue(code))),
        ),
      );
      expect(missing, code).toEqual([]);
    }
  });
});

describe('the protocol’s codes', () => {
  const tables = [
    sharedTexts,
    backendTexts,
    vaeTexts,
    energyTexts,
    denoiserTexts,
    sparseTexts,
    convTexts,
    contrastiveTexts,
  ];

  it('gathers every table, no code in two of them, each code a catalogue key of one segment', () => {
    const codes = tables.flatMap((table) => Object.keys(table));
    expect(new Set(codes).size).toBe(codes.length);
    expect(Object.keys(protocolTexts).sort()).toEqual([...codes].sort());
    expect(codes.filter((code) => !/^[A-Za-z0-9]+$/.test(code))).toEqual([]);
  });

  it.each(languageCodes)('%s words every code with the protocol’s placeholders', (code) => {
    const wrong = Object.entries(protocolTexts).flatMap(([name, template]) => {
      const mine = catalogue(code)[`msg.${name}`];
      if (mine === undefined) return [`msg.${name}: missing`];
      return placeholdersOf(mine).join() === placeholdersOf(template).join()
        ? []
        : [`msg.${name}: {${placeholdersOf(mine).join('}, {')}}`];
    });
    expect(wrong).toEqual([]);
  });

  it('says in English exactly what the protocol says', () => {
    for (const [name, template] of Object.entries(protocolTexts))
      expect(english[`msg.${name}` as keyof typeof english]).toBe(template);
  });
});

describe('finding the keys a source uses', () => {
  const all = ['lab.vae.title', 'lab.dae.title', 'lab.vae.blurb', 'run.start'];
  it.each([
    [`t('run.start')`, ['run.start']],
    ['t(`lab.${name}.title`)', ['lab.vae.title', 'lab.dae.title']],
    [`t("lab.vae.blurb")`, ['lab.vae.blurb']],
    [`'run.stop' and run.start unquoted`, ['run.stop']],
  ])('%s names %j', (text, expected) => {
    expect([...keysUsedIn(text, all)].filter((k) => all.includes(k) || k === 'run.stop')).toEqual(expected);
  });
});
