/**
 * Convolutional sparse coding's equations (Kavukcuoglu et al. 2010; NYU DL week 8) as TeX
 * for KaTeX.
 */
export const convDecoderTex = String.raw`\hat Y = \sum_{i=1}^{n} K_i * Z_i,\qquad \|K_i\| = 1`;

export const convLossTex = String.raw`L(Y) = \underbrace{\tfrac12\Big\|Y - \sum_i K_i * Z_i\Big\|^2}_{\text{reconstruction}} + \lambda\,\underbrace{\sum_i \|Z_i\|_1}_{\text{sparsity}}`;

export const convEncoderTex = String.raw`Z_i = g_i\,\mathrm{sh}_{\beta_i}\!\big(E_i \star Y\big),\quad \mathrm{sh}_\beta(v) = \mathrm{sign}(v)\max(|v| - \beta, 0)`;

export const convTanhEncoderTex = String.raw`Z_i = g_i\,\tanh\!\big(E_i \star Y\big)`;

export const convPsdTex = String.raw`\text{PSD: } Z^* = K \text{ FISTA steps from } \mathrm{Enc}(Y) \text{ on } L(Z) + \alpha\|Z - \mathrm{Enc}(Y)\|^2,\quad \text{learn on } L(Z^*) + \alpha\,\underbrace{\|Z^* - \mathrm{Enc}(Y)\|^2}_{\text{prediction}}`;
