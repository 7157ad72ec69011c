#!/usr/bin/env bash
# Session 9, H200: probe 20 (group cap, old vs new) and the backward between powers of two.
export PYTHONPATH=.
timeout 300 python ab/probe20.py bfloat16:14336 float32:14336 bfloat16:8704 float32:8704 bfloat16:10240 float32:10240 bfloat16:13312 float32:13312 bfloat16:18432 float32:18432 bfloat16:20480 float32:20480 bfloat16:28672 float32:28672 bfloat16:33024 float32:33024 2>&1 | grep -v Warn | tee $OUT/probe20.txt
timeout 200 python -m kernels.bench --modes backward --providers triton torch torch_compile copy --ns 8704 9216 10240 12288 13312 14336 16384 20480 28672 --out $OUT/between --no-progress --no-plots 2>&1 | tail -1
tar czf $OUT/call6.tgz -C $OUT probe20.txt between
