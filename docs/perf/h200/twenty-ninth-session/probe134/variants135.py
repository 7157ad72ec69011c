"""Probe 135's variants: fp32 rows in 1024-2048-wide exact chunks (the H200's pass-2-ahead
widths) with 32 warps, and with pass 1 in one padded load (16 or 32 warps)."""
from dataclasses import replace

import torch

from kernels import config as cfg

F32 = torch.float32


def variants(dtype, n):
    rule = cfg.forward_config(n, dtype, "H200")
    v = {"rule": rule}
    if n == 16384:
        v["x ahead"] = replace(rule, pass2_ahead=True, params_ahead=False)
        return v
    for w in (16, 32):
        if w != rule.num_warps:
            v[f"{w}w"] = replace(rule, num_warps=w)
        if not cfg.one_load_chunks(rule) == rule.num_chunks:
            v[f"{w}w padded"] = replace(rule, num_warps=w, padded_load=True)
    return v


POINTS = [(F32, n) for n in (5120, 6144, 9216, 10240, 11264, 16384)]
