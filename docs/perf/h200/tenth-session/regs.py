"""Offline sm_90 compile (Triton 3.6, no GPU) of _bwd_kernel variants: registers, spills (STACK)
and shared memory. Usage: PYTHONPATH=. python bwdregs.py DTYPE,BLOCK_N,SPLITS,BLOCK_M,WARPS,STAGES,PREFETCH,SUMS_MODE ...
(SUMS_MODE 1 = exchange, 4 = recompute; e.g. bf16,8192,2,1,8,3,0,4)."""
import subprocess, sys, os, tempfile
import triton, triton.language as tl
from triton.backends.compiler import GPUTarget
from triton.compiler import ASTSource
from kernels import layernorm as ln

BIN = os.path.join(os.path.dirname(triton.__file__), "backends/nvidia/bin")
DT = {"bf16": "bf16", "fp32": "fp32", "fp16": "fp16"}

def compile_one(dt, bn, sp, bm, warps, stages, prefetch, mode, tail=0, wpr=False):
    sig = {"X": f"*{dt}", "DY": f"*{dt}", "DX": f"*{dt}", "W": f"*{dt}", "Mean": "*fp32", "Rstd": "*fp32",
           "Partial": "*fp32", "Sums": "*fp32", "Arrived": "*i32", "stride_x": "i32", "stride_dy": "i32",
           "M": "i32", "N": "i32", "rows_per_group": "i32"}
    consts = dict(BLOCK_M=bm, BLOCK_N=bn, TAIL_N=tail, SPLITS=sp, SUMS_MODE=mode, HAS_W=True, PARAM_GRADS=True, W_PER_ROW=wpr,
                  PREFETCH=prefetch, LOAD_STAGES=stages)
    for k, v in consts.items():
        sig[k] = "constexpr"
    attrs = {(i,): [["tt.divisibility", 16]] for i in (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12)}
    src = ASTSource(ln._bwd_kernel, sig, constexprs=consts, attrs=attrs)
    k = triton.compile(src, target=GPUTarget("cuda", 90, 32),
                       options=dict(num_warps=warps, enable_fp_fusion=True))
    with tempfile.NamedTemporaryFile(suffix=".cubin", delete=False) as f:
        f.write(k.asm["cubin"])
    out = subprocess.run([f"{BIN}/cuobjdump", "-res-usage", f.name], capture_output=True, text=True).stdout
    line = [l for l in out.splitlines() if "REG" in l][0].strip()
    return line, k.metadata.shared

for spec in sys.argv[1:]:
    dt, bn, sp, bm, w, st, pf, mode, tail, wpr = spec.split(",")
    r = compile_one(dt, int(bn), int(sp), int(bm), int(w), int(st), pf == "1", int(mode), int(tail), wpr == "1")
    print(spec, r)
