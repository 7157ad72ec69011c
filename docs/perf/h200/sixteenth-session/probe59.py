"""Probe 59 (sixteenth session): is the copy's time at 67 MB moved (fp32 2048, 16-bit 4096 forward
at M = 4096) a property of the process or of the buffers? The bench measured it at 19.8-19.9 us
in two sessions' runs (3.4 TB/s), probes 57-58 at 21.3-21.6 us, while our forward took 21.7-22.6
us in both: the 88-91% of copy in the bench against 95-98% in the probes is the copy's number.
In one process, interleaved, 4 times: the bench's own path (harness.measure: a new case whose
buffers are freed after it) for the copy and for our forward, and the probes' path (a new copy
case and new inputs, kept alive so that later buffers get other addresses), both timed as the
harness times (median of cuda_times). Prediction: the probe path's copy is the slow one (about
21.5 us), the bench path's the fast one (19.8), the forward the same in both.
PYTHONPATH=. python <this file>"""

import statistics

import torch

from kernels import layernorm as ln
from kernels.bench import harness as h

M, N, DTYPE = 4096, 4096, "bfloat16"


def forward_case(inp):
    x, w, b = inp["x"], inp["weight"], inp["bias"]
    return lambda: ln._forward(x, w, b, 1e-5)


if __name__ == "__main__":
    print(torch.cuda.get_device_name(), torch.__version__, flush=True)
    cuda = torch.device("cuda")
    keep = []
    for trial in range(4):
        times = {
            "bench copy": h.measure("copy", "forward", M, N, DTYPE).ms,
            "bench triton": h.measure("triton", "forward", M, N, DTYPE).ms,
        }
        copy = h._copy_case("forward", M, N, DTYPE, cuda)
        inp = h._random_inputs(M, N, DTYPE, cuda)
        keep += [copy, inp]
        times["kept copy"] = statistics.median(h.cuda_times(copy.fn))
        times["kept forward"] = statistics.median(h.cuda_times(forward_case(inp)))
        print(f"trial {trial}: " + ", ".join(f"{k} {t * 1e3:.2f} us" for k, t in times.items()))
