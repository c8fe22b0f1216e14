import { describe, expect, it } from 'vitest';
import { convConfigFromFlags } from '../../../host/conv/cli.js';
import {
  checkConvSizes,
  convKernelCounts,
  convPresets,
  defaultConvLabConfig,
  parseConvConfig,
} from '../../../protocol/conv/config.js';
import { checkLiveParam } from '../../../protocol/live-params.js';
import { saidAsIs } from '../../../protocol/texts.js';

describe('parseConvConfig', () => {
  it('accepts every preset unchanged', () => {
    for (const preset of Object.values(convPresets))
      expect(parseConvConfig(preset)).toEqual({ ok: true, value: preset });
  });

  it('fills missing fields with the defaults (a sweep up to 64, one model of 16)', () => {
    expect(parseConvConfig({})).toEqual({ ok: true, value: defaultConvLabConfig });
    expect(parseConvConfig({ mode: 'single' })).toEqual({
      ok: true,
      value: { ...defaultConvLabConfig, mode: 'single', kernels: 16 },
    });
  });

  const refused: ReadonlyArray<readonly [string, Record<string, unknown>, string, RegExp]> = [
    [
      'a kernel larger than the image',
      { kernelSize: 11, imageSize: 9 },
      'kernelSize',
      /kernel \(kernel size k = 11, 11×11\) is larger than the image \(image size 9×9\)/,
    ],
    [
      'crops larger than MNIST digits',
      { imageSize: 32, data: { source: 'mnist' } },
      'imageSize',
      /larger than the MNIST digits \(smallest side 28 px\)/,
    ],
    [
      'crops larger than the dead-leaves images',
      { imageSize: 200, data: { source: 'dead-leaves' } },
      'imageSize',
      /larger than the dead-leaves images/,
    ],
    [
      'crops larger than the textured-leaves images (the default source)',
      { imageSize: 200 },
      'imageSize',
      /larger than the textured-leaves images \(smallest side 128 px\)/,
    ],
    [
      'n not a power of two',
      { kernels: 3 },
      'kernels',
      /kernels n \(kernels\) must be one of 1, 2, 4, 8, 16, 32, 64; got 3/,
    ],
    [
      'n above 64',
      { kernels: 128 },
      'kernels',
      /kernels n \(kernels\) must be a whole number at least 1 and at most 64; got 128/,
    ],
    ['n of 0', { kernels: 0 }, 'kernels', /at least 1/],
    [
      'a negative λ',
      { lambda: -0.5 },
      'lambda',
      /λ \(sparsity\) \(lambda\) must be a number at least 0 and at most 100; got -0.5/,
    ],
    ['λ above its range', { lambda: 1000 }, 'lambda', /at most 100; got 1000/],
    ['text for λ', { lambda: 'lots' }, 'lambda', /got "lots"/],
    ['an even kernel size', { kernelSize: 8 }, 'kernelSize', /must be odd/],
    ['a zero learning rate', { learningRate: 0 }, 'learningRate', /greater than 0/],
    ['fractional steps', { steps: 2.5 }, 'steps', /steps per model \(steps\) must be a whole number/],
    ['an unknown mode', { mode: 'grid' }, 'mode', /mode must be "single" or "sweep"; got "grid"/],
    ['an unknown variant', { variant: 'vae' }, 'variant', /variant must be "autoencoder" or "psd"/],
    [
      'an unknown optimizer',
      { optimizer: 'rmsprop' },
      'optimizer',
      /optimizer must be "adam" or "sgd"; got "rmsprop"/,
    ],
    [
      'an unknown data source',
      { data: { source: 'cifar' } },
      'data',
      /data.source must be one of dead-leaves, textured-leaves, folder, mnist; got "cifar"/,
    ],
    [
      'a folder without a path',
      { data: { source: 'folder' } },
      'data',
      /data.folder must name a folder of PNG or JPEG photos/,
    ],
    [
      'an unknown preprocessing',
      { data: { preprocessing: 'zca' } },
      'data',
      /data.preprocessing must be one of whiten, lcn, none/,
    ],
  ];

  it.each(refused)('refuses %s, naming the field', (_what, input, field, message) => {
    const parsed = parseConvConfig(input);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    const error = parsed.errors.find((e) => e.field === field);
    expect(error?.message, JSON.stringify(parsed.errors)).toMatch(message);
  });

  it('refuses a non-object', () => {
    expect(parseConvConfig(null)).toMatchObject({ ok: false, errors: [{ field: 'config' }] });
  });

  it('trains on contrast-normalised textured leaves by default and still takes flat dead leaves', () => {
    expect(defaultConvLabConfig.data).toEqual({ source: 'textured-leaves', preprocessing: 'lcn' });
    expect(parseConvConfig({ data: { preprocessing: 'whiten' } })).toMatchObject({
      ok: true,
      value: { data: { source: 'textured-leaves', preprocessing: 'whiten' } },
    });
    expect(parseConvConfig({ data: { source: 'dead-leaves' } })).toMatchObject({
      ok: true,
      value: { data: { source: 'dead-leaves', preprocessing: 'lcn' } },
    });
  });

  it('takes a folder of photos without knowing its size yet', () => {
    const parsed = parseConvConfig({ imageSize: 200, data: { source: 'folder', folder: '/photos' } });
    expect(parsed).toMatchObject({
      ok: true,
      value: { data: { source: 'folder', folder: '/photos', preprocessing: 'lcn' } },
    });
  });
});

