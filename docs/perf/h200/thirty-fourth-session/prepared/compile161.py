"""Offline (Triton 3.6, sm_90, no GPU): on experiment161.diff, the whole-row forward with its
statistics from two reductions (the rule, WHOLE_STATS 0), one reduction of Welford triples (1)
or of shifted sums (2): registers, spills, SASS instructions and barriers (compile161.txt).
  git apply docs/perf/h200/thirty-fourth-session/prepared/experiment161.diff
  PYTHONPATH=. /work/venv36/bin/python \
    docs/perf/h200/thirty-fourth-session/prepared/compile161.py"""

import os
import re
import subprocess

import torch
import triton
from triton.backends.compiler import GPUTarget
from triton.compiler import ASTSource

from kernels import config as cfg
from kernels import layernorm as ln

TGT = GPUTarget("cuda", 90, 32)
T = {torch.float32: "fp32", torch.bfloat16: "bf16"}
BIN = os.path.join(os.path.dirname(triton.__file__), "backends/nvidia/bin")
POINTS = [(torch.float32, 4096, 4096), (torch.float32, 4096, 65536), (torch.bfloat16, 4096, 4096)]
POINTS += [(torch.bfloat16, 8192, 4096), (torch.float32, 1024, 4096), (torch.float32, 8192, 4096)]
POINTS += [(torch.bfloat16, 2048, 4096), (torch.float32, 32768, 4096)]


def compile_forward(dtype, n, m, stats):
    conf = cfg.fit_forward_tile(cfg.forward_config(n, dtype, "H200"), m, 132, dtype.itemsize)
    ln.EXP_WHOLE_STATS = stats
    consts = ln._fwd_kernel_consts(conf, m, n, True, True, False, True)
    t = T[dtype]
    sig = {"X": f"*{t}", "Y": f"*{t}", "W": f"*{t}", "B": f"*{t}", "Mean": "*fp32", "Rstd": "*fp32"}
    sig.update({"stride_x": "i32", "M": "i32", "N": "i32", "eps": "fp32"})
    sig.update({c: "constexpr" for c in consts})
    names = list(ln._fwd_kernel.arg_names)
    attrs = {
        (i,): [["tt.divisibility", 16]]
        for i, a in enumerate(names)
        if sig[a].startswith("*") or a in ("stride_x", "M", "N")
    }
    src = ASTSource(ln._fwd_kernel, {a: sig[a] for a in names}, constexprs=consts, attrs=attrs)
    options = dict(num_warps=conf.num_warps, launch_pdl=True)
    if conf.max_registers:
        options["maxnreg"] = conf.max_registers
    k = triton.compile(src, target=TGT, options=options)
    open("/tmp/k161.cubin", "wb").write(k.asm["cubin"])
    run = lambda *a: subprocess.run(a, capture_output=True, text=True).stdout  # noqa: E731
    usage = run(f"{BIN}/cuobjdump", "-res-usage", "/tmp/k161.cubin").strip().splitlines()[-1]
    sass = [x for x in run(f"{BIN}/cuobjdump", "-sass", "/tmp/k161.cubin").splitlines()
            if re.search(r"/\*[0-9a-f]{4}\*/", x)]  # fmt: skip
    bars = sum("BAR.SYNC" in x for x in sass)
    tile = f"{conf.block_m}x{conf.num_warps}w"
    return f"{usage.split('CONSTANT')[0].strip()} tile {tile} SASS {len(sass)} BAR.SYNC {bars}"


if __name__ == "__main__":
    for dtype, n, m in POINTS:
        for stats in (0, 1, 2):
            print(
                T[dtype],
                n,
                "M",
                m,
                "WHOLE_STATS",
                stats,
                compile_forward(dtype, n, m, stats),
                flush=True,
            )
