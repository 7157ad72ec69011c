for r in 1 2; do
  for v in base new; do
    d=.; [ $v = base ] && d=ab/base
    (cd "$d" && python -m kernels.bench --modes forward --providers triton copy --ns 256 512 1024 2048 4096 --no-plots --no-progress --out "$OUT/fwd-$v-$r" > "$OUT/log-fwd-$v-$r.txt" 2>&1)
    (cd "$d" && python -m kernels.bench --modes backward --dtypes float32 --providers triton copy --ns 16384 32768 65536 --no-plots --no-progress --out "$OUT/bwd-$v-$r" > "$OUT/log-bwd-$v-$r.txt" 2>&1)
  done
done
for r in 1 2; do for k in fwd bwd; do echo "== $k round $r"; python -m kernels.bench.compare "$OUT/$k-base-$r" "$OUT/$k-new-$r" 2>&1 | tail -40; done; done
python ab/probe9.py 2>&1 | grep -v Warn
