"""Probe 80 (nineteenth session): why lagged 16-bit forward groups of 9-14 slices lose.

Probe 78: lagged 16384-wide slices win at 7-8 and 15-16 slices (18, 16 and 8 groups; 228, 256
and 512 rows a group) and lose at 9-14 (14 down to 9 groups; 293-456 rows a group, the last
group short). Two guesses, one variant each:
  A. the rows a group walks: at 9 and 10 slices, M = groups x 256 (every group 256 rows, as at
     8 slices) against M = 4096;
  B. the group count: at 9 slices, a grid of 72 programs (8 groups, as at 16 slices) against
     132 (14 groups); fewer SMs stream, so only a loss smaller than 132/72 says anything.
Prediction: none.
Method as probes 63-79 (probe7.run_point, 3 interleaved rounds, checked against the float64
reference first). From the repository root, with ab/probe7.py (carry ["ab"]):
  PYTHONPATH=.:ab python docs/perf/h200/nineteenth-session/probe80.py
"""

import torch

from kernels import config as cfg

POINTS = [(147456, 4096), (147456, 14 * 256), (163840, 4096), (163840, 13 * 256)]


def forward(n, m, programs=None):
    import probe7

    from kernels import layernorm as ln
    from kernels.bench import harness as h
    from kernels.reference import assert_close, layer_norm_reference

    probe7.M = m
    dtype, tdt = "bfloat16", torch.bfloat16
    inp = h._random_inputs(m, n, dtype, torch.device("cuda"))
    x, w, b = inp["x"], inp["weight"], inp["bias"]
    ref = layer_norm_reference(x, (n,), w, b, 1e-5)
    splits = n // 16384
    lag = cfg.ForwardConfig(16384, 1, 1, 8, splits, lag=True)
    vs = {"rule": cfg.forward_config(n, tdt, "H200"), f"16384 x {splits} lag w8": lag}
    if programs:
        vs[f"16384 x {splits} lag w8, {programs} programs"] = lag
    sm_count = cfg.sm_count

    def call(v):
        cfg.sm_count = (lambda d: programs) if v.endswith(" programs") else sm_count
        try:
            return ln._forward(x, w, b, 1e-5, vs[v], stats=False)
        finally:
            cfg.sm_count = sm_count

    def check(v):
        for _ in range(3):
            assert_close(call(v)[0], ref, tdt, f"{v} y")

    print(f"forward bf16 {n} M = {m}", flush=True)
    probe7.run_point("forward", dtype, n, vs, call, check)


if __name__ == "__main__":
    for i, (n, m) in enumerate(POINTS):
        forward(n, m, programs=72 if i == 0 else None)
        torch.cuda.empty_cache()
