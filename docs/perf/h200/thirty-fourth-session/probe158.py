"""Probe 158: streaming hints for data read or written once (inductor's fp32 forward loads x
evict_first in its second pass and beats the copy by 1-2% at 65536 rows, calls 1-3). On
experiment158.diff: KERNELS_EXP_HINTS picks, per process, x (the whole-row forward's x load and
the backward's row loads evict_first; offline the backward's pipelined cp.async loads drop the
hint, compile158.py) and y (y and dx stored .cs, streaming). Each variant runs in its own
process (the hints are module constants) with its own Triton cache, in rotated order over
ROUNDS rounds; each process times the harness's own calls (prepare, cuda_times: flush_l2, GPU
sleep) and the copy at every point. Prints, per point, each variant's median time, its ratio
to no hints and its % of the copy measured in the same process.
Prediction: x evict_first +0.5-2% on the forward at 65536 rows, less at 4096 (fixed costs
dominate there); .cs stores within noise.
  git apply docs/perf/h200/thirty-fourth-session/experiment158.diff
  PYTHONPATH=. python docs/perf/h200/thirty-fourth-session/probe158.py"""

import json
import os
import statistics
import subprocess
import sys

VARIANTS = ["", "x", "y", "x,y"]
ROUNDS = 2
POINTS = [("forward", 4096, n, d) for n, d in [(4096, "float32"), (4096, "bfloat16"),
          (5120, "float32"), (32768, "float32"), (8192, "bfloat16"), (16384, "bfloat16"),
          (2048, "float16"), (65536, "float32")]]  # fmt: skip
POINTS += [("forward", 65536, 4096, "float32"), ("forward", 16384, 4096, "bfloat16")]
POINTS += [("backward", 4096, n, d) for n, d in [(4096, "bfloat16"), (4096, "float32"),
           (8192, "bfloat16"), (16384, "bfloat16")]]  # fmt: skip


def worker():
    import torch  # noqa: F401

    from kernels.bench import harness as h

    out = {}
    for mode, m, n, dtype in POINTS:
        ours = h.prepare("triton", mode, m, n, dtype)
        copy = h.prepare("copy", mode, m, n, dtype)
        t = {
            k: statistics.median(h.cuda_times(c.fn)) * 1e3
            for k, c in (("ours", ours), ("copy", copy))
        }
        out[f"{mode} {m} {n} {dtype}"] = t
        del ours, copy
    print("RESULT " + json.dumps(out), flush=True)


def main():
    res = {v: [] for v in VARIANTS}
    for r in range(ROUNDS):
        for v in VARIANTS[r % len(VARIANTS) :] + VARIANTS[: r % len(VARIANTS)]:
            env = dict(
                os.environ, KERNELS_EXP_HINTS=v, TRITON_CACHE_DIR=f"/tmp/tc158-{v or 'none'}"
            )
            p = subprocess.run(
                [sys.executable, __file__, "--worker"], env=env, capture_output=True, text=True
            )
            line = [x for x in p.stdout.splitlines() if x.startswith("RESULT ")]
            if not line:
                print(f"variant {v!r} failed:\n{p.stderr[-3000:]}", flush=True)
                continue
            res[v].append(json.loads(line[0][7:]))
            print(f"round {r} variant {v or 'none'} done", flush=True)
    for key in res[""][0]:
        base = statistics.median(run[key]["ours"] for run in res[""])
        cells = []
        for v in VARIANTS:
            if not res[v]:
                continue
            ours = [run[key]["ours"] for run in res[v]]
            pct = statistics.median(run[key]["copy"] / run[key]["ours"] for run in res[v])
            cells.append(
                f"{v or 'none'} {statistics.median(ours):8.2f} us ({min(ours):.2f}-{max(ours):.2f})"
                f" {base / statistics.median(ours):.3f}x {pct:6.1%}"
            )
        print(f"{key:28s} " + " | ".join(cells), flush=True)


if __name__ == "__main__":
    worker() if "--worker" in sys.argv else main()
