/** The contrastive lab's equations as KaTeX sources (SimCLR's NT-Xent, Chen et al. 2020; PIRL's InfoNCE). */

export const similarityTex = String.raw`\operatorname{sim}(u, v) = \frac{u^\top v}{\lVert u \rVert\,\lVert v \rVert}`;

export const infoNceTex = String.raw`\ell_i = -\log \frac{\exp\!\big(\operatorname{sim}(z_i, z_i^{+}) / \tau\big)}{\exp\!\big(\operatorname{sim}(z_i, z_i^{+}) / \tau\big) + \sum_{k \ne i} \exp\!\big(\operatorname{sim}(z_i, z_k^{-}) / \tau\big)}`;

export const viewsTex = String.raw`z_i = g\big(h(t(x_i))\big),\quad z_i^{+} = g\big(h(t'(x_i))\big),\quad t, t' \sim \mathcal{T}`;

export const lossTex = String.raw`\mathcal{L} = \frac{1}{N} \sum_{i=1}^{N} \ell_i \quad \text{negatives } z_k^{-}\text{: the other images of the batch (and the memory bank)}`;
