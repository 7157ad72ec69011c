"""Probe 161 (prepared in the thirty-fourth session, not run): the whole-row forward's row
statistics in one block-wide reduction instead of two (entry 84: torch.compile's kernel, one
reduction of per-element Welford triples, 16 warps, stays 1.4-3.6% ahead of ours with many
rows). On experiment161.diff: layernorm.EXP_WHOLE_STATS, a constexpr of each launch, 0 the
rule (the mean, then the sum of squared deviations: two reductions, 5 barriers in sm_90 SASS),
1 one reduction of Welford triples (2 barriers, +120-350 instructions), 2 one reduction of the
sums and squares of x minus the row's first value (2 barriers, +24-40 instructions; weaker
numerics when the first value is far from the mean); compile161.txt has the offline counts.
Whole-row points only, the rule's tile, side by side with torch.compile and the copy, 5
rotated rounds, every output checked against the float64 reference first.
Prediction: one reduction 1-3% faster where a program holds one row and the SM few programs
(fp32 4096-8192, 16-bit 8192; 65536 rows), within noise at short rows (1024: 8 rows a program).
  git apply docs/perf/h200/thirty-fourth-session/prepared/experiment161.diff
  PYTHONPATH=. python docs/perf/h200/thirty-fourth-session/prepared/probe161.py"""

import torch

from kernels import config as cfg
from kernels import layernorm as ln
from kernels.bench import harness as h
from kernels.reference import assert_close, layer_norm_reference

ROUNDS, EPS = 5, 1e-5
POINTS = [(4096, n, "float32") for n in (1024, 2048, 4096, 8192, 32768)]
POINTS += [(4096, n, d) for n in (2048, 4096, 8192) for d in ("bfloat16", "float16")]
POINTS += [(65536, 4096, "float32"), (65536, 8192, "float32"), (65536, 4096, "bfloat16")]


def point(m, n, dtype_name):
    dtype = getattr(torch, dtype_name)
    conf = cfg.fit_forward_tile(cfg.forward_config(n, dtype, "H200"), m, 132, dtype.itemsize)
    assert conf.num_chunks == 1 and conf.splits == 1, (n, dtype_name, conf)
    inp = h._random_inputs(m, n, dtype_name, torch.device("cuda"))
    x, w, b = inp["x"], inp["weight"], inp["bias"]
    ref = layer_norm_reference(x, (n,), w, b, EPS)

    def variant(stats):
        def fn():
            ln.EXP_WHOLE_STATS = stats
            return ln._forward(x, w, b, EPS, conf, stats=False)[0]

        return fn

    fns = {"rule": variant(0), "welford": variant(1), "shifted": variant(2)}
    for name, fn in fns.items():
        assert_close(fn(), ref, dtype, f"{name} {m}x{n} {dtype_name}")
    fns["torch_compile"] = h.prepare("torch_compile", "forward", m, n, dtype_name).fn
    fns["copy"] = h.prepare("copy", "forward", m, n, dtype_name).fn
    del ref
    rounds = h.rotated_rounds(fns, ROUNDS)
    ln.EXP_WHOLE_STATS = 0
    res = {k: sorted(v)[ROUNDS // 2] for k, v in rounds.items()}
    print(
        f"{dtype_name:8s} {m:6d} x {n:5d} {conf.block_m}x{conf.num_warps}w "
        + "  ".join(
            f"{k} {res[k] * 1e3:8.2f} us ({min(rounds[k]) * 1e3:.2f}-{max(rounds[k]) * 1e3:.2f})"
            f" {res['copy'] / res[k]:6.1%} {res['torch_compile'] / res[k]:.3f}x"
            for k in res
        ),
        flush=True,
    )


if __name__ == "__main__":
    for p in POINTS:
        point(*p)
