"""Probe 32 (eleventh session): probe 29 with L2 eviction hints (ForwardConfig.l2_hints).
Probe 29 (prepared in the tenth session, NOT RUN: no device time was left). The streamed
forward's pass 1 with Welford statistics per lane, merged once per row (`lane-stats.diff`,
ForwardConfig.lane_stats), against today's two block-wide reductions per chunk; and 2048-wide
chunks with 16 warps, the looped-reduction shape inductor tries for such rows (torch 2.13's
`_reduction_configs`: R0_BLOCK 2048, r // 128 warps). Apply the diff to the kernels first
(`git apply docs/perf/h200/tenth-session/prepared/lane-stats.diff`), copy `probe7.py` from
docs/perf/h100/experiments/short-rows-and-groups/ into ab/, then:
PYTHONPATH=. python probe29.py bfloat16:9216 bfloat16:10240 bfloat16:12288 bfloat16:20480
bfloat16:24576 float16:20480 float32:65536 bfloat16:65536
Same process, 3 interleaved rounds; each variant is first checked against the float64 reference."""
import dataclasses
import sys

import torch

import kernels
from kernels import config as cfg, layernorm as ln
from kernels.bench import harness as h
from kernels.reference import assert_close

sys.path.insert(0, "ab")
from probe7 import run_point  # noqa: E402

M = 4096
R = dataclasses.replace


def variants(n, tdt):
    d = cfg.forward_config(n, tdt, cfg.gpu_family(torch.device("cuda")))
    vs = {"default": d}
    if d.num_chunks > 1:
        vs["hints"] = R(d, l2_hints=True)
        vs["lane stats"] = R(d, lane_stats=True)
        vs["lane stats hints"] = R(d, lane_stats=True, l2_hints=True)
    for chunk, warps in ((2048, 16), (4096, 8), (4096, 16)):
        if chunk * 2 <= n:
            conf = cfg.ForwardConfig(chunk, -(-n // chunk), 1, warps)
            vs[f"chunk{chunk} w{warps}"] = conf
            vs[f"chunk{chunk} w{warps} hints"] = R(conf, l2_hints=True)
            vs[f"chunk{chunk} w{warps} lane hints"] = R(conf, lane_stats=True, l2_hints=True)
    return vs


def forward(dtype, n):
    tdt = h.torch_dtype(dtype)
    inp = h._random_inputs(M, n, dtype, torch.device("cuda"))
    x, w, b = inp["x"], inp["weight"], inp["bias"]
    ref = kernels.layer_norm_reference(x, (n,), w, b)
    vs = variants(n, tdt)
    for k, c in vs.items():
        print(f"  {dtype} {n} {k}: {c}", flush=True)

    def call(v):
        return ln._forward(x, w, b, 1e-5, vs[v])

    def check(v):
        assert_close(call(v)[0], ref, tdt, f"{v} y")

    run_point("forward", dtype, n, vs, call, check)


if __name__ == "__main__":
    print(torch.cuda.get_device_name(), torch.__version__, flush=True)
    for part in sys.argv[1:]:
        dtype, n = part.split(":")
        forward(dtype, int(n))
