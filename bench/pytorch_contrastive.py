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
import json
import statistics
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--batch", type=int, default=128)
    parser.add_argument("--c1", type=int, default=16)
    parser.add_argument("--c2", type=int, default=32)
    parser.add_argument("--rep", type=int, default=64)
    parser.add_argument("--proj", type=int, default=32)
    parser.add_argument("--tau", type=float, default=0.2)
    parser.add_argument("--steps", type=int, default=10)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(1)
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

    for i in range(3):
        step(data[i % 4])
    rates = []
    for rep in range(args.repeats):
        start = time.perf_counter()
        for s in range(args.steps):
            step(data[(rep * args.steps + s) % 4])
        rates.append(args.steps * n / (time.perf_counter() - start))
    median = statistics.median(rates)
    print(json.dumps(dict(bench="contrastive", backend=f"pytorch-cpu-{args.threads}thread", variant="pytorch",
                          metric="samples_per_s", value=median, unit="samples/s", runs=len(rates), median=median,
                          min=min(rates), max=max(rates), threads=args.threads, batch=n, viewsPerSample=2,
                          torch=torch.__version__)), flush=True)


if __name__ == "__main__":
    main()
