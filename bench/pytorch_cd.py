"""Contrastive divergence CD-k of the energy lab in PyTorch, as the reference for
bench/energy-methods.ts (same step as models/energy/cd.ts and contrastive.ts):

  E = MLP 2 -> 64 -> 64 -> 1 (SiLU = swish); y- = k Langevin steps from the batch y+,
  y <- clamp(y - (eta/2) grad_y E(y) + s sqrt(eta) eps, box) with grad_y by torch.autograd.grad,
  then L = mean E(y+) - mean E(y-) + alpha (mean E(y+)^2 + mean E(y-)^2) with y- detached,
  torch.optim.Adam. Data: two moons (scikit-learn's make_moons scaled x1.5, noise 0.08), the
  box a square around them; the speed does not depend on the data.

  python3 bench/pytorch_cd.py [--batch 128] [--k 20] [--step-size 0.01] [--noise-scale 1]
                              [--alpha 0.1] [--lr 0.002] [--steps 20] [--repeats 5] [--threads 1]

Prints JSON lines shaped like bench/run.ts's: {bench, backend, metric, value, unit, runs, median, ...}.
"""

import argparse
import math
import statistics

import torch
from torch import nn

from reference import add_timing_flags, emit_torch_rates, timed_rates, torch_setup


def moons(count, generator):
    t = math.pi * torch.rand(count, generator=generator)
    upper = torch.stack([torch.cos(t), torch.sin(t)], 1)
    lower = torch.stack([1 - torch.cos(t), 0.5 - torch.sin(t)], 1)
    points = torch.where((torch.arange(count) % 2 == 0)[:, None], upper, lower)
    return 1.5 * (points - torch.tensor([0.5, 0.25])) + 0.08 * torch.randn(count, 2, generator=generator)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--batch", type=int, default=128)
    parser.add_argument("--k", type=int, default=20)
    parser.add_argument("--step-size", type=float, default=0.01)
    parser.add_argument("--noise-scale", type=float, default=1.0)
    parser.add_argument("--alpha", type=float, default=0.1)
    parser.add_argument("--lr", type=float, default=2e-3)
    add_timing_flags(parser, repeats=5, steps=20)
    args = parser.parse_args()
    torch_setup(args)
    generator = torch.Generator().manual_seed(1)
    data = moons(1000, generator)
    lo = data.min(0).values - 0.3
    hi = data.max(0).values + 0.3
    energy = nn.Sequential(nn.Linear(2, 64), nn.SiLU(), nn.Linear(64, 64), nn.SiLU(), nn.Linear(64, 1))
    optimizer = torch.optim.Adam(energy.parameters(), lr=args.lr)
    eta, gain = args.step_size, args.noise_scale * math.sqrt(args.step_size)

    def langevin(y):
        for _ in range(args.k):
            y = y.detach().requires_grad_(True)
            (grad,) = torch.autograd.grad(energy(y).sum(), y)
            y = torch.maximum(torch.minimum(y - (eta / 2) * grad + gain * torch.randn_like(y), hi), lo)
        return y.detach()

    def step():
        pos = data[torch.randint(0, len(data), (args.batch,))]
        neg = langevin(pos)
        e_pos, e_neg = energy(pos), energy(neg)
        loss = e_pos.mean() - e_neg.mean() + args.alpha * ((e_pos**2).mean() + (e_neg**2).mean())
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        return loss.item()

    rates = timed_rates(lambda i: step(), args)
    emit_torch_rates("energy-methods", args, rates, "steps_per_second", "steps/s",
                     value=round(statistics.median(rates), 1), method="cd", batch=args.batch, k=args.k)


if __name__ == "__main__":
    main()
