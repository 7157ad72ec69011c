"""Offline sm_90 compile (Triton 3.6, no GPU) of _bwd_kernel configurations; prints a hash of
each one's SASS instructions (addresses and line info stripped). Run it from two checkouts and
diff the outputs: equal hashes mean the same machine code. Eleventh session: 7dea36d against
8adf908, all 9 equal. Usage (in a checkout): PYTHONPATH=. python sass_compare.py
Spec fields: dtype, BLOCK_N, SPLITS, BLOCK_M, warps, LOAD_STAGES, PREFETCH, SUMS_MODE, TAIL_N,
W_PER_ROW."""
import hashlib, sys, importlib
specs = [("bf16",8192,1,1,8,3,0,0,4096,1), ("fp32",8192,1,1,8,2,0,0,4096,1), ("fp32",8192,1,1,8,3,0,0,1024,1),
         ("bf16",4096,1,2,8,3,0,0,0,0), ("fp32",8192,1,1,8,3,0,0,0,0), ("bf16",8192,2,1,8,3,0,1,0,0),
         ("bf16",8192,2,1,8,3,0,4,0,0), ("fp32",4096,4,2,16,1,1,1,0,0), ("bf16",8192,3,1,8,3,0,1,0,0)]
import triton
from triton.backends.compiler import GPUTarget
from triton.compiler import ASTSource
ln = importlib.import_module("kernels.layernorm")
def cub(dt, bn, sp, bm, w, st, pf, mode, tail, wpr):
    sig = {"X": f"*{dt}", "DY": f"*{dt}", "DX": f"*{dt}", "W": f"*{dt}", "Mean": "*fp32", "Rstd": "*fp32",
           "Partial": "*fp32", "Sums": "*fp32", "Arrived": "*i32", "stride_x": "i32", "stride_dy": "i32",
           "M": "i32", "N": "i32", "rows_per_group": "i32"}
    consts = dict(BLOCK_M=bm, BLOCK_N=bn, TAIL_N=tail, SPLITS=sp, SUMS_MODE=mode, HAS_W=True, PARAM_GRADS=True, W_PER_ROW=bool(wpr), PREFETCH=bool(pf), LOAD_STAGES=st)
    for k in consts: sig[k] = "constexpr"
    attrs = {(i,): [["tt.divisibility", 16]] for i in range(13)}
    k = triton.compile(ASTSource(ln._bwd_kernel, sig, constexprs=consts, attrs=attrs), target=GPUTarget("cuda", 90, 32), options=dict(num_warps=w))
    import subprocess, tempfile, os, re
    BIN = os.path.join(os.path.dirname(triton.__file__), "backends/nvidia/bin")
    with tempfile.NamedTemporaryFile(suffix=".cubin", delete=False) as f:
        f.write(k.asm["cubin"])
    sass = subprocess.run([f"{BIN}/cuobjdump", "-sass", f.name], capture_output=True, text=True).stdout
    ins = [re.sub(r"/\*[0-9a-fx]+\*/", "", l).split(";")[0].strip() for l in sass.splitlines() if re.search(r"/\*[0-9a-f]{4}\*/", l)]
    return hashlib.sha1("\n".join(ins).encode()).hexdigest()[:12] + f" n={len(ins)}"
for s in specs:
    print(s, cub(*s))
