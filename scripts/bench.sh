#!/usr/bin/env bash
# bench.sh: the figures of issues 3 and 4 in one run (`make bench`).
#
#   scripts/bench.sh [OUTDIR]        (default: bench-results)
#
# Writes OUTDIR/go-bench.txt (the Go benchmarks of sim/ and wire/),
# OUTDIR/fmload.txt and OUTDIR/fmload.json (the load generator against the
# fakemessenger binary and a bare net/http server), and OUTDIR/summary.txt
# (the ratios the issues ask for). Environment:
#   BENCH_COUNT   how many times the Go benchmarks run (default 5)
#   BENCH_TIME    -benchtime for them (default: go test's 1s; "1000x" for a smoke test)
#   FMLOAD_FLAGS  extra flags for fmload (e.g. "-rounds 1 -duration 1s")
# Only loopback is used. Needs Go and Linux (/proc for RSS).
set -euo pipefail

cd "$(dirname "$0")/.."
out=${1:-bench-results}
count=${BENCH_COUNT:-5}
mkdir -p "$out"
bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT

# Other work on the machine skews everything: record how busy it was.
load_before=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)
# Which code was measured (and whether it had uncommitted changes).
tree=$(git describe --always --dirty 2>/dev/null || echo unknown)

echo "== go benchmarks ($count runs) -> $out/go-bench.txt"
# The same as `go test -run '^$' -bench . -benchmem -count $count ./sim/ ./wire/`,
# but as $count runs of -count 1: -count repeats each benchmark back to
# back, so a burst of other work on the machine lands on one side of a
# ratio; separate runs interleave the sides, and the ratios below are the
# medians of each run's own ratio.
: > "$out/go-bench.txt"
for _ in $(seq "$count"); do
	go test -run '^$' -bench . -benchmem -count 1 -benchtime "${BENCH_TIME:-1s}" -timeout 30m ./sim/ ./wire/ | tee -a "$out/go-bench.txt"
done

echo "== fmload -> $out/fmload.txt, $out/fmload.json"
go build -o "$bin/fakemessenger" ./cmd/fakemessenger
go build -o "$bin/fmload" ./cmd/fmload
# shellcheck disable=SC2086 # FMLOAD_FLAGS is a list of flags
"$bin/fmload" -bin "$bin/fakemessenger" -json "$out/fmload.json" ${FMLOAD_FLAGS:-} | tee "$out/fmload.txt"

# Ratios: each run's own ratio (both sides measured minutes apart at most),
# then the median over the runs.
awk '
function median(list,   n, a, i, j, t) {
	n = split(list, a, " ")
	for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] + 0 > t + 0; j--) a[j + 1] = a[j]; a[j + 1] = t }
	return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}
/^BenchmarkInstantMessage\/gomock/ { run++ }
/^Benchmark/ {
	name = $1; sub(/-[0-9]+$/, "", name)
	for (i = 3; i < NF; i++) {
		if ($(i + 1) == "ns/op") { ns[name] = ns[name] " " $i; v[name, run] = $i }
		if ($(i + 1) == "allocs/op") al[name] = al[name] " " $i
		if ($(i + 1) == "B/window") bw[name] = bw[name] " " $i
	}
}
END {
	g = "BenchmarkInstantMessage/gomock"; s = "BenchmarkInstantMessage/sim"
	a = "BenchmarkIMClose/open=10"; b = "BenchmarkIMClose/open=10000"; c = "BenchmarkIMClose/open=1000000"
	for (r = 1; r <= run; r++) {
		if (v[g, r] && v[s, r]) { rs = rs " " v[s, r] / v[g, r]; rl = rl sprintf(" %.2f", v[s, r] / v[g, r]) }
		if (v[a, r] && v[c, r]) { rc = rc " " v[c, r] / v[a, r]; cl = cl sprintf(" %.2f", v[c, r] / v[a, r]) }
	}
	if (rs != "") {
		printf "InstantMessage (VT_BSTR, new window): sim %.0f ns/op, %s allocs/op; gomock %.0f ns/op (medians)\n", median(ns[s]), median(al[s]), median(ns[g])
		printf "  sim/gomock per run:%s; median %.2fx (target <= 1.0x; allocs target <= 4)\n", rl, median(rs)
	}
	if (rc != "") {
		printf "InstantMessage+Close+Release: %.0f ns/op with 10 open, %.0f with 10,000, %.0f with 1,000,000 (medians)\n", median(ns[a]), median(ns[b]), median(ns[c])
		printf "  1M/10 per run:%s; median %.2fx (target <= 1.5x)\n", cl, median(rc)
	}
	if (bw[c] != "") printf "memory per open window: %.0f B with 1,000,000 open, %.0f B with 10,000 (target <= 1024 B)\n", median(bw[c]), median(bw[b])
}' "$out/go-bench.txt" > "$out/summary.body"
{
	echo "bench.sh $(date -u +%Y-%m-%dT%H:%M:%SZ), $(go version | cut -d' ' -f3-), $(nproc) CPUs, tree $tree"
	echo "load average (1/5/15 min) before: $load_before, after: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
	cat "$out/summary.body"
} > "$out/summary.txt"
rm "$out/summary.body"
sed -n '/^targets/,$p' "$out/fmload.txt" >> "$out/summary.txt"
echo "== summary -> $out/summary.txt"
cat "$out/summary.txt"
