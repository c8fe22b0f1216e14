/** The convolutional lab's coded sentences (protocol/texts.ts): its config's errors, its run's sentences. */
import { speaker, type TextTable } from '../texts.js';

export const convTexts = {
  convLabel: 'Conv sparse · {what} · {k}×{k} · λ = {lambda}',
  convLabelSweep: 'sweep n = 1…{n}',
  convDataObject:
    'data must be an object with a source "dead-leaves", "textured-leaves", "folder" or "mnist".',
  convKernelTooBig:
    'The kernel (kernel size k = {k}, {k}×{k}) is larger than the image (image size {s}×{s}); choose a kernel of at most {s}×{s} or larger images.',
  convCropsTooBig:
    'Crops of {s}×{s} (image size) are larger than {where} (smallest side {side} px); choose an image size of at most {side}.',
  convKernelCount: 'kernels n (kernels) must be one of {allowed}; got {got}.',
  convKernelOdd: 'kernel size k (kernelSize) must be odd (so a kernel has a centre); got {got}.',
  convTheMnist: 'the MNIST digits',
  convTheDeadLeaves: 'the dead-leaves images',
  convTheTextured: 'the textured-leaves images',
  convThePhotos: 'the photos',
  convMnistCount: '{count} embedded MNIST digits',
  convTexturedLeaves: '{count} textured-leaves images of {size}×{size}',
  convExportFailed: 'Could not export the kernels: {error}.',
  convPicturesIn: '; pictures in {files}',
  convAtN: ' (n = {n})',
  convTip: 'Try a smaller learning rate or λ.',
  convKernelsNotFinite: 'The kernels became NaN or infinite',
  convPhaseBuild: 'building the model of n = {n}',
  convModels: '{count} models (n = {counts})',
  convOneModel: 'one model of {kernels}',
  convOneKernel: '{count} kernel',
  convKernels: '{count} kernels',
  convEach: ' each',
  convDone:
    'Trained {what} of {k}×{k} for {steps} steps{each} ({total} steps, {seconds} s); mean orientation concentration {oriented}, isotropy {isotropic}{where}.',
} as const satisfies TextTable;

export const sayConv = speaker(convTexts);
