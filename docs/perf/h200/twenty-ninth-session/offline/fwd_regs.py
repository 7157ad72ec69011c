"""Offline (Triton 3.6, sm_90, no GPU): registers and spills of probe 134-136's forward variants,
with x-ahead.diff applied (ForwardConfig.params_ahead). From the repository root, in a tree with
the diff applied and Triton 3.6 installed:
  PYTHONPATH=.:docs/perf/h200/twenty-ninth-session/probe134 python \
    docs/perf/h200/twenty-ninth-session/offline/fwd_regs.py [variants|variants135|variants136]
Output: ../probe134/regs.txt (variants), ../probe134/regs135.txt (variants135)."""
import importlib
import sys

SASS = "docs/perf/h200/twenty-eighth-session/sass/ahead_cap.py"
# ahead_cap.py's regs() (it compiles _fwd_kernel for sm_90 and reads cuobjdump -res-usage);
# its own table after the function is not run.
ns = {}
exec(compile(open(SASS).read().split("\nfor dtype, n in")[0], SASS, "exec"), ns)
mod = importlib.import_module(sys.argv[1] if len(sys.argv) > 1 else "variants")
for dtype, n in mod.POINTS:
    for name, c in mod.variants(dtype, n).items():
        try:
            r = ns["regs"](c, n, dtype)
        except Exception as e:  # report and go on
            r = f"FAILED {type(e).__name__}: {str(e)[:100]}"
        print(f"{str(dtype)[6:]:8s} {n:6d} {c.block_n}x{c.num_chunks} {c.num_warps}w {name:26s} {r}")
