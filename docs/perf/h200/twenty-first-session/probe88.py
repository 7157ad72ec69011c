"""Probe 88 (twenty-first session): the H200 table's new forward entries against the old ones, in
a new process, statistics stored and not (log entry 47).

Old -> new: fp32 512 4 rows / 2 warps -> 2 rows / 4; 16-bit 2048 1 row / 4 warps -> 8 warps;
16-bit 4096 4 warps -> the rule's 8; 16-bit 2049-4095 1 row / 4 warps -> 2 rows / 8 (measured at
3072 only, probe 87: here 2560 and 3584 too); 16-bit 32768 capped at 32 registers. Prediction:
the new entries as probes 85-87 found them, +3 to +10 points (fp32 512 +4%, fp16 32768 with
statistics +10), none slower. torch.compile beside the short rows.
  PYTHONPATH=.:ab python docs/perf/h200/twenty-first-session/probe88.py
"""

from dataclasses import replace

import torch
import torch.nn.functional as F

from kernels import config as cfg
from kernels import layernorm as ln
from kernels.bench import harness as h
from kernels.reference import assert_close, layer_norm_reference

M = 4096
OLD = {
    ("float32", 512): dict(block_m=4, num_warps=2),
    ("bfloat16", 2048): dict(num_warps=4),
    ("float16", 2048): dict(num_warps=4),
    ("bfloat16", 4096): dict(num_warps=4),
    ("float16", 4096): dict(num_warps=4),
    ("bfloat16", 2560): dict(block_m=1, num_warps=4),
    ("float16", 3072): dict(block_m=1, num_warps=4),
    ("bfloat16", 3584): dict(block_m=1, num_warps=4),
    ("float16", 32768): dict(max_registers=0),
    ("bfloat16", 32768): dict(max_registers=0),
}


def forward(dtype, n, old):
    import probe7

    probe7.M = M
    tdt = getattr(torch, dtype)
    inp = h._random_inputs(M, n, dtype, torch.device("cuda"))
    x, w, b = inp["x"], inp["weight"], inp["bias"]
    ref = layer_norm_reference(x, (n,), w, b, 1e-5)
    new = cfg.forward_config(n, tdt, "H200")
    confs = {"new": new, "old": replace(new, **old)}
    fns = {}
    for v, c in confs.items():
        for s in ("stats", "infer"):
            fns[f"{v} {s}"] = lambda c=c, s=s: ln._forward(x, w, b, 1e-5, c, stats=s == "stats")[0]
    if n <= 4096:
        compiled = torch.compile(F.layer_norm, dynamic=False, fullgraph=True)
        fns["torch.compile infer"] = lambda: compiled(x, (n,), w, b, 1e-5)

    def check(v):
        for _ in range(2):
            assert_close(fns[v](), ref, tdt, v)

    print(f"forward {dtype} {n}: new {new}", flush=True)
    probe7.run_point("forward", dtype, n, fns, lambda v: fns[v](), check)
    torch.cuda.empty_cache()


if __name__ == "__main__":
    torch._dynamo.config.recompile_limit = 1000
    for (dtype, n), old in OLD.items():
        forward(dtype, n, old)
