"""Probe 159: the forward's y as a streaming store (ForwardConfig.streaming_store, .cs) against
the rule's plain store, side by side in one process (probe 158, one process a variant: +1.8% at
fp32 32768, +2.5% at fp32 65536, +1.0% at bf16 16384, within 0.3% at 4096-8192). Every point of
the sweep's widths and wider, all three dtypes, M = 4096, and a few at 16384-65536 rows; 5
rotated rounds with the copy; every output checked against the float64 reference.
Prediction: +1-3% where a row is 32 KB or more (fp32 8192+, 16-bit 16384+), within noise below.
Since 20a19ff the rule itself takes streaming stores for rows wider than 32 KB: both variants
set the field explicitly.
  PYTHONPATH=. python docs/perf/h200/thirty-fourth-session/probe159.py"""

from dataclasses import replace

import torch

from kernels import config as cfg
from kernels import layernorm as ln
from kernels.bench import harness as h
from kernels.reference import assert_close, layer_norm_reference

ROUNDS, EPS = 5, 1e-5
NS = [256, 1024, 2048, 4096, 5120, 8192, 12288, 16384, 24576, 32768, 65536, 131072]
POINTS = [(4096, n, d) for d in ("float32", "bfloat16", "float16") for n in NS]
POINTS += [(m, n, d) for m in (16384, 65536) for n in (4096, 8192) for d in ("float32", "bfloat16")]


def point(m, n, dtype_name):
    dtype = getattr(torch, dtype_name)
    inp = h._random_inputs(m, n, dtype_name, torch.device("cuda"))
    x, w, b = inp["x"], inp["weight"], inp["bias"]
    ref = layer_norm_reference(x, (n,), w, b, EPS)
    rule = cfg.fit_forward_tile(cfg.forward_config(n, dtype, "H200"), m, 132, dtype.itemsize)
    fns = {}
    plain, stream = (replace(rule, streaming_store=on) for on in (False, True))
    for name, conf in (("plain", plain), ("stream", stream)):
        fn = lambda conf=conf: ln._forward(x, w, b, EPS, conf, stats=False)[0]  # noqa: E731
        assert_close(fn(), ref, dtype, f"{name} {m}x{n} {dtype_name}")
        fns[name] = fn
    fns["copy"] = h.prepare("copy", "forward", m, n, dtype_name).fn
    del ref
    rounds = h.rotated_rounds(fns, ROUNDS)
    res = {k: sorted(v)[ROUNDS // 2] for k, v in rounds.items()}
    kind = "split" if rule.splits > 1 else ("streamed" if rule.num_chunks > 1 else "whole")
    print(
        f"{dtype_name:8s} {m:6d} x {n:6d} {kind:8s} "
        + "  ".join(
            f"{k} {res[k] * 1e3:8.2f} us ({min(rounds[k]) * 1e3:.2f}-{max(rounds[k]) * 1e3:.2f})"
            f" {res['copy'] / res[k]:6.1%}"
            for k in res
        )
        + f"  stream/plain speed {res['plain'] / res['stream']:.3f}",
        flush=True,
    )


if __name__ == "__main__":
    for p in POINTS:
        point(*p)
