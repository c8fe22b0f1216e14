/**
 * The course notebook's VAE (11-VAE: d = 20, h = 400, batch 256, Adam 1e-3, β = 1) in PyTorch,
 * trained on the same 9,000 embedded digits and tested on the same 1,000 (test loss = BCE + KL
 * per digit at z = μ), as measured by `npm run bench -- --only vae-course-loss`
 * (docs/bench-2026-12-03-vae-course-loss.jsonl). The notebook itself trains on the 60,000 digits
 * of full MNIST (2,350 steps); give the lab those IDX files to train on the same.
 */
export const notebookReference = {
  trainDigits: '9,000',
  epochs: 10,
  /** PyTorch's test loss after `epochs` epochs. */
  pytorch: 123.54,
  /** EBM Lab's, same preset, same split, same run of the bench. */
  ebmLab: 123.25,
  command: 'npm run bench -- --only vae-course-loss',
} as const;
