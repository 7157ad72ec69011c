"""Offline sm_90 SASS of _fwd_kernel (Triton 3.6, no GPU): registers, instruction count and
histogram of a streamed forward config with full tiles (lane statistics, L2 hints, in order).
  PKG=kernels [EQ=1] [MAXNREG=32] PYTHONPATH=.:ab python fwd_sass.py DTYPE,BLOCK_N,CHUNKS,WARPS[,0]
(a trailing 0: counts carried, not counted once; EQ: equal_lanes where the kernel has it; PKG: a
package with kernels' layout, e.g. ab/kernels_base). The SASS is left in /tmp/sass/."""
import subprocess, sys, os, tempfile, collections, re
import triton
from triton.backends.compiler import GPUTarget
from triton.compiler import ASTSource
import importlib; ln = importlib.import_module(os.environ.get("PKG","kernels") + ".layernorm")
BIN = os.path.join(os.path.dirname(triton.__file__), "backends/nvidia/bin")
def comp(dt, bn, chunks, warps, lane, hints, in_order, count_once, bm=1):
    sig = {"X": f"*{dt}", "Y": f"*{dt}", "W": f"*{dt}", "B": f"*{dt}", "Mean": "*fp32", "Rstd": "*fp32",
           "stride_x": "i32", "M": "i32", "N": "i32", "eps": "fp32"}
    consts = dict(BLOCK_M=bm, BLOCK_N=bn, NUM_CHUNKS=chunks, HAS_W=True, HAS_B=True, FULL_TILES=True,
                  PARAMS_FIRST=False, STORE_STATS=True, LANE_STATS=lane, COUNT_ONCE=count_once, **({"EQUAL_LANES": os.environ.get("EQ", "1") == "1"} if "EQUAL_LANES" in ln._fwd_kernel.arg_names else {}),
                  EVICT1="evict_last" if hints else "", EVICT2="evict_first" if hints else "", IN_ORDER=in_order)
    for k in consts: sig[k] = "constexpr"
    attrs = {(i,): [["tt.divisibility", 16]] for i in (0, 1, 2, 3, 4, 5, 6, 8)}
    k = triton.compile(ASTSource(ln._fwd_kernel, sig, constexprs=consts, attrs=attrs), target=GPUTarget("cuda", 90, 32), options=dict(num_warps=warps, **({"maxnreg": int(os.environ["MAXNREG"])} if os.environ.get("MAXNREG") else {})))
    f = tempfile.NamedTemporaryFile(suffix=".cubin", delete=False); f.write(k.asm["cubin"]); f.close()
    res = subprocess.run([f"{BIN}/cuobjdump", "-res-usage", f.name], capture_output=True, text=True).stdout
    sass = subprocess.run([f"{BIN}/cuobjdump", "-sass", f.name], capture_output=True, text=True).stdout
    ops = collections.Counter()
    for l in sass.splitlines():
        m = re.match(r"\s*/\*[0-9a-f]{4}\*/\s+(?:@!?U?P\w+\s+)?([A-Z][A-Z0-9_.]*)", l)
        if m: ops[m.group(1).split(".")[0]] += 1
    open(f"/tmp/sass/{dt}_{bn}_{chunks}_{warps}.sass", "w").write(sass)
    return [l for l in res.splitlines() if "REG" in l][0].strip(), ops
for spec in sys.argv[1:]:
    dt, bn, ch, w = spec.split(",")[:4]; co = spec.split(",")[4:5] != ["0"]
    lane = int(ch) > 1
    line, ops = comp(dt, int(bn), int(ch), int(w), lane, lane, lane, lane and co)
    print(spec, line, sum(ops.values()))
    print("  ", dict(sorted(ops.items(), key=lambda kv: -kv[1])[:30]))
