"""Probe 61 (sixteenth session): probe 60 did not reproduce call 6's fast copy (19.7 us against
20.7-21.1 at 67 MB) with a small torch.compile, a held or a freed 512 MB buffer. Call 6's fast
copies came right after the torch_compile provider at the same shape. Here, in one process, the
harness's measurements in this order: copy, triton, torch_compile, copy, triton, copy after a
3 s sleep, torch_compile, copy, triton. Prediction: a copy right after torch_compile is fast,
triton is not, and a sleep alone does nothing.
PYTHONPATH=. python <this file>"""

import time

from kernels.bench import harness as h

ORDER = ["copy", "triton", "torch_compile", "copy", "triton", "sleep", "copy"]
ORDER += ["torch_compile", "copy", "triton"]

if __name__ == "__main__":
    for step in ORDER:
        if step == "sleep":
            time.sleep(3)
            print("slept 3 s", flush=True)
            continue
        ms = h.measure(step, "forward", 4096, 4096, "bfloat16").ms
        print(f"{step:14s} {ms * 1e3:.2f} us", flush=True)
