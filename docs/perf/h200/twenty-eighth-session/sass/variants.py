"""Experiments on (b) masked 2048 x 3: count_once=True; maxnreg caps. Dumps <name>.sass etc.
Usage: cd /work/sass130 && PYTHONPATH=/work/main:/work/sass130 /work/venv36/bin/python variants.py"""
import dataclasses, torch
from kernels import config as cfg
from compile_all import ours

rule = cfg.forward_config(5120, torch.float32, "H200")
b = dataclasses.replace(rule, block_n=2048, num_chunks=3, equal_lanes=False, count_once=False)
ours("v_b_count_once", dataclasses.replace(b, count_once=True), 5120)
ours("v_b_maxnreg40", dataclasses.replace(b, max_registers=40), 5120)
ours("v_b_maxnreg64", dataclasses.replace(b, max_registers=64), 5120)
