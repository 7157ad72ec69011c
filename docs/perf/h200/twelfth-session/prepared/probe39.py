"""Probe 39 (prepared in the twelfth session, NOT RUN): the streamed forward with its per-lane
counts computed once after pass 1 (lane-counts.diff: a constant with FULL_TILES) against the
kernel as it is, same configs. Offline sm_90 compiles (offline-regs.txt) found the carried
counts cost registers and a layout change through shared memory after the loop: bf16 8192 x 7
chunks with 16 warps 74 -> 54 registers and 16384 -> 192 bytes of shared memory (8 chunks: 78 ->
54), bf16 4096 x 5-6 with 8 warps 64 -> 44, fp32 16384 x 4 with 32 warps 64 -> 54. Prediction:
16-bit rows of 7-8 chunks of 8192 with 16 warps go from one program per SM to two, so 57344
(69-73%) and 65536 streamed (66-72%) rise towards 40960-49152's 80-84%, and 16-bit 65536 may
then beat its two 32768 chunks (75-78%); elsewhere within a few points either way, as ptxas
hoists fewer pass-1 loads with fewer registers (SASS: bf16 4096 x 5, 7 early loads -> 5).
One process, 3 interleaved rounds; every variant first checked against the float64 reference.
Setup and run: prepared/next-call.sh."""

import sys

import torch

import kernels
from kernels import config as cfg, layernorm as ln
from kernels.bench import harness as h
from kernels.reference import assert_close

sys.path.insert(0, "ab")
sys.path.insert(0, "ab/lanes")
from probe7 import run_point  # noqa: E402
import kernels_lanes.layernorm as lanes  # noqa: E402

M = 4096


def variants(n, tdt):
    d = cfg.forward_config(n, tdt, cfg.gpu_family(torch.device("cuda")))
    vs = {"as is": (ln, d), "lane counts": (lanes, d)}
    if tdt.itemsize == 2 and n in (57344, 65536) and not d.lane_stats:
        s = cfg.ForwardConfig(8192, n // 8192, 1, 16, lane_stats=True, l2_hints=True, in_order=True)
        vs["as is, 8192 w16"] = (ln, s)
        vs["lane counts, 8192 w16"] = (lanes, s)
    return vs


def forward(dtype, n):
    tdt = h.torch_dtype(dtype)
    inp = h._random_inputs(M, n, dtype, torch.device("cuda"))
    x, w, b = inp["x"], inp["weight"], inp["bias"]
    ref = kernels.layer_norm_reference(x, (n,), w, b)
    vs = variants(n, tdt)
    for k, (_, c) in vs.items():
        print(f"  {dtype} {n} {k}: {c}", flush=True)

    def call(v):
        module, conf = vs[v]
        return module._forward(x, w, b, 1e-5, conf)[0]

    def check(v):
        assert_close(call(v), ref, tdt, f"{v} y")

    run_point("forward", dtype, n, vs, call, check)


if __name__ == "__main__":
    print(torch.cuda.get_device_name(), torch.__version__, flush=True)
    for part in sys.argv[1:]:
        dtype, n = part.split(":")
        forward(dtype, int(n))
