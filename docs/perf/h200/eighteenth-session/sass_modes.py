"""Offline sm_90 SASS of _bwd_kernel per SUMS_MODE (MODES, default 1,3: exchange, load):
instruction counts (Triton 3.6 with its ptxas; no GPU). Usage, from the repository root:
  PYTHONPATH=. python docs/perf/h200/eighteenth-session/sass_modes.py kernels \
      dtype,block_n,splits,block_m,warps,stages,lag,strided
e.g. bf16,8192,4,1,8,3,1,1 (the lagged 16-bit rule at 32768); MODES=0 with splits 1 for whole
rows."""

import collections
import importlib
import os
import re
import subprocess
import sys
import tempfile

import triton
from triton.backends.compiler import GPUTarget
from triton.compiler import ASTSource

ln = importlib.import_module(sys.argv[1] + ".layernorm")
BIN = os.path.join(os.path.dirname(triton.__file__), "backends/nvidia/bin")
PTR = {"X", "DY", "DX", "W", "Y", "B"}


def sass(dt, consts, warps):
    kernel = ln._bwd_kernel
    sig = {}
    for a in kernel.arg_names:
        if a in consts:
            sig[a] = "constexpr"
        elif a in PTR:
            sig[a] = f"*{dt}"
        elif a in ("Mean", "Rstd", "Partial", "Sums", "DW", "DB"):
            sig[a] = "*fp32"
        else:
            sig[a] = "i32"
    div = [
        i
        for i, a in enumerate(kernel.arg_names)
        if sig[a].startswith("*") or a in ("stride_x", "stride_dy", "N")
    ]
    src = ASTSource(
        kernel, sig, constexprs=consts, attrs={(i,): [["tt.divisibility", 16]] for i in div}
    )
    k = triton.compile(src, target=GPUTarget("cuda", 90, 32), options=dict(num_warps=warps))
    with tempfile.NamedTemporaryFile(suffix=".cubin", delete=False) as f:
        f.write(k.asm["cubin"])
    return subprocess.run(
        [f"{BIN}/cuobjdump", "-sass", f.name], capture_output=True, text=True
    ).stdout


dt, bn, sp, bm, w, st, lag, strided = sys.argv[2].split(",")
for mode in [int(m) for m in os.environ.get("MODES", "1,3").split(",")]:
    consts = dict(
        BLOCK_M=int(bm),
        BLOCK_N=int(bn),
        TAIL_N=0,
        SPLITS=int(sp),
        SUMS_MODE=mode,
        HAS_W=True,
        PARAM_GRADS=True,
        DIRECT_GRADS=False,
        HAS_DW=True,
        HAS_DB=True,
        PREFETCH=False,
        LOAD_STAGES=int(st),
        W_PER_ROW=False,
        STRIDED=strided == "1",
        LAG=lag == "1",
    )
    text = sass(dt, consts, int(w))
    ops = [
        m.group(1)
        for m in re.finditer(r"/\*[0-9a-f]{4}\*/\s+(?:@!?U?P\w+\s+)?([A-Z][A-Z0-9_.]*)", text)
    ]
    c = collections.Counter(o.split(".")[0] for o in ops)
    strong = [
        o
        for o in ops
        if "STRONG" in o
        or o.startswith(("ATOM", "RED", "MEMBAR", "DEPBAR", "FENCE", "CCTL", "ERRBAR"))
    ]
    print(
        f"mode {mode}: {len(ops)} instructions; "
        + ", ".join(
            f"{k} {v}"
            for k, v in sorted(c.items())
            if k
            in (
                "LDG",
                "STG",
                "LDGSTS",
                "LDGDEPBAR",
                "DEPBAR",
                "BAR",
                "ATOM",
                "ATOMG",
                "MEMBAR",
                "LDS",
                "STS",
                "BRA",
                "SHFL",
                "WARPSYNC",
                "ERRBAR",
                "CCTL",
            )
        )
    )
    print("   strong/ordering:", collections.Counter(strong))
    open(f"/tmp/sass-{dt}-{sp}-{mode}-{lag}.txt", "w").write(text)
