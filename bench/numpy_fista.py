"""FISTA in the Gram-matrix form with numpy, the reference for bench/sparse-fista.ts.

Same maths as models/sparse/iterative-shrinkage.ts: S = I - G/L, C = Y W / L, theta = lam/L,
z_k = sh(x_k S + C), Beck & Teboulle's momentum. One thread (OPENBLAS_NUM_THREADS=1).

  python3 bench/numpy_fista.py --data F --atoms 256 --batch 256 --iterations 100 --repeats 7
  (F: raw float32 [count, 784] digits written by the TypeScript benchmark)
Prints one JSON line shaped like bench/run.ts's.
"""

import argparse
import json
import statistics
import time

import numpy as np


def fista(S, C, theta, iterations):
    z = np.zeros_like(C)
    x = z
    t = 1.0
    for _ in range(iterations):
        v = x @ S + C
        z_next = v - np.clip(v, -theta, theta)
        t_next = (1 + np.sqrt(1 + 4 * t * t)) / 2
        x = z_next + ((t - 1) / t_next) * (z_next - z)
        z, t = z_next, t_next
    return z


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", required=True)
    parser.add_argument("--atoms", type=int, default=256)
    parser.add_argument("--batch", type=int, default=256)
    parser.add_argument("--iterations", type=int, default=100)
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--lam", type=float, default=1.0)
    args = parser.parse_args()
    digits = np.fromfile(args.data, dtype=np.float32).reshape(-1, 784)
    rng = np.random.default_rng(1)
    W = rng.standard_normal((784, args.atoms)).astype(np.float32)
    W /= np.linalg.norm(W, axis=0, keepdims=True)
    Y = digits[: args.batch]
    times = []
    zeros = 0.0
    for _ in range(args.repeats + 1):
        start = time.perf_counter()
        G = W.T @ W
        L = float(np.linalg.eigvalsh(G.astype(np.float64))[-1])
        S = (np.eye(args.atoms, dtype=np.float32) - G / L).astype(np.float32)
        C = (Y @ W) / np.float32(L)
        z = fista(S, C, np.float32(args.lam / L), args.iterations)
        times.append(time.perf_counter() - start)
        zeros = float(np.mean(z == 0))
    times = times[1:]
    med = statistics.median(times)
    print(json.dumps({
        "bench": "sparse-fista", "backend": "numpy-openblas-1thread", "metric": "seconds",
        "value": med, "unit": "s", "runs": len(times), "median": med, "min": min(times),
        "max": max(times), "batch": args.batch, "atoms": args.atoms,
        "iterations": args.iterations, "zeroFraction": zeros,
    }), flush=True)


if __name__ == "__main__":
    main()
