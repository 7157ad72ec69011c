"""Probe 127 (twenty-seventh session; prepared; run in the twenty-eighth session, log entry 65): forward rows between powers of two,
streamed in exact chunks (the rule) against one padded whole row, under flush_l2.

Entry 62 found the 8192-wide rows' 4 streamed chunks no better than the whole row once the
flush was fair (they had won under the zeroing flush, which kept their first pass's
`evict_last` lines). Rows between powers of two are streamed by the same rule in exact chunks:
5120 as 5 x 1024, 6144 as 3 x 2048, 12288 as 3 x 4096, chosen by probes under the old flush
(entries 33-34, 48). Call 3's extended sweep (flush_l2): 5120 at 93-94% of copy against 95-97%
at 4096 and 94-96% at 8192; 12288 at 95%. Prediction: the whole row padded to 8192 (16384 for
12288) ties the chunks at 5120-6144 or wins by a few %, loses at 12288 (a quarter of the lanes
masked, 16384's registers). Variants: the rule, the padded whole row with 4, 8 and 16 warps,
inference (no statistics) and the rule and the 8-warp whole row with them stored; the copy and
torch.compile among them; 6 rotated rounds (harness.rotated_rounds), every variant checked
against the float64 reference first. M = 4096.
  PYTHONPATH=. python docs/perf/h200/twenty-seventh-session/prepared/probe127.py
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
POINTS = [(dtype, n) for n in (5120, 6144, 12288) for dtype in ("bfloat16", "float16", "float32")]


def point(dtype, n):
    dev = torch.device("cuda" if CUDA else "cpu")
    tdt = getattr(torch, dtype)
    inp = h._random_inputs(M, n, dtype, dev)
    x, w, b = inp["x"], inp["weight"], inp["bias"]
    ref = layer_norm_reference(x, (n,), w, b, 1e-5)
    width = cfg.padded_width(n)
    confs = {"rule": cfg.forward_config(n, tdt, "H200")}
    confs.update(
        {f"whole {width}, {k} warps": cfg.ForwardConfig(width, 1, 1, k) for k in (4, 8, 16)}
    )
    fns = {v: (lambda c=c: ln._forward(x, w, b, 1e-5, c, stats=False)[0]) for v, c in confs.items()}
    for v in ("rule", f"whole {width}, 8 warps"):
        fns[v + " +stats"] = lambda c=confs[v]: ln._forward(x, w, b, 1e-5, c)[0]
    if CUDA:
        compiled = torch.compile(F.layer_norm, dynamic=False, fullgraph=True)
        fns["torch.compile"] = lambda: compiled(x, (n,), w, b, 1e-5)
    for v, f in fns.items():
        assert_close(f(), ref, tdt, f"{dtype} {n} {v}")
    if not CUDA:
        print(f"{dtype} {n}: {len(fns)} variants checked on the interpreter")
        return
    fns["copy"] = h._copy_case("forward", M, n, dtype, dev).fn
    res = {v: [t * 1e3 for t in ts] for v, ts in h.rotated_rounds(fns, ROUNDS).items()}
    nbytes = h.bytes_moved("forward", M, n, dtype)
    for v, ts in res.items():
        pct = [c / t * 100 for c, t in zip(res["copy"], ts)]
        print(
            f"{dtype:8s} {n:5d} {v:24s} {min(ts):7.2f}-{max(ts):7.2f} us "
            f"{nbytes / min(ts) / 1e3:5.0f} GB/s  {min(pct):5.1f}-{max(pct):5.1f}% of copy",
            flush=True,
        )
    torch.cuda.empty_cache()


if __name__ == "__main__":
    torch._dynamo.config.recompile_limit = 1000
    if CUDA:
        print(torch.cuda.get_device_name(), torch.__version__, flush=True)
    for dtype, n in POINTS if CUDA else POINTS[:1]:
        point(dtype, n)
