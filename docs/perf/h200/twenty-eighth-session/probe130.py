"""Probe 130 (twenty-eighth session): fp32 5120 and 6144 forward, the rule's flags one at a
time against torch.compile, whose chosen launch config is printed.

Probes 127 and 129 (three VMs): fp32 5120 48.3-49.0 us against torch.compile's 47.6-47.9 (1-2%
behind), 6144 55.7-56.1 against 55.5-55.9; the rule's 16 warps are the best of 4-32. torch.compile
streams the row in two passes too (call 2's inductor-5120.txt: a looped Welford reduction, pass 1
evict_last, pass 2 evict_first); its block and warps come from its own autotuning at the first
call (printed here from its CachingAutotuner). Variants of the rule (5 x 1024 at 5120, 3 x 2048
at 6144, 16 warps, per-lane statistics, L2 hints, pass 2 in order, counts once, equal lanes):
pass 2 last chunk first, no L2 hints, counts carried, Welford lanes (no equal lanes), pass 1 in
one load padded to 8 (4) chunks (fp32 untried with 16 warps: entry 48 lost it with 32), and
the row in masked chunks of 2048 or 4096 (torch.compile-like). Prediction: at most +1-2%, from
the padded one load (pass 1's loads all in flight) or the wider masked chunks.
6 rotated rounds (harness.rotated_rounds) with the copy; every variant checked against the
float64 reference first. M = 4096, inference (no statistics).
  PYTHONPATH=. python docs/perf/h200/twenty-eighth-session/probe130.py
"""

import gc
from dataclasses import replace

import torch
import torch.nn.functional as F

from kernels import config as cfg
from kernels import layernorm as ln
from kernels.bench import harness as h
from kernels.reference import assert_close, layer_norm_reference

CUDA = torch.cuda.is_available()
M = 4096 if CUDA else 4
ROUNDS = 6


def inductor_configs() -> None:
    from torch._inductor.runtime.triton_heuristics import CachingAutotuner

    for o in gc.get_objects():
        # type(o), not isinstance: gc also holds weak proxies whose referent is gone
        if issubclass(type(o), CachingAutotuner) and o.launchers:
            chosen = getattr(o.launchers[0], "config", o.launchers[0])
            print(f"  torch.compile chose {o.fn.__name__}: {chosen}", flush=True)


def point(n):
    dev = torch.device("cuda" if CUDA else "cpu")
    inp = h._random_inputs(M, n, "float32", dev)
    x, w, b = inp["x"], inp["weight"], inp["bias"]
    ref = layer_norm_reference(x, (n,), w, b, 1e-5)
    rule = cfg.forward_config(n, torch.float32, "H200")
    masked = replace(rule, equal_lanes=False, count_once=False)  # counts need full tiles
    confs = {
        "rule": rule,
        "pass 2 last chunk first": replace(rule, in_order=False),
        "no L2 hints": replace(rule, l2_hints=False),
        "counts carried": replace(rule, count_once=False),
        "Welford lanes": replace(rule, equal_lanes=False),
        "one padded load": replace(rule, padded_load=True),
        "masked 2048 chunks": replace(masked, block_n=2048, num_chunks=cfg.cdiv(n, 2048)),
        "masked 4096 chunks": replace(masked, block_n=4096, num_chunks=cfg.cdiv(n, 4096)),
    }
    fns = {v: (lambda c=c: ln._forward(x, w, b, 1e-5, c, stats=False)[0]) for v, c in confs.items()}
    if CUDA:
        torch._dynamo.reset()
        compiled = torch.compile(F.layer_norm, dynamic=False, fullgraph=True)
        fns["torch.compile"] = lambda: compiled(x, (n,), w, b, 1e-5)
    for v, f in fns.items():
        assert_close(f(), ref, torch.float32, f"{n} {v}")
    if not CUDA:
        print(f"float32 {n}: {len(fns)} variants checked on the interpreter")
        return
    inductor_configs()
    fns["copy"] = h._copy_case("forward", M, n, "float32", dev).fn
    res = {v: [t * 1e3 for t in ts] for v, ts in h.rotated_rounds(fns, ROUNDS).items()}
    nbytes = h.bytes_moved("forward", M, n, "float32")
    for v, ts in res.items():
        pct = [c / t * 100 for c, t in zip(res["copy"], ts)]
        print(
            f"float32 {n:5d} {v:24s} {min(ts):7.2f}-{max(ts):7.2f} us "
            f"{nbytes / min(ts) / 1e3:5.0f} GB/s  {min(pct):5.1f}-{max(pct):5.1f}% of copy",
            flush=True,
        )
    torch.cuda.empty_cache()


if __name__ == "__main__":
    torch._dynamo.config.recompile_limit = 1000
    if CUDA:
        print(torch.cuda.get_device_name(), torch.__version__, flush=True)
    for n in (5120, 6144) if CUDA else (5120,):
        point(n)
