"""Probe 30 (prepared in the tenth session, NOT RUN: no device time was left). Split backward rows
whose slices are two blocks (`split-tail.diff`: a program's slice is block_n + tail_n columns,
e.g. 16-bit 20480 = 2 x (8192 + 2048), 24576 = 2 x (8192 + 4096)) against today's 3 slices of
8192 (the third partly masked), with the group's exchange or each program recomputing the other
slice's sums. Offline sm_90 compile (regs.py, Triton 3.6): bf16 8192 + 4096 exchange 255
registers + 8 bytes of spills, recompute 255 + 88; with a 2048 tail no spills. Recompute with a
tail needs two load stages (three do not fit shared memory). Apply the diff first
(`git apply docs/perf/h200/tenth-session/prepared/split-tail.diff`), copy `probe7.py` from
docs/perf/h100/experiments/short-rows-and-groups/ into ab/, then:
PYTHONPATH=. python probe30.py bfloat16:18432 bfloat16:20480 bfloat16:22528 bfloat16:24576
float16:20480 float32:20480 float32:24576
Same process, 3 interleaved rounds; each variant is first checked against the float64 reference."""
import dataclasses
import sys

import torch

from kernels import config as cfg, layernorm as ln
from kernels.bench import harness as h
from kernels.reference import assert_close, reference_grads

sys.path.insert(0, "ab")
from probe7 import run_point  # noqa: E402

M = 4096
R = dataclasses.replace


def variants(n, tdt):
    dev = torch.device("cuda")
    d = cfg.backward_config(n, tdt, cfg.gpu_family(dev), cfg.max_shared_memory(dev), tdt.itemsize)
    vs = {"default": d}
    excess = -(-n // 2) - 8192  # a slice's columns past its 8192 block
    tail = max(cfg.BWD_MIN_TAIL[tdt.itemsize], cfg.padded_width(excess))
    if 0 < excess <= 4096:
        two = cfg.BackwardConfig(8192, 2, 1, 8, 1, load_stages=3, tail_n=tail, weights_per_row=True)
        smem = cfg.max_shared_memory(dev)
        for name, conf in (
            (f"2x(8192+{tail}) exchange", two),
            (f"2x(8192+{tail}) exchange s2", R(two, load_stages=2)),
            (f"2x(8192+{tail}) recompute s2", R(two, load_stages=2, recompute=True)),
        ):
            if cfg.pipeline_shared_memory(conf, tdt.itemsize, tdt.itemsize) <= smem:
                vs[name] = conf
    return vs


def backward(dtype, n):
    tdt = h.torch_dtype(dtype)
    inp = h._random_inputs(M, n, dtype, torch.device("cuda"))
    x, w, b, dy = inp["x"], inp["weight"], inp["bias"], inp["dy"]
    _, mean, rstd = ln._forward(x, w, b, 1e-5)
    ref = reference_grads(x, (n,), w, b, 1e-5, dy)
    vs = variants(n, tdt)
    for k, c in vs.items():
        print(f"  {dtype} {n} {k}: {c}", flush=True)

    def call(v):
        return ln._backward(dy, x, w, mean, rstd, True, tdt, vs[v])

    def check(v):
        for name, a, r in zip(("dx", "dw", "db"), call(v), ref):
            assert_close(a, r, tdt, f"{v} {name}")

    run_point("backward", dtype, n, vs, call, check)


if __name__ == "__main__":
    print(torch.cuda.get_device_name(), torch.__version__, flush=True)
    for part in sys.argv[1:]:
        dtype, n = part.split(":")
        backward(dtype, int(n))
