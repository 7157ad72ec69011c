"""Offline (Triton 3.6, sm_90): the backward's rows kernel with the dependent-launch trigger
(TRIGGER 0 none, 2 after the row loop, 3 at the start) and the partial-row sum with its
griddepcontrol.wait: registers, spills, shared memory, and where the PTX puts the
griddepcontrol instructions (probe 147's variants compile as intended). Runs on d2815f3 with
../experiment.diff applied (the experiment's TRIGGER and WAIT constexprs; a3486d2 kept only the wait,
as DEPENDENT).
  PYTHONPATH=. /work/venv36/bin/python docs/perf/h200/thirty-second-session/offline/pdl_compile.py"""
import os, subprocess
import torch, triton
from triton.backends.compiler import GPUTarget
from triton.compiler import ASTSource
from kernels import layernorm as ln, config as cfg

BIN = os.path.join(os.path.dirname(triton.__file__), "backends/nvidia/bin")
TGT = GPUTarget("cuda", 90, 32)
T = {torch.float32: "fp32", torch.bfloat16: "bf16", torch.float16: "fp16"}


def usage(k):
    open("/tmp/k.cubin", "wb").write(k.asm["cubin"])
    res = subprocess.run([f"{BIN}/cuobjdump", "-res-usage", "/tmp/k.cubin"], capture_output=True,
                         text=True).stdout
    ptx = k.asm["ptx"].splitlines()
    where = [i for i, line in enumerate(ptx) if "griddepcontrol" in line]
    return (res.strip().splitlines()[-1].split("CONSTANT")[0].strip()
            + f" smem {k.metadata.shared}; griddepcontrol at PTX lines {where} of {len(ptx)}")


def rows_kernel(dtype, n, trigger):
    t = T[dtype]
    conf = cfg.backward_config(n, dtype, "H200", 232448, dtype.itemsize)
    consts = dict(BLOCK_M=conf.block_m, BLOCK_N=conf.block_n, TAIL_N=conf.tail_n, SPLITS=conf.splits,
                  SUMS_MODE=ln.SUMS_LOCAL.value, HAS_W=True, PARAM_GRADS=True, DIRECT_GRADS=False,
                  HAS_DW=True, HAS_DB=True, PREFETCH=conf.prefetch, LOAD_STAGES=conf.load_stages,
                  W_PER_ROW=conf.weights_per_row, STRIDED=conf.strided, LAG=conf.lag, TRIGGER=trigger)
    ptrs = {"X": t, "DY": t, "DX": t, "W": t, "Mean": "fp32", "Rstd": "fp32", "Partial": "fp32",
            "DW": t, "DB": t, "Sums": "fp32"}
    sig = {k: f"*{v}" for k, v in ptrs.items()}
    sig.update({k: "i32" for k in ("stride_x", "stride_dy", "M", "N", "rows_per_group")})
    sig.update({c: "constexpr" for c in consts})
    names = list(ln._bwd_kernel.arg_names)
    attrs = {(i,): [["tt.divisibility", 16]] for i, a in enumerate(names)
             if sig[a].startswith("*") or a in ("stride_x", "stride_dy", "M", "N", "rows_per_group")}
    k = triton.compile(ASTSource(ln._bwd_kernel, {a: sig[a] for a in names}, constexprs=consts,
                                 attrs=attrs), target=TGT, options=dict(num_warps=conf.num_warps))
    return usage(k)


def sum_kernel(wait):
    consts = dict(BLOCK_G=128, BLOCK_N=32, HAS_DW=True, HAS_DB=True, WAIT=wait)
    sig = {"Partial": "*fp32", "DW": "*bf16", "DB": "*bf16", "G": "i32", "N": "i32"}
    sig.update({c: "constexpr" for c in consts})
    k = triton.compile(ASTSource(ln._sum_partials_kernel, sig, constexprs=consts), target=TGT,
                       options=dict(num_warps=cfg.PARTIAL_SUM_WARPS, launch_pdl=wait))
    return usage(k)


for dtype, n in [(torch.bfloat16, 4096), (torch.float32, 4096)]:
    for trigger in (0, 2, 3):
        print(T[dtype], n, "TRIGGER", trigger, rows_kernel(dtype, n, trigger), flush=True)
for wait in (False, True):
    print("sum WAIT", wait, sum_kernel(wait))
