"""Probe 140 (thirtieth session): fp32 rows of 768 columns (the 1024 block, a quarter masked)
in other tiles, against torch.compile, which has been 2-3% ahead there in the last two extended
benches (2057 against 2020 GB/s in call 3; 0.97x in the twenty-ninth session's call 2). The
rule: the H100 table's 8 rows with 4 warps. Never probed at fp32 768 before (the 16-bit 768-2048
tiles were, entry 42). Variants: 1-16 rows x 1-8 warps of the padded 1024 block, in inference
(no statistics, as the bench's forward); the copy and torch.compile in the same rounds. 640 and
896 with the rule and the best tiles of 768 after it, since an override of (4, 1024, MASKED)
would cover 513-1023. 6 rotated rounds, every variant checked first. Prediction: within 1-2%
of the rule (short-row tiles moved 256/512 by 2-5%, entries 47, 54); a tile that wins at all
three widths by more than the rounds' spread becomes the H200's override.
  PYTHONPATH=. python docs/perf/h200/thirtieth-session/probe140.py [again]
(call 5, `again`: with the override applied, the rule is 4 rows; it runs against 8 rows and
the runners-up at 768, 640 and 896.)
"""

import sys
from dataclasses import replace

import torch

from kernels import config as cfg
from kernels import layernorm as ln
from kernels.bench import harness as h
from kernels.reference import assert_close, layer_norm_reference

M, ROUNDS = 4096, 6
TILES = [(1, 1), (1, 2), (2, 1), (2, 2), (2, 4), (4, 1), (4, 2), (4, 4), (8, 2), (8, 8), (16, 4)]
if len(sys.argv) > 1:  # a second run after the override: the old rule and the runners-up
    TILES = [(8, 4), (4, 1), (4, 2)]


def point(n, tiles):
    dev = torch.device("cuda")
    inp = h._random_inputs(M, n, "float32", dev)
    x, w, b = inp["x"], inp["weight"], inp["bias"]
    rule = cfg.fit_forward_tile(cfg.forward_config(n, torch.float32, "H200"), M, 132, 4)
    confs = {f"rule {rule.block_m}x{rule.num_warps}w": rule}
    confs |= {f"{m} rows {wp}w": replace(rule, block_m=m, num_warps=wp) for m, wp in tiles}
    ref = layer_norm_reference(x, (n,), w, b, 1e-5)
    fns = {}
    for v, c in confs.items():
        fns[v] = lambda c=c: ln._forward(x, w, b, 1e-5, c, stats=False)
        assert_close(fns[v]()[0], ref, torch.float32, f"{n} {v}")
    fns["torch_compile"] = h.prepare("torch_compile", "forward", M, n, "float32").fn
    fns["copy"] = h._copy_case("forward", M, n, "float32", dev).fn
    res = {v: [t * 1e3 for t in ts] for v, ts in h.rotated_rounds(fns, ROUNDS).items()}
    nbytes = h.bytes_moved("forward", M, n, "float32")
    for v, ts in sorted(res.items(), key=lambda kv: min(kv[1])):
        print(
            f"fp32 {n:4d} {v:14s} {min(ts):6.2f}-{max(ts):6.2f} us "
            f"{nbytes / min(ts) / 1e3:5.0f} GB/s  vs compile "
            f"{min(res['torch_compile']) / min(ts):.3f}x",
            flush=True,
        )
    return sorted((min(ts), v) for v, ts in res.items() if v in confs and not v.startswith("rule"))


if __name__ == "__main__":
    print(torch.cuda.get_device_name(), torch.__version__, flush=True)
    best = point(768, TILES)
    top = [tuple(int(p.rstrip("w")) for p in v.split(" rows ")) for _, v in best[:3]]
    top = TILES if len(sys.argv) > 1 else top
    for n in (640, 896):
        point(n, top)
