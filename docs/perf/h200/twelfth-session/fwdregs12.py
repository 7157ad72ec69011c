"""Twelfth session: the eleventh session's fwdregs.py with IN_ORDER. Offline sm_90 compile (Triton 3.6) of _fwd_kernel streamed variants: regs, spills, shared memory,
and whether the chunk loop got async copies (cp.async in the PTX).
Usage: PYTHONPATH=. python fwdregs.py DTYPE,BLOCK_N,CHUNKS,WARPS,STAGES,LANE,HINTS ..."""
import subprocess, sys, os, tempfile
import triton
from triton.backends.compiler import GPUTarget
from triton.compiler import ASTSource
from kernels import layernorm as ln

BIN = os.path.join(os.path.dirname(triton.__file__), "backends/nvidia/bin")

def compile_one(dt, bn, chunks, warps, stages, lane, hints, full=True):
    sig = {"X": f"*{dt}", "Y": f"*{dt}", "W": f"*{dt}", "B": f"*{dt}", "Mean": "*fp32", "Rstd": "*fp32",
           "stride_x": "i32", "M": "i32", "N": "i32", "eps": "fp32"}
    consts = dict(BLOCK_M=1, BLOCK_N=bn, NUM_CHUNKS=chunks, HAS_W=True, HAS_B=True, FULL_TILES=full,
                  PARAMS_FIRST=False, STORE_STATS=True, LANE_STATS=lane,
                  EVICT1="evict_last" if hints else "", EVICT2="evict_first" if hints else "", IN_ORDER=True)
    for k in consts:
        sig[k] = "constexpr"
    attrs = {(i,): [["tt.divisibility", 16]] for i in (0, 1, 2, 3, 4, 5, 6, 8)}
    src = ASTSource(ln._fwd_kernel, sig, constexprs=consts, attrs=attrs)
    opts = dict(num_warps=warps)
    if stages:
        opts["num_stages"] = stages
    k = triton.compile(src, target=GPUTarget("cuda", 90, 32), options=opts)
    with tempfile.NamedTemporaryFile(suffix=".cubin", delete=False) as f:
        f.write(k.asm["cubin"])
    out = subprocess.run([f"{BIN}/cuobjdump", "-res-usage", f.name], capture_output=True, text=True).stdout
    line = [l for l in out.splitlines() if "REG" in l][0].strip()
    open(f"ab/ind/ours_{dt}_{bn}_{chunks}_{warps}_{int(lane)}_{int(hints)}.sass","w").write(subprocess.run([f"{BIN}/cuobjdump", "-sass", f.name], capture_output=True, text=True).stdout)
    ptx = k.asm["ptx"]
    return line, k.metadata.shared, "cp.async" in ptx, ptx.count("ld.global")

for spec in sys.argv[1:]:
    dt, bn, ch, w, st, lane, hints = spec.split(",")
    print(spec, compile_one(dt, int(bn), int(ch), int(w), int(st), lane == "1", hints == "1"))
