"""Probe 60 (sixteenth session): why the copy of 67 MB (forward, M = 4096, bf16 4096) takes
19.7 us in a process that ran torch.compile and 21.2 us in one that did not (call 6; our
forward 22.4 us in both). One state a process (argv[1]), then the harness's own copy
measurement (harness.measure) 3 times:
  base      nothing before;
  compile   torch.compile(F.layer_norm) run once on a small (64, 256) input;
  inductor  import torch._inductor only;
  hold      512 MB allocated and kept;
  churn     512 MB allocated and freed (the caching allocator keeps the segment).
Prediction: compile fast, inductor slow (the import alone changes nothing on the GPU); if hold
or churn is fast too, the copy's speed follows where its buffers land, not torch.compile.
PYTHONPATH=. python <this file> STATE"""

import sys

import torch
import torch.nn.functional as F

from kernels.bench import harness as h

if __name__ == "__main__":
    state = sys.argv[1]
    cuda = torch.device("cuda")
    if state == "compile":
        x = torch.randn(64, 256, device=cuda)
        torch.compile(F.layer_norm)(x, (256,))
    elif state == "inductor":
        import torch._inductor  # noqa: F401
    elif state in ("hold", "churn"):
        held = torch.empty(512 << 20, dtype=torch.uint8, device=cuda)
        if state == "churn":
            del held
    times = [h.measure("copy", "forward", 4096, 4096, "bfloat16").ms * 1e3 for _ in range(3)]
    print(f"{state:9s} copy " + " ".join(f"{t:.2f}" for t in times) + " us", flush=True)
