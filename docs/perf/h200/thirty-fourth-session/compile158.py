"""Offline (Triton 3.6, sm_90, no GPU): on experiment158.diff, the backward's rows kernel with
the streaming hints (KERNELS_EXP_HINTS=x,y) still pipelines its loads (cp.async in the PTX) and
carries the hints; registers and spills. Run per hint set:
  KERNELS_EXP_HINTS=x,y PYTHONPATH=. /work/venv36/bin/python .../compile158.py"""

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


def rows_kernel(dtype, n):
    t = T[dtype]
    conf = cfg.backward_config(n, dtype, "H200", 232448, dtype.itemsize)
    consts = dict(
        BLOCK_M=conf.block_m, BLOCK_N=conf.block_n, TAIL_N=conf.tail_n, SPLITS=conf.splits,
        SUMS_MODE=ln.SUMS_LOCAL.value, HAS_W=True, PARAM_GRADS=True, DIRECT_GRADS=False,
        HAS_DW=True, HAS_DB=True, PREFETCH=conf.prefetch, LOAD_STAGES=conf.load_stages,
        W_PER_ROW=conf.weights_per_row, STRIDED=conf.strided, LAG=conf.lag, DEPENDENT=True,
    )  # fmt: skip
    ptrs = {"X": t, "DY": t, "DX": t, "W": t, "Mean": "fp32", "Rstd": "fp32", "Partial": "fp32",
            "DW": t, "DB": t, "Sums": "fp32"}  # fmt: skip
    sig = {k: f"*{v}" for k, v in ptrs.items()}
    ints = ("stride_x", "stride_dy", "M", "N", "rows_per_group")
    sig.update({k: "i32" for k in ints})
    sig.update({c: "constexpr" for c in consts})
    names = list(ln._bwd_kernel.arg_names)
    attrs = {
        (i,): [["tt.divisibility", 16]]
        for i, a in enumerate(names)
        if sig[a].startswith("*") or a in ints
    }
    src = ASTSource(ln._bwd_kernel, {a: sig[a] for a in names}, constexprs=consts, attrs=attrs)
    k = triton.compile(src, target=TGT, options=dict(num_warps=conf.num_warps, launch_pdl=True))
    open("/tmp/k158.cubin", "wb").write(k.asm["cubin"])
    res = subprocess.run(
        [f"{BIN}/cuobjdump", "-res-usage", "/tmp/k158.cubin"], capture_output=True, text=True
    ).stdout
    usage = res.strip().splitlines()[-1].split("CONSTANT")[0].strip()
    ptx = k.asm["ptx"]
    counts = {
        p: len(re.findall(p, ptx))
        for p in (
            r"cp\.async\.ca|cp\.async\.cg",
            r"evict_first",
            r"st\.global\.cs",
            r"createpolicy",
        )
    }
    return f"{usage} smem {k.metadata.shared} {counts}"


print("hints", os.environ.get("KERNELS_EXP_HINTS", ""))
for dtype, n in [(torch.bfloat16, 4096), (torch.float32, 4096), (torch.bfloat16, 1024)]:
    print(T[dtype], n, rows_kernel(dtype, n), flush=True)
