"""What torch.compile generates for the forward where it ties or beats ours (fp32 5120 and
6144, probe 127): its Triton kernels' source and launch meta, written to
$OUT/inductor-<N>.txt (call 2 ran it with a .py suffix; renamed in the repository).
  PYTHONPATH=. python docs/perf/h200/twenty-eighth-session/inductor_code.py
"""

import os

import torch
import torch.nn.functional as F
from torch._inductor.utils import run_and_get_code

out = os.environ.get("OUT", ".")
for n in (5120, 6144):
    x = torch.randn(4096, n, device="cuda")
    w, b = torch.randn(n, device="cuda"), torch.randn(n, device="cuda")
    torch._dynamo.reset()
    f = torch.compile(lambda x, w, b: F.layer_norm(x, (n,), w, b))
    _, codes = run_and_get_code(f, x, w, b)
    with open(f"{out}/inductor-{n}.txt", "w") as fh:
        fh.write("\n\n# ----\n".join(codes))
    print(n, "kernels:", sum(c.count("@triton.jit") for c in codes), flush=True)
