"""Probe 58 (sixteenth session): probe 57 A's two new H200 forward exceptions, checked. The table
now gives 16-bit 1024 (513-1024 columns) 2 rows with 2 warps and 16-bit 2048 (1025-2048) 1 row
with 4 warps; the old rule's tiles were 4 rows, 4 warps and 2 rows, 4 warps. Both, side by side
at M = 4096, for N = 768, 1024, 1536, 2048, bf16 and fp16; call 3 runs this file in three
processes (probe 57 A had one; fp16 1024's old tile ran 104% there against bf16's 115%).
Prediction: the new tiles tie or win by 1-3% at 2048, 0-9% at 1024; 768 and 1536 (never
measured with them) within 2% either way.
PYTHONPATH=.:ab:docs/perf/h200/fifteenth-session python <this file>"""

import torch
from probe53 import DRY, forward_tiles

OLD_TILES = {768: (4, 4), 1024: (4, 4), 1536: (2, 4), 2048: (2, 4)}

if __name__ == "__main__":
    print(torch.__version__, flush=True)
    if not DRY:
        print(torch.cuda.get_device_name(), flush=True)
    for n, old in OLD_TILES.items():
        for dtype in ("bfloat16", "float16"):
            forward_tiles(dtype, 4096, n, [old])
