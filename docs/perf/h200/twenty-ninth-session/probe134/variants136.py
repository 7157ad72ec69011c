"""Probe 136's variants: the fp32 1024-wide-chunk rows and the 16-bit rows of 11264 with twice
the rule's warps (probes 134-135: fp32 11264 +1.8-2.0% with 32 warps, 9216 -0.6 to -1%);
config.FWD_STREAM_EXACT_CHUNKS' wide_row at 10240 would give 11264 those warps in both."""
from dataclasses import replace

import torch

from kernels import config as cfg


def variants(dtype, n):
    rule = cfg.forward_config(n, dtype, "H200")
    return {"rule": rule, f"{2 * rule.num_warps}w": replace(rule, num_warps=2 * rule.num_warps)}


POINTS = [(torch.float32, 11264)] + [
    (dt, n) for dt in (torch.bfloat16, torch.float16) for n in (9216, 11264)
]
