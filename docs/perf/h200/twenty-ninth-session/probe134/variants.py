"""Probe 134's variants (shared by the offline register count and the GPU probe)."""
from dataclasses import replace

import torch

from kernels import config as cfg

F32, BF16 = torch.float32, torch.bfloat16


def streamed(dtype, block_n, chunks, warps, ahead, x_only=True, equal_lanes=True, cap=0):
    base = cfg.forward_config(16384, dtype, "H200")  # 4096 x 4 streamed, exact chunks
    assert base.num_chunks > 1 and base.lane_stats
    return replace(base, block_n=block_n, num_chunks=chunks, num_warps=warps, pass2_ahead=ahead,
                   params_ahead=not x_only, equal_lanes=equal_lanes, max_registers=cap)


def variants(dtype, n):
    rule = cfg.forward_config(n, dtype, "H200")
    v = {"rule": rule}
    if dtype == F32 and n == 16384:
        v["x ahead"] = replace(rule, pass2_ahead=True, params_ahead=False)
        v["16w ahead"] = replace(rule, num_warps=16, pass2_ahead=True)
        v["16w x ahead"] = replace(rule, num_warps=16, pass2_ahead=True, params_ahead=False)
    if dtype == F32 and n == 24576:
        v["x ahead"] = replace(rule, pass2_ahead=True, params_ahead=False)
        v["16w ahead"] = replace(rule, num_warps=16, pass2_ahead=True)
        v["8192x3 32w ahead"] = streamed(dtype, 8192, 3, 32, True, False)
    if dtype == F32 and n == 32768:
        v["4096x8 32w"] = streamed(dtype, 4096, 8, 32, False, equal_lanes=False)
        v["4096x8 32w x ahead"] = streamed(dtype, 4096, 8, 32, True, equal_lanes=False)
        v["4096x8 32w x ahead 1load"] = streamed(dtype, 4096, 8, 32, True)
        v["4096x8 16w ahead"] = streamed(dtype, 4096, 8, 16, True, False, equal_lanes=False)
        v["8192x4 32w x ahead"] = streamed(dtype, 8192, 4, 32, True, equal_lanes=False)
        v["4096x8 32w x ahead cap32"] = streamed(dtype, 4096, 8, 32, True, equal_lanes=False, cap=32)
        v["4096x8 32w cap32"] = streamed(dtype, 4096, 8, 32, False, equal_lanes=False, cap=32)
    if dtype == F32 and n == 65536:
        v["x ahead"] = replace(rule, pass2_ahead=True, params_ahead=False)
        v["4096x16 32w x ahead"] = streamed(dtype, 4096, 16, 32, True, equal_lanes=False)
        v["8192x8 32w x ahead"] = streamed(dtype, 8192, 8, 32, True, equal_lanes=False)
    if dtype == F32 and n in (9216, 11264):
        v["32w"] = replace(rule, num_warps=32)
        v["8w"] = replace(rule, num_warps=8)
        v["x ahead"] = replace(rule, params_ahead=False)
    if dtype == BF16 and n == 16384:
        v["8192x2 16w ahead"] = streamed(dtype, 8192, 2, 16, True, False)
        v["8192x2 32w ahead"] = streamed(dtype, 8192, 2, 32, True, False)
        v["4096x4 8w ahead"] = replace(rule, num_warps=8, pass2_ahead=True)
    if dtype == BF16 and n == 8192:
        v["4096x2 8w ahead"] = streamed(dtype, 4096, 2, 8, True, False)
        v["4096x2 16w ahead"] = streamed(dtype, 4096, 2, 16, True, False)
        v["2048x4 8w ahead"] = streamed(dtype, 2048, 4, 8, True, False)
    if dtype == BF16 and n == 32768:
        v["x ahead"] = replace(rule, pass2_ahead=True, params_ahead=False)
        v["16w ahead"] = replace(rule, num_warps=16, pass2_ahead=True, max_registers=0)
        v["16384x2 32w ahead"] = streamed(dtype, 16384, 2, 32, True, False, cap=0)
    return v


POINTS = [(F32, 16384), (F32, 24576), (F32, 32768), (F32, 65536), (F32, 9216), (F32, 11264),
          (BF16, 8192), (BF16, 16384), (BF16, 32768)]
