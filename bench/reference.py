"""What the PyTorch and numpy references of the benchmarks share (bench/python.ts runs them as
scripts, so this module sits beside them): the flags each takes, the timing loop, and the JSON
line shaped like bench/run.ts's {bench, backend, metric, value, unit, runs, median, ...}.
"""

import json
import statistics
import time


def add_timing_flags(parser, repeats, steps=None):
    """--repeats (and --steps, when given a default) and --threads (1)."""
    if steps is not None:
        parser.add_argument("--steps", type=int, default=steps)
    parser.add_argument("--repeats", type=int, default=repeats)
    parser.add_argument("--threads", type=int, default=1)


def torch_setup(args):
    """PyTorch on args.threads threads, seeded with 1."""
    import torch

    torch.set_num_threads(args.threads)
    torch.manual_seed(1)


def timed_rates(step, args, warmup=3, per_step=1):
    """Rates (per_step units a second) of args.repeats runs of args.steps calls of step(i), after
    `warmup` untimed calls step(0) ... step(warmup - 1); the timed calls count i from 0 again."""
    for i in range(warmup):
        step(i)
    rates = []
    for r in range(args.repeats):
        start = time.perf_counter()
        for s in range(args.steps):
            step(r * args.steps + s)
        rates.append(args.steps * per_step / (time.perf_counter() - start))
    return rates


def emit_rates(bench, backend, rates, metric, unit, shown=lambda v: v, value=None, **details):
    """Prints the line of the median of `rates` (with `shown` applied to value, median, min, max;
    `value` overrides the shown value) and the details."""
    median = statistics.median(rates)
    line = dict(bench=bench, backend=backend, metric=metric, value=shown(median) if value is None else value,
                unit=unit, runs=len(rates), median=shown(median), min=shown(min(rates)), max=shown(max(rates)))
    print(json.dumps({**line, **details}), flush=True)


def emit_torch_rates(bench, args, rates, metric, unit, **options):
    """emit_rates for a PyTorch reference on args.threads threads (its version among the details)."""
    import torch

    emit_rates(bench, f"pytorch-cpu-{args.threads}thread", rates, metric, unit, variant="pytorch",
               threads=args.threads, **options, torch=torch.__version__)
