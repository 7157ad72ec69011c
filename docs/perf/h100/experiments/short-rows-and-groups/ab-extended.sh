for v in base new; do
  d=.; [ $v = base ] && d=ab/base
  (cd "$d" && timeout 110 python -m kernels.bench --modes forward backward --providers triton copy --ns 1536 5120 12288 24576 65536 --no-plots --no-progress --out "$OUT/ext-$v" > "$OUT/log-$v.txt" 2>&1)
done
python -m kernels.bench.compare "$OUT/ext-base" "$OUT/ext-new" 2>&1 | tail -45
