/**
 * The lecture's equations for the energy lab (NYU Deep Learning week 8; LeCun et al. 2006,
 * "A tutorial on energy-based learning"; Hinton 2002; Tieleman 2008; Vincent et al. 2008),
 * as TeX for KaTeX, one per method.
 */
import type { EnergyMethod } from '../../../protocol/energy/config.js';

export const langevinTex = String.raw`y \leftarrow y - \tfrac{\eta}{2}\nabla_y E_\theta(y) + s\sqrt{\eta}\,\epsilon,\quad \epsilon\sim\mathcal N(0, I)`;

export const energyTex: Readonly<Record<EnergyMethod, string>> = {
  dae: String.raw`\text{DAE: } \min_g\; \mathbb E\,\big\|g(y + \sigma\epsilon) - y\big\|^2,\qquad E(y) = \|y - g(y)\|^2`,
  cd: String.raw`\text{CD-}k\text{: } \mathcal L = \overline{E_\theta(y^+)} - \overline{E_\theta(y^-)} + \alpha\big(\overline{E(y^+)^2} + \overline{E(y^-)^2}\big),\quad y^- = k \text{ Langevin steps from } y^+`,
  pcd: String.raw`\text{PCD: the same } \mathcal L,\ y^- = \text{particles kept between updates, a share } \rho \text{ restarted at random}`,
  latent: String.raw`E(y) = \min_z \|y - \mathrm{Dec}(z)\|^2 + \lambda R(z),\quad R(z) = \min_k \|z - e_k\|^2`,
  conditional: String.raw`E(x, y) = \min_z \|y - \mathrm{Dec}(\mathrm{Pred}(x), z)\|^2 + \lambda \min_k \|z - e_k\|^2,\quad x = y_1`,
};
