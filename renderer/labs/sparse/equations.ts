/**
 * The sparse-coding lab's equations as TeX for KaTeX: the energy of the lecture, the ISTA
 * step (Daubechies, Defrise & De Mol 2004), FISTA's momentum (Beck & Teboulle 2009) and
 * LISTA's unrolled step (Gregor & LeCun 2010); for non-negative sparse coding (Hoyer 2002) the
 * same energy with z ≥ 0 and W ≥ 0, and the one-sided shrinkage.
 */
export const sparseEnergyTex = String.raw`E(y, z) = \tfrac12\lVert y - Wz\rVert_2^2 + \lambda\lVert z\rVert_1,\qquad \lVert W_{:,j}\rVert_2 = 1`;

export const nonNegativeEnergyTex = String.raw`E(y, z) = \tfrac12\lVert y - Wz\rVert_2^2 + \lambda\lVert z\rVert_1,\qquad z \ge 0,\; W \ge 0,\; \lVert W_{:,j}\rVert_2 = 1`;

export const istaTex = String.raw`\text{ISTA: } z_{k+1} = \operatorname{sh}_{\lambda/L}\!\big(z_k - \tfrac1L W^\top(Wz_k - y)\big),\quad L = \lambda_{\max}(W^\top W)`;

export const fistaTex = String.raw`\text{FISTA: } z_k = \operatorname{sh}_{\lambda/L}\!\big(x_k - \tfrac1L W^\top(Wx_k - y)\big),\; t_{k+1} = \tfrac{1+\sqrt{1+4t_k^2}}{2},\; x_{k+1} = z_k + \tfrac{t_k-1}{t_{k+1}}(z_k - z_{k-1})`;

export const listaTex = String.raw`\text{LISTA: } z_{k+1} = \operatorname{sh}_{\theta}\big(W_e y + S z_k\big),\; W_e^{(0)} = \tfrac{W^\top}{L},\; S^{(0)} = I - \tfrac{W^\top W}{L}`;

export const shrinkTex = String.raw`\operatorname{sh}_\theta(u) = \operatorname{sign}(u)\max(|u| - \theta, 0)`;

export const shrinkPlusTex = String.raw`\operatorname{sh}_\theta(u) = \max(u - \theta, 0)\quad (z \ge 0)`;
