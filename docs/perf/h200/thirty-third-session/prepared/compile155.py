"""Offline (Triton 3.6, sm_90, no GPU): experiment155.diff's kernels compile with and without
STAMPS; registers, spills, shared memory (compile155.txt: bf16 4096 224 -> 225 registers, no
spills anywhere). Run on the diff:
  git apply docs/perf/h200/thirty-third-session/prepared/experiment155.diff
  PYTHONPATH=. /work/venv36/bin/python docs/perf/h200/thirty-third-session/prepared/compile155.py"""
import os, subprocess, sys
import torch, triton
from triton.backends.compiler import GPUTarget
from triton.compiler import ASTSource
from kernels import layernorm as ln, config as cfg
TGT = GPUTarget("cuda", 90, 32)
T = {torch.float32: "fp32", torch.bfloat16: "bf16"}
BIN = os.path.join(os.path.dirname(triton.__file__), "backends/nvidia/bin")

def usage(k):
    open("/tmp/k155.cubin", "wb").write(k.asm["cubin"])
    res = subprocess.run([f"{BIN}/cuobjdump", "-res-usage", "/tmp/k155.cubin"], capture_output=True, text=True).stdout
    return res.strip().splitlines()[-1].split("CONSTANT")[0].strip() + f" smem {k.metadata.shared}"

def rows_kernel(dtype, n, stamps):
    t = T[dtype]
    conf = cfg.backward_config(n, dtype, "H200", 232448, dtype.itemsize)
    consts = dict(BLOCK_M=conf.block_m, BLOCK_N=conf.block_n, TAIL_N=conf.tail_n, SPLITS=conf.splits,
                  SUMS_MODE=ln.SUMS_LOCAL.value, HAS_W=True, PARAM_GRADS=True, DIRECT_GRADS=False,
                  HAS_DW=True, HAS_DB=True, PREFETCH=conf.prefetch, LOAD_STAGES=conf.load_stages,
                  W_PER_ROW=conf.weights_per_row, STRIDED=conf.strided, LAG=conf.lag, DEPENDENT=True, STAMPS=stamps)
    ptrs = {"X": t, "DY": t, "DX": t, "W": t, "Mean": "fp32", "Rstd": "fp32", "Partial": "fp32",
            "DW": t, "DB": t, "Sums": "fp32"}
    sig = {k: f"*{v}" for k, v in ptrs.items()}
    sig.update({k: "i32" for k in ("stride_x", "stride_dy", "M", "N", "rows_per_group")})
    sig.update({c: "constexpr" for c in consts})
    names = list(ln._bwd_kernel.arg_names)
    attrs = {(i,): [["tt.divisibility", 16]] for i, a in enumerate(names)
             if sig[a].startswith("*") or a in ("stride_x", "stride_dy", "M", "N", "rows_per_group")}
    k = triton.compile(ASTSource(ln._bwd_kernel, {a: sig[a] for a in names}, constexprs=consts, attrs=attrs),
                       target=TGT, options=dict(num_warps=conf.num_warps, launch_pdl=True))
    return usage(k)

def sum_kernel(stamps):
    consts = dict(BLOCK_G=128, BLOCK_N=32, HAS_DW=True, HAS_DB=True, DEPENDENT=True, STAMPS=stamps)
    sig = {"Partial": "*fp32", "DW": "*bf16", "DB": "*bf16", "Stamps": "*fp32", "G": "i32", "N": "i32"}
    sig.update({c: "constexpr" for c in consts})
    k = triton.compile(ASTSource(ln._sum_partials_kernel, sig, constexprs=consts), target=TGT,
                       options=dict(num_warps=cfg.PARTIAL_SUM_WARPS, launch_pdl=True))
    return usage(k)

for dtype, n in [(torch.bfloat16, 4096), (torch.float32, 4096), (torch.bfloat16, 8192), (torch.bfloat16, 1024)]:
    for stamps in (False, True):
        print(T[dtype], n, "STAMPS", stamps, rows_kernel(dtype, n, stamps), flush=True)
for stamps in (False, True):
    print("sum STAMPS", stamps, sum_kernel(stamps))
