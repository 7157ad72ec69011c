"""Probe 44 (thirteenth session): the sweep's powers of two (whole rows in registers, one read)
against exact-chunk streaming with the lanes counted once (two reads, the second from L2),
every chunk width of 1024-8192 that gives 2-8 chunks, warps as FWD_STREAM_THREAD_BYTES gives
them (at least the exact-chunk rule's: 16-bit 8, fp32 16; more past 16384 columns). Probes
41-43: streamed 16-bit 40960 ran at 90-91% of copy, 16-bit 32768 whole runs at 78-81%, 4096 at
87-88%, 8192 at 90%. Prediction: 16-bit 32768 streamed in 8192-wide chunks near 40960's 90%;
at 2048-16384 the whole row stays ahead or ties (one read against two), except where its
registers limit it. Same method as probe 42 (its forward()); run from the repository root:
PYTHONPATH=.:ab:docs/perf/h200/thirteenth-session python docs/perf/h200/thirteenth-session/probe44.py"""

import torch

from kernels import config as cfg
from kernels.bench import harness as h
from probe42 import FLAGS, forward


def streamed(n, size, chunk):
    rule = cfg.FWD_STREAM_EXACT_CHUNKS["H200"]
    most, wide = rule.num_warps[size]
    vector_warps = chunk * size // (cfg.FWD_STREAM_THREAD_BYTES * 32)
    warps = min(cfg.MAX_WARPS, max(wide if n > rule.wide_row else most, vector_warps))
    once = vector_warps <= cfg.MAX_WARPS
    return cfg.ForwardConfig(chunk, n // chunk, 1, warps, count_once=once, **FLAGS)


if __name__ == "__main__":
    print(torch.cuda.get_device_name(), torch.__version__, flush=True)
    for n in (2048, 4096, 8192, 16384, 32768):
        for dtype in ("bfloat16", "float16", "float32"):
            size = h.torch_dtype(dtype).itemsize
            vs = {"rule": cfg.forward_config(n, h.torch_dtype(dtype), "H200")}
            for chunk in (1024, 2048, 4096, 8192):
                if 2 <= n // chunk <= 8:
                    c = streamed(n, size, chunk)
                    vs[f"{chunk} x {c.num_chunks} w{c.num_warps}{' once' * c.count_once}"] = c
            for k, c in vs.items():
                print(f"  {dtype} {n} {k}: {c}", flush=True)
            forward(dtype, n, vs)
