"""Inductor's generated kernels for the fp32 forward with many rows (entries 81-82: torch.compile
1.5-3% ahead of ours at 65536 x 1024-8192, 101-102% of the copy). Compiles F.layer_norm at the
given shapes with a fresh cache under the output directory, times it beside ours and the copy
(harness.cuda_times, flush_l2), and leaves the generated code and its autotuned choices there.
  PYTHONPATH=. python docs/perf/h200/thirty-fourth-session/inductor_kernel.py OUTDIR"""

import os
import sys

out = os.path.abspath(sys.argv[1])
os.environ["TORCHINDUCTOR_CACHE_DIR"] = os.path.join(out, "inductor-cache")
os.environ["TRITON_CACHE_DIR"] = os.path.join(out, "triton-cache")

import statistics  # noqa: E402

import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402

from kernels.bench import harness as h  # noqa: E402
from kernels.layernorm import layer_norm  # noqa: E402

SHAPES = [(65536, 4096), (65536, 8192), (65536, 1024)]
EPS = 1e-5


def point(m, n):
    torch._dynamo.reset()
    inp = h._random_inputs(m, n, "float32", torch.device("cuda"))
    x, w, b = inp["x"], inp["weight"], inp["bias"]
    compiled = torch.compile(lambda x, w, b: F.layer_norm(x, (n,), w, b, EPS))
    want = F.layer_norm(x.double(), (n,), w.double(), b.double(), EPS)
    dst = torch.empty_like(x)
    calls = {
        "ours": lambda: layer_norm(x, (n,), w, b, EPS),
        "compile": lambda: compiled(x, w, b),
        "copy": lambda: dst.copy_(x),
    }
    for name in ("ours", "compile"):
        err = (calls[name]().double() - want).abs().max().item()
        assert err < 1e-4, (name, m, n, err)
    times = {k: [] for k in calls}
    for r in range(3):
        for k in list(calls)[r % 3 :] + list(calls)[: r % 3]:
            times[k].append(statistics.median(h.cuda_times(calls[k])) * 1e3)
    med = {k: statistics.median(v) for k, v in times.items()}
    print(
        f"fp32 ({m}, {n}) forward us: "
        + "  ".join(f"{k} {v:.2f}" for k, v in med.items())
        + f"  | ours/compile time {med['ours'] / med['compile']:.3f}",
        flush=True,
    )


for m, n in SHAPES:
    point(m, n)
