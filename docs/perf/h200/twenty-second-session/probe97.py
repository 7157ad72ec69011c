"""Probe 97 (twenty-second session): weight and bias loaded with x (params_first) at the
shortest rows, again in a new process, with and without the statistics (probe 96: fp32 256
7.33 -> 7.04 us, fp32 512 9.02 -> 8.86, torch.compile 6.94 and 8.90; 16-bit 256-512 ties).
Prediction: fp32 256 -3 to -4%, 512 -1 to -2%, with statistics as well; fp32 1024 (the H100 lost
4% there in the seventh session) and the 16-bit points within noise. Configs given explicitly
(the rule, and the rule with params_first), so the table's own entries do not matter here.
Method as probes 63-96. PYTHONPATH=.:ab python docs/perf/h200/twenty-second-session/probe97.py
"""

from dataclasses import replace

import probe7
import torch
import torch.nn.functional as F

from kernels import config as cfg
from kernels import layernorm as ln
from kernels.bench import harness as h
from kernels.reference import assert_close, layer_norm_reference

M = 4096
POINTS = [("float32", 256), ("float32", 512), ("float32", 1024), ("bfloat16", 512),
          ("float16", 256)]


def forward(dtype, n):
    probe7.M = M
    tdt = getattr(torch, dtype)
    inp = h._random_inputs(M, n, dtype, torch.device("cuda"))
    x, w, b = inp["x"], inp["weight"], inp["bias"]
    ref = layer_norm_reference(x, (n,), w, b, 1e-5)
    rule = replace(cfg.forward_config(n, tdt, "H200"), params_first=False)
    confs = {"rule": rule, "params first": replace(rule, params_first=True)}
    fns = {f"{v} {s}": (lambda c=c, s=s: ln._forward(x, w, b, 1e-5, c, stats=s == "stats")[0])
           for v, c in confs.items() for s in ("stats", "infer")}
    compiled = torch.compile(F.layer_norm, dynamic=False, fullgraph=True)
    fns["torch.compile infer"] = lambda: compiled(x, (n,), w, b, 1e-5)

    def check(v):
        for _ in range(2):
            assert_close(fns[v](), ref, tdt, v)

    print(f"forward {dtype} {n}: {rule}", flush=True)
    probe7.run_point("forward", dtype, n, fns, lambda v: fns[v](), check)


if __name__ == "__main__":
    torch._dynamo.config.recompile_limit = 1000
    for dtype, n in POINTS:
        forward(dtype, n)
