/**
 * The lecture's equations (Kingma & Welling 2014; NYU DL week 8) as TeX for KaTeX.
 */
export const vaeLossTex = String.raw`\ell(x) = \underbrace{\mathbb{E}_{z\sim q(z\mid x)}\big[-\log p(x\mid z)\big]}_{\text{reconstruction (BCE)}} + \beta\,\underbrace{\mathrm{KL}\big(q(z\mid x)\,\|\,\mathcal{N}(0, I)\big)}_{\text{KL}}`;

export const klTex = String.raw`\mathrm{KL} = \tfrac12 \textstyle\sum_i \big(\sigma_i^2 + \mu_i^2 - 1 - \log \sigma_i^2\big)`;

export const reparamTex = String.raw`z = \mu + \epsilon \odot \sigma,\quad \epsilon \sim \mathcal{N}(0, I)`;

export const aeLossTex = String.raw`\ell_{\text{AE}}(x) = -\log p\big(x \mid z = \mathrm{enc}(x)\big)\quad\text{(no KL, deterministic code)}`;
