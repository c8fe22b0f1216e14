/** The contrastive lab's equations as KaTeX sources (SimCLR's NT-Xent, Chen et al. 2020; PIRL's InfoNCE). */

export const similarityTex = String.raw`\operatorname{sim}(u, v) = \frac{u^\top v}{\lVert u \rVert\,\lVert v \rVert}`;

export const infoNceTex = String.raw`\ell_i = -\log \frac{\exp\!\big(\operatorname{sim}(z_i, z_i^{+}) / \tau\big)}{\exp\!\big(\operatorname{sim}(z_i, z_i^{+}) / \tau\big) + \sum_{k \ne i} \exp\!\big(\operatorname{sim}(z_i, z_k^{-}) / \tau\big)}`;

export const viewsTex = String.raw`z_i = g\big(h(t(x_i))\big),\quad z_i^{+} = g\big(h(t'(x_i))\big),\quad t, t' \sim \mathcal{T}`;

export const lossTex = String.raw`\mathcal{L} = \frac{1}{N} \sum_{i=1}^{N} \ell_i \quad \text{negatives } z_k^{-}\text{: the other images of the batch (and the memory bank)}`;

export const queueTex = String.raw`\text{InfoNCE: } z_i = g(\cdot)\text{ of view 2 against } f(\cdot)\text{ of view 1; negatives: the other images' view 1 and a queue of the last } K \text{ embeddings}`;

/** PIRL's NCE (Misra & van der Maaten 2020, eqs. 3–5) against a memory bank of one entry per image. */
export const pirlHTex = String.raw`h(z, m) = \frac{\exp\!\big(\operatorname{sim}(z, m)/\tau\big)}{\exp\!\big(\operatorname{sim}(z, m)/\tau\big) + K/D}`;

export const pirlNceTex = String.raw`L_{\text{NCE}}(m_I, z) = -\log h(z, m_I) - \sum_{I' \in \mathcal{N}_K} \log\big(1 - h(z, m_{I'})\big)`;

export const pirlLossTex = String.raw`\mathcal{L} = \tfrac12 L_{\text{NCE}}\big(m_I, g(v_{I^t})\big) + \tfrac12 L_{\text{NCE}}\big(m_I, f(v_I)\big),\quad m_I \leftarrow \tfrac12 m_I + \tfrac12 f(v_I)\ \text{(normalised)}`;
