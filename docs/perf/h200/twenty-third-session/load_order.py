"""Offline (Triton 3.6, sm_90, cuobjdump): the order of a kernel's global loads (L), first
shuffle or barrier (|) and stores (S) in its SASS, for ours (`_fwd_kernel` at a short-row tile,
with and without params_first) and inductor's (`inductor_like.py`), M = 4096. Entry 54: at fp32
256 in 4 rows of 1 warp, params_first holds 4 of x's loads back until after a reduction.
  PYTHONPATH=. python docs/perf/h200/twenty-third-session/load_order.py   (a Triton 3.6 venv)
"""

import os
import re
import subprocess
import sys
import tempfile
from dataclasses import replace

import triton
from triton.backends.compiler import GPUTarget
from triton.compiler import ASTSource

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:0] = [HERE, os.path.join(HERE, "..", "twenty-first-session")]
import sass_conf as S  # noqa: E402
from inductor_like import inductor_layer_norm  # noqa: E402


def order(path):
    seq = ""
    for line in open(path):
        if not re.match(r"\s*/\*[0-9a-f]{4}\*/", line):
            continue
        if re.search(r"\bLDG", line):
            seq += "L"
        elif re.search(r"\b(SHFL|BAR)", line) and not seq.endswith("|"):
            seq += "|"
        elif re.search(r"\bSTG", line) and not seq.endswith("S"):
            seq += "S"
    return seq


def inductor(dt, n, rows, warps):
    sig = {f"in_ptr{i}": f"*{dt}" for i in range(3)}
    sig.update(out_ptr2=f"*{dt}", xnumel="i32", r0_numel="i32", R0_BLOCK="constexpr",
               XBLOCK="constexpr")
    attrs = {(i,): [["tt.divisibility", 16]] for i in range(6)}
    src = ASTSource(inductor_layer_norm, sig, constexprs={"R0_BLOCK": n, "XBLOCK": rows},
                    attrs=attrs)
    c = triton.compile(src, target=GPUTarget("cuda", 90, 32), options=dict(num_warps=warps))
    f = tempfile.NamedTemporaryFile(suffix=".cubin", delete=False)
    f.write(c.asm["cubin"])
    f.close()
    sass = subprocess.run([f"{S.BIN}/cuobjdump", "-sass", f.name], capture_output=True,
                          text=True).stdout
    path = f.name + ".sass"
    open(path, "w").write(sass)
    return order(path)


if __name__ == "__main__":
    os.makedirs("/tmp/sass", exist_ok=True)
    for dt, n, rows, warps in (("fp32", 256, 4, 1), ("fp32", 256, 4, 2), ("fp16", 512, 4, 1),
                               ("fp16", 512, 2, 1), ("fp32", 512, 2, 1), ("fp16", 256, 4, 1)):
        rule = S.cfg.forward_config(n, S.DT[dt], "H200")
        for pf in (False, True):
            conf = replace(rule, block_m=rows, num_warps=warps, params_first=pf)
            line, _, path = S.comp(dt, n, conf)
            print(f"ours     {dt} {n} r{rows} w{warps} {'pf' if pf else '  '} "
                  f"{line.split()[0]:7s} {order(path)}")
        print(f"inductor {dt} {n} r{rows} w{warps}            {inductor(dt, n, rows, warps)}")
