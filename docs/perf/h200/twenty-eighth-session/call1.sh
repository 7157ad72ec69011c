#!/usr/bin/env bash
# Twenty-eighth session, call 1: the twenty-seventh session's prepared call, run as prepared
# (docs/perf/h200/twenty-seventh-session/prepared/next-call.sh): probe 126 (backward rows of
# 4097-6144 columns as a 4096 block and a tail, half-block-tails.diff applied on the device's
# copy only), probe 127 (the forward's rows between powers of two against one padded whole row)
# and the GPU tests with the probe-126 rule.
bash docs/perf/h200/twenty-seventh-session/prepared/next-call.sh
