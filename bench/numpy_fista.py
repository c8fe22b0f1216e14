"""FISTA in the Gram-matrix form with numpy, the reference for bench/sparse-fista.ts.

Same maths as models/sparse/sparse-graph.ts: G = W^T W, B = Y W, theta = lam/L,
z_k = sh(x_k - (x_k G - B)/L), Beck & Teboulle's momentum. L = lambda_max(G) is found once
per dictionary (as the lab keeps it); each timed solve forms G and B and runs the iterations.
BLAS threads from --threads (the caller also sets OPENBLAS_NUM_THREADS).

  python3 bench/numpy_fista.py --data F --atoms 256 --batch 256 --iterations 100 --repeats 7
  (F: raw float32 [count, 784] digits written by the TypeScript benchmark)
Prints one JSON line shaped like bench/run.ts's (solves per second).
"""

import argparse
import time

import numpy as np

from reference import add_timing_flags, emit_rates


def fista(G, B, L, theta, iterations):
    z = np.zeros_like(B)
    x = z
    t = 1.0
    inv_l = np.float32(1 / L)
    for _ in range(iterations):
        v = x - (x @ G - B) * inv_l
        z_next = v - np.clip(v, -theta, theta)
        t_next = (1 + np.sqrt(1 + 4 * t * t)) / 2
        x = z_next + np.float32((t - 1) / t_next) * (z_next - z)
        z, t = z_next, t_next
    return z


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", required=True)
    parser.add_argument("--atoms", type=int, default=256)
    parser.add_argument("--batch", type=int, default=256)
    parser.add_argument("--iterations", type=int, default=100)
    parser.add_argument("--lam", type=float, default=1.0)
    add_timing_flags(parser, repeats=7)
    args = parser.parse_args()
    digits = np.fromfile(args.data, dtype=np.float32).reshape(-1, 784)
    rng = np.random.default_rng(1)
    W = rng.standard_normal((784, args.atoms)).astype(np.float32)
    W /= np.linalg.norm(W, axis=0, keepdims=True)
    Y = digits[: args.batch]
    L = float(np.linalg.eigvalsh((W.T @ W).astype(np.float64))[-1])
    rates = []
    zeros = 0.0
    for _ in range(args.repeats + 1):
        start = time.perf_counter()
        G = W.T @ W
        B = Y @ W
        z = fista(G, B, L, np.float32(args.lam / L), args.iterations)
        rates.append(1 / (time.perf_counter() - start))
        zeros = float(np.mean(z == 0))
    emit_rates("sparse-fista", f"numpy-openblas-{args.threads}thread", rates[1:], "solves_per_second", "solves/s",
               threads=args.threads, batch=args.batch, atoms=args.atoms, iterations=args.iterations,
               zeroFraction=zeros)


if __name__ == "__main__":
    main()
