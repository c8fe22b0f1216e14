/** Test helper: the radial power spectrum averaged over several images. */
import type { GreyImage } from '../../../models/images/image.js';
import { radialPowerSpectrum, type RadialSpectrum } from '../../../models/images/spectrum.js';

export function meanSpectrum(images: readonly GreyImage[]): RadialSpectrum {
  const spectra = images.map((image) => radialPowerSpectrum(image));
  const first = spectra[0] as RadialSpectrum;
  const power = new Float64Array(first.power.length);
  for (const s of spectra) s.power.forEach((p, i) => (power[i] = (power[i] as number) + p / spectra.length));
  return { frequency: first.frequency, power };
}
