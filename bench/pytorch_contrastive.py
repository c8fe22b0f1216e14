"""The contrastive lab's training step in PyTorch, as the reference for bench/contrastive.ts
(same model as models/contrastive/contrastive-graph.ts, default settings):

  h = relu(W3 flat(relu(conv2(relu(conv1(x)))))),  convs 3x3 stride 2 pad 1 (28 -> 14 -> 7)
  u = W5 relu(W4 h),  z = u / |u|,  both views of N images in one pass (shared head)
  NT-Xent: Z = [z1; z2], logits = Z Z^T / tau with the diagonal excluded, row i's positive
  its partner i +- N, L = mean_i (logsumexp_i - positive_i);  Adam (lr 2e-3).
Inputs: ready views of random pixels (the speed does not depend on them).

  python3 bench/pytorch_contrastive.py [--batch 128] [--c1 16] [--c2 32] [--rep 64] [--proj 32]
                                       [--steps 10] [--repeats 5] [--threads 1]
"""

import argparse

import torch
import torch.nn as nn
import torch.nn.functional as F

from reference import add_timing_flags, emit_torch_rates, timed_rates, torch_setup


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--batch", type=int, default=128)
    parser.add_argument("--c1", type=int, default=16)
    parser.add_argument("--c2", type=int, default=32)
    parser.add_argument("--rep", type=int, default=64)
    parser.add_argument("--proj", type=int, default=32)
    parser.add_argument("--tau", type=float, default=0.2)
    add_timing_flags(parser, repeats=5, steps=10)
    args = parser.parse_args()
    torch_setup(args)
    n = args.batch
    encoder = nn.Sequential(
        nn.Conv2d(1, args.c1, 3, stride=2, padding=1), nn.ReLU(),
        nn.Conv2d(args.c1, args.c2, 3, stride=2, padding=1), nn.ReLU(),
        nn.Flatten(), nn.Linear(7 * 7 * args.c2, args.rep), nn.ReLU(),
    )
    head = nn.Sequential(nn.Linear(args.rep, args.rep), nn.ReLU(), nn.Linear(args.rep, args.proj))
    params = list(encoder.parameters()) + list(head.parameters())
    adam = torch.optim.Adam(params, lr=2e-3)
    data = [torch.rand(2 * n, 1, 28, 28) for _ in range(4)]
    excluded = torch.eye(2 * n, dtype=torch.bool)
    partner = torch.cat([torch.arange(n, 2 * n), torch.arange(0, n)])

    def step(views):
        z = F.normalize(head(encoder(views)), dim=1)
        logits = (z @ z.t() / args.tau).masked_fill(excluded, float("-inf"))
        loss = F.cross_entropy(logits, partner)
        adam.zero_grad(set_to_none=True)
        loss.backward()
        adam.step()
        return loss.item()

    rates = timed_rates(lambda i: step(data[i % 4]), args, per_step=n)
    emit_torch_rates("contrastive", args, rates, "samples_per_s", "samples/s", batch=n, viewsPerSample=2)


if __name__ == "__main__":
    main()
