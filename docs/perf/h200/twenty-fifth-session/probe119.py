"""Probe 119 (twenty-fifth session): fp16 4096's forward tile on a third VM.

Entry 59 gave fp16 4096 2 rows of 8 warps (2.3-2.4% less time than 1 row of 4 on two VMs); on
probe 118's VM the new tile ran 22.66-22.78 us against bf16's 1 row of 4 at 22.34-22.43, with
fp16's old tile not measured. Here probe 113's method (6 rotated rounds, the copy and
torch.compile among the variants) with both tiles offered explicitly, both dtypes, each in two
processes' worth of rounds (run twice by the call).
  PYTHONPATH=.:ab:docs/perf/h200/twenty-fourth-session python docs/perf/h200/twenty-fifth-session/probe119.py
"""

import probe113
import torch

probe113.VARIANTS = {"r1 w4": (1, 4, 0), "r2 w8": (2, 8, 0)}

if __name__ == "__main__":
    torch._dynamo.config.recompile_limit = 1000
    print("GPU", torch.cuda.get_device_name())
    for dt in ("float16", "bfloat16"):
        probe113.point(dt, 4096)
