"""Probe 123 (twenty-sixth session): the whole row in registers against the streamed rule at
the full-block widths 8192 and 16384 (FWD_STREAM_FULL_BLOCKS), under flush_l2.

Probe 122 (call 1, one VM): the whole row took 2.5-4.5% less time than the rule at 16-bit 8192
and 1.7% at fp32 8192, tied at 16384. Entry 37 had chosen the rule under the zeroing flush,
which flattered its `evict_last` first pass (entry 61). Here, on another VM: the rule, the whole
row with 4, 8 and 16 warps (8192) or its old warps (16384), inference (no statistics) and with
the statistics stored (training), the copy and torch.compile among the variants, 6 rotated
rounds, every variant checked against the float64 reference first. M = 4096.
  PYTHONPATH=. python docs/perf/h200/twenty-sixth-session/probe123.py
"""

import torch
import torch.nn.functional as F

from kernels import config as cfg
from kernels import layernorm as ln
from kernels.bench import harness as h
from kernels.reference import assert_close, layer_norm_reference

CUDA = torch.cuda.is_available()
M = 4096 if CUDA else 4
ROUNDS = 6
# (dtype, N) -> whole-row warps to try
POINTS = {
    ("bfloat16", 8192): (4, 8, 16),
    ("float16", 8192): (4, 8, 16),
    ("float32", 8192): (4, 8, 16),
    ("bfloat16", 16384): (8,),
    ("float16", 16384): (8,),
    ("float32", 16384): (16,),
}


def med(fn):
    return torch.tensor(h.cuda_times(fn)).median().item() * 1e3


def point(dtype, n, warps):
    dev = torch.device("cuda" if CUDA else "cpu")
    tdt = getattr(torch, dtype)
    inp = h._random_inputs(M, n, dtype, dev)
    x, w, b = inp["x"], inp["weight"], inp["bias"]
    ref = layer_norm_reference(x, (n,), w, b, 1e-5)
    confs = {"rule": cfg.forward_config(n, tdt, "H200")}
    confs.update({f"whole {k} warps": cfg.ForwardConfig(n, 1, 1, k) for k in warps})
    fns = {}
    for name, c in confs.items():
        fns[name] = lambda c=c: ln._forward(x, w, b, 1e-5, c, stats=False)[0]
    for name in ("rule", f"whole {8 if 8 in warps else warps[0]} warps"):
        fns[name + " +stats"] = lambda c=confs[name]: ln._forward(x, w, b, 1e-5, c)[0]
    if CUDA:
        compiled = torch.compile(F.layer_norm, dynamic=False, fullgraph=True)
        fns["torch.compile"] = lambda: compiled(x, (n,), w, b, 1e-5)
    for v, f in fns.items():
        assert_close(f(), ref, tdt, v)
    if not CUDA:
        print(f"{dtype} {n}: {len(fns)} variants checked on the interpreter")
        return
    fns["copy"] = h._copy_case("forward", M, n, dtype, dev).fn
    names = list(fns)
    res = {v: [] for v in names}
    for r in range(ROUNDS):
        k = r % len(names)
        for v in names[k:] + names[:k]:
            res[v].append(med(fns[v]))
    nbytes = h.bytes_moved("forward", M, n, dtype)
    for v in names:
        ts = res[v]
        pct = [c / t * 100 for c, t in zip(res["copy"], ts)]
        print(f"{dtype} {n} {v:20s} {min(ts):7.2f}-{max(ts):7.2f} us "
              f"{nbytes / min(ts) / 1e3:5.0f} GB/s  {min(pct):5.1f}-{max(pct):5.1f}% of copy", flush=True)
    torch.cuda.empty_cache()


if __name__ == "__main__":
    torch._dynamo.config.recompile_limit = 1000
    for (dtype, n), warps in POINTS.items() if CUDA else list(POINTS.items())[:1]:
        point(dtype, n, warps)
