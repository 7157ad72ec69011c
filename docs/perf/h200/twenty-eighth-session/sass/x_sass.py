"""x-ahead.diff offline (Triton 3.6, sm_90): registers and stack with pass 2's whole ahead load
and with x alone ahead, at the widths where the whole load lost; pass 2's load/store order at
fp32 16384. Usage (a clone with x-ahead.diff applied, this directory and the helper scripts in /work/sass130):
  PYTHONPATH=.:docs/perf/h200/twenty-eighth-session/sass:/work/sass130 /work/venv36/bin/python x_sass.py"""
import dataclasses, torch
from kernels import config as cfg
from ahead_cap import regs
from compile_all import ours

for dtype, n in [(torch.float32, 16384), (torch.float32, 20480), (torch.float32, 24576),
                 (torch.bfloat16, 32768), (torch.bfloat16, 40960), (torch.bfloat16, 49152)]:
    rule = cfg.forward_config(n, dtype, "H200")
    for name, c in [("x, weight, bias ahead", dataclasses.replace(rule, pass2_ahead=True)),
                    ("x ahead", dataclasses.replace(rule, pass2_ahead=True, params_ahead=False))]:
        print(f"{str(dtype)[6:]:8s} {n:6d} {rule.block_n}x{rule.num_chunks} {rule.num_warps}w {name:22s} {regs(c, n, dtype)}", flush=True)
rule = cfg.fit_forward_tile(cfg.forward_config(16384, torch.float32, "H200"), 4096, 132, 4)
ours("x_ahead_16384", dataclasses.replace(rule, pass2_ahead=True, params_ahead=False), 16384)
