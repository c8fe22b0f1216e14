"""The convolutional sparse auto-encoder of the conv lab in PyTorch, as the reference for
bench/conv-sparse.ts (same model as models/conv/conv-graph.ts, auto-encoder variant):

  Z = g * sigma(E (x) y),  y_hat = sum_i K_i * Z_i (conv_transpose),  L = 1/2 |y - y_hat|^2 + lambda |Z|_1,
  averaged over the batch; sigma = soft threshold (learned beta) or tanh; after each step the
  decoder kernels go back to unit norm (and beta to >= 0). Adam, or normalised gradient descent
  (each tensor steps lr * g / rms(g)). Inputs: random 32x32 images (the speed does not depend on them).

  python3 bench/pytorch_conv.py [--kernels 16] [--size 9] [--batch 8] [--nonlinearity shrink|tanh]
                                [--optimizer adam|sgd] [--steps 20] [--repeats 5] [--threads 1]
"""

import argparse

import torch
import torch.nn.functional as F

from reference import add_timing_flags, emit_torch_rates, timed_rates, torch_setup


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--kernels", type=int, default=16)
    parser.add_argument("--size", type=int, default=9)
    parser.add_argument("--batch", type=int, default=8)
    parser.add_argument("--image", type=int, default=32)
    parser.add_argument("--nonlinearity", choices=["shrink", "tanh"], default="shrink")
    parser.add_argument("--optimizer", choices=["adam", "sgd"], default="adam")
    add_timing_flags(parser, repeats=5, steps=20)
    args = parser.parse_args()
    torch_setup(args)
    n, k, r = args.kernels, args.size, (args.size - 1) // 2
    dec = torch.randn(n, 1, k, k)
    dec = (dec / dec.flatten(1).norm(dim=1).view(n, 1, 1, 1)).requires_grad_()
    enc = dec.detach().clone().requires_grad_()
    gain = torch.full((n,), n ** -0.5, requires_grad=True)
    beta = torch.full((n,), 0.1, requires_grad=True)
    params = [dec, enc, gain] + ([beta] if args.nonlinearity == "shrink" else [])
    adam = torch.optim.Adam(params, lr=0.01) if args.optimizer == "adam" else None
    data = [torch.randn(args.batch, 1, args.image, args.image) for _ in range(8)]
    lam = 0.5

    def step(y):
        v = F.conv2d(y, enc, padding=r)
        b4 = beta.view(1, n, 1, 1)
        s = F.relu(v - b4) - F.relu(-v - b4) if args.nonlinearity == "shrink" else torch.tanh(v)
        z = s * gain.view(1, n, 1, 1)
        y_hat = F.conv_transpose2d(z, dec, padding=r)
        loss = (0.5 * ((y - y_hat) ** 2).sum() + lam * z.abs().sum()) / y.shape[0]
        for p in params:
            p.grad = None
        loss.backward()
        with torch.no_grad():
            if adam is not None:
                adam.step()
            else:
                for p in params:
                    p.sub_(0.005 * p.grad / (p.grad.pow(2).mean().sqrt() + 1e-12))
            dec.div_(dec.flatten(1).norm(dim=1).view(n, 1, 1, 1))
            beta.clamp_(min=0)
        return loss.item()

    rates = timed_rates(lambda i: step(data[i % 8]), args)
    emit_torch_rates("conv-sparse", args, rates, "steps_per_second", "steps/s", kernels=n, kernelSize=k,
                     batch=args.batch, nonlinearity=args.nonlinearity, optimizer=args.optimizer)


if __name__ == "__main__":
    main()
