"""Offline (Triton 3.6, sm_90, no GPU): on experiment162.diff, the forward with and without its
%globaltimer stamps: registers and spills (compile162.txt).
  git apply docs/perf/h200/thirty-fourth-session/prepared/experiment162.diff
  PYTHONPATH=. /work/venv36/bin/python \\
    docs/perf/h200/thirty-fourth-session/prepared/compile162.py"""

import os
import subprocess

import torch
import triton
from triton.backends.compiler import GPUTarget
from triton.compiler import ASTSource

from kernels import config as cfg
from kernels import layernorm as ln

TGT = GPUTarget("cuda", 90, 32)
BIN = os.path.join(os.path.dirname(triton.__file__), "backends/nvidia/bin")
T = {torch.float32: "fp32", torch.bfloat16: "bf16", torch.float16: "fp16"}
POINTS = [(torch.bfloat16, 4096), (torch.float16, 2048), (torch.bfloat16, 8192)]
POINTS += [(torch.bfloat16, 16384), (torch.float32, 4096), (torch.float32, 32768)]


def usage(dtype, n, stamps):
    cfg.FWD_STAMPS = stamps
    conf = cfg.fit_forward_tile(cfg.forward_config(n, dtype, "H200"), 4096, 132, dtype.itemsize)
    consts = ln._fwd_kernel_consts(conf, 4096, n, True, True, False, True)
    t = T[dtype]
    sig = {k: f"*{t}" for k in ("X", "Y", "W", "B", "Mean", "Rstd")}
    sig.update({"stride_x": "i32", "M": "i32", "N": "i32", "eps": "fp32"})
    sig.update({c: "constexpr" for c in consts})
    names = list(ln._fwd_kernel.arg_names)
    attrs = {
        (i,): [["tt.divisibility", 16]]
        for i, a in enumerate(names)
        if sig[a].startswith("*") or a in ("stride_x", "M", "N")
    }
    options = dict(num_warps=conf.num_warps, launch_pdl=True)
    if conf.max_registers:
        options["maxnreg"] = conf.max_registers
    src = ASTSource(ln._fwd_kernel, {a: sig[a] for a in names}, constexprs=consts, attrs=attrs)
    k = triton.compile(src, target=TGT, options=options)
    open("/tmp/k162.cubin", "wb").write(k.asm["cubin"])
    res = subprocess.run(
        [f"{BIN}/cuobjdump", "-res-usage", "/tmp/k162.cubin"], capture_output=True, text=True
    ).stdout
    return res.strip().splitlines()[-1].split("CONSTANT")[0].strip()


for dtype, n in POINTS:
    for stamps in (False, True):
        print(T[dtype], n, "STAMPS", stamps, usage(dtype, n, stamps), flush=True)
