#!/usr/bin/env bash
# Twenty-fifth session, call 1: probe 116 (the twenty-fourth session's prepared probe: the
# default forward and backward sweep with the copy measured last and first) and probe 113
# again (16-bit 4096 forward tiles, on a second VM). carry ["ab"].
start=$(date +%s)
nvidia-smi --query-gpu=uuid,pci.bus_id --format=csv
D=docs/perf/h200/twenty-fifth-session
PYTHONPATH=. timeout 420 python $D/probe116.py 2>&1 | grep -v Warn | tee $OUT/probe116.txt
echo "probe116 $(( $(date +%s) - start )) s"
E=docs/perf/h200/twenty-fourth-session
PYTHONPATH=.:ab:$E timeout 150 python $E/probe113.py 2>&1 | grep -v Warn | tee $OUT/probe113.txt
echo "all $(( $(date +%s) - start )) s"