describe('conv lab helpers', () => {
  it('trains n = 1, 2, 4 … up to kernels in a sweep and one n otherwise', () => {
    expect(convKernelCounts({ mode: 'sweep', kernels: 64 })).toEqual([1, 2, 4, 8, 16, 32, 64]);
    expect(convKernelCounts({ mode: 'sweep', kernels: 4 })).toEqual([1, 2, 4]);
    expect(convKernelCounts({ mode: 'single', kernels: 8 })).toEqual([8]);
  });

  it('names photos smaller than the crops', () => {
    expect(
      checkConvSizes({ kernelSize: 9, imageSize: 64 }, 48, saidAsIs('the 2 photos of /p')),
    ).toMatchObject({
      field: 'imageSize',
      message: expect.stringMatching(/larger than the 2 photos of \/p \(smallest side 48 px\)/),
    });
    expect(checkConvSizes({ kernelSize: 9, imageSize: 32 }, 48, saidAsIs('x'))).toBeNull();
  });

  it('checks live λ and learning rate against their ranges', () => {
    expect(checkLiveParam('conv', 'lambda', 2)).toBeNull();
    expect(checkLiveParam('conv', 'lambda', -1)?.message).toMatch(
      /λ \(sparsity\) \(lambda\) must be a number at least 0/,
    );
    expect(checkLiveParam('conv', 'learningRate', 0)?.message).toMatch(/greater than 0/);
  });
});

describe('convConfigFromFlags', () => {
  it('--preset centre is one tanh auto-encoder kernel trained by SGD; --optimizer overrides', () => {
    const centre = convConfigFromFlags(new Map([['preset', 'centre']]));
    expect(centre).toMatchObject({
      ok: true,
      config: { mode: 'single', kernels: 1, variant: 'autoencoder', nonlinearity: 'tanh', optimizer: 'sgd' },
    });
    const adam = convConfigFromFlags(
      new Map([
        ['preset', 'centre'],
        ['optimizer', 'adam'],
      ]),
    );
    expect(adam).toMatchObject({ ok: true, config: { optimizer: 'adam' } });
    const bad = convConfigFromFlags(new Map([['optimizer', 'lbfgs']]));
    expect(bad).toMatchObject({
      ok: false,
      messages: [expect.stringMatching(/optimizer must be "adam" or "sgd"; got "lbfgs"/)],
    });
  });
});
