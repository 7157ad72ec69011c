"""pass2_ahead on and off at fp32 5120, 10240 (won) and 16384 (lost): registers and pass 2's
load/store order. Usage: cd /work/sass130 && PYTHONPATH=/work/main:/work/sass130
/work/venv36/bin/python ahead_sass.py && /work/venv36/bin/python analyze.py ahead_{5120,10240,16384}_{off,on}"""
import dataclasses, torch
from kernels import config as cfg
from compile_all import ours

for n in (5120, 10240, 16384):
    rule = cfg.fit_forward_tile(cfg.forward_config(n, torch.float32, "H200"), 4096, 132, 4)
    for on in (False, True):
        ours(f"ahead_{n}_{'on' if on else 'off'}", dataclasses.replace(rule, pass2_ahead=on), n)
