#!/usr/bin/env bash
# bench.sh: every figure in BENCHMARKS.md in one run (`make bench`).
#
#   scripts/bench.sh [OUTDIR]        (default: bench-results)
#
# Sections, in this order (BENCH_SECTIONS picks some: "wrk,inproc,fmload"):
#
#   wrk     the wire server (cmd/fakemessenger) and a bare net/http handler
#           (fmload -serve-bare), both separate processes on 127.0.0.1,
#           loaded by wrk (a C load generator, not ours) in alternating
#           runs: floor, fake, fake, floor, ... Each run reports req/s,
#           p50/p99 (wrk --latency) and the server's CPU time per request,
#           read from the server process's own /proc/PID/stat (utime+stime),
#           so it does not depend on how much CPU wrk itself takes.
#   inproc  the in-process Go benchmarks, as alternating processes of one
#           `go test -c` binary, each -test.count=1, summarised by benchstat
#           (with p-values): InstantMessage, sim vs a gomock stub; and
#           InstantMessage+Close+Release with 10 vs 1,000,000 windows open.
#   fmload  cmd/fmload for what wrk cannot do: start-to-ready, event latency
#           (send to SSE arrival), 10,000 idle worlds, and the RSS soak.
#
# Busy machines: the load average is recorded before and after, the CPU
# that other processes took is measured during every wrk run (from
# /proc/stat, minus the server's and wrk's own), and the machine is sampled
# for 2 s before anything starts. A figure taken while others used more than
# BENCH_BUSY_PCT (default 10) percent of the machine is marked BUSY;
# BENCH_REQUIRE_QUIET=1 makes a busy machine an error (exit 3) instead.
#
# Environment: BENCH_ROUNDS (wrk rounds per server, default 5),
# BENCH_DURATION (seconds per wrk run, default 5), BENCH_CONNS (default 64),
# BENCH_PAIRS (in-process process pairs, default 6), FMLOAD_FLAGS.
# Needs Go, Linux (/proc) and wrk; wrk is installed with apt-get when it is
# missing (the script says so). Only 127.0.0.1 is ever loaded.
set -euo pipefail

cd "$(dirname "$0")/.."
out=${1:-bench-results}
sections=${BENCH_SECTIONS:-wrk,inproc,surface,fmload}
rounds=${BENCH_ROUNDS:-5}
duration=${BENCH_DURATION:-5}
conns=${BENCH_CONNS:-64}
pairs=${BENCH_PAIRS:-6}
busy_pct=${BENCH_BUSY_PCT:-10}
# benchstat is pinned: golang.org/x/perf has no tagged releases.
benchstat_pkg=golang.org/x/perf/cmd/benchstat@v0.0.0-20260908200009-22c9c6c9d4da

mkdir -p "$out"
out=$(cd "$out" && pwd)
bin=$(mktemp -d)
pids=()
cleanup() {
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
	rm -rf "$bin"
}
trap cleanup EXIT

want() { [[ ",$sections," == *",$1,"* ]]; }
say() { printf '== %s\n' "$*" >&2; }

if [ ! -r /proc/stat ]; then
	echo "bench.sh: needs Linux (/proc/stat, /proc/PID/stat)" >&2
	exit 1
fi
hz=$(getconf CLK_TCK)
ncpu=$(nproc)

# machine_ticks prints "busy total" CPU ticks of the whole machine.
machine_ticks() {
	awk '/^cpu /{ busy = $2 + $3 + $4 + $7 + $8 + $9; print busy, busy + $5 + $6; exit }' /proc/stat
}
# proc_ticks prints utime+stime of a process, all its threads (the fields
# after the command name, which may hold spaces).
proc_ticks() {
	sed 's/^.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 }'
}
load1() { cut -d' ' -f1 /proc/loadavg; }

# Is anything else running? Sample the machine for 2 s before we start.
read -r b0 t0 < <(machine_ticks)
sleep 2
read -r b1 t1 < <(machine_ticks)
idle_others=$(awk -v b="$((b1 - b0))" -v t="$((t1 - t0))" 'BEGIN { printf "%.0f", t ? 100 * b / t : 0 }')
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
tree=$(git describe --always --dirty 2>/dev/null || echo unknown)
quiet=yes
if [ "$idle_others" -gt "$busy_pct" ]; then quiet=no; fi
say "machine before the run: $idle_others% busy, load average $load_before ($ncpu CPUs)"
if [ "$quiet" = no ] && [ -n "${BENCH_REQUIRE_QUIET:-}" ]; then
	echo "bench.sh: the machine is busy ($idle_others% of its CPU in use by others); BENCH_REQUIRE_QUIET is set, so no figures" >&2
	exit 3
fi

say "building"
go build -o "$bin/fakemessenger" ./cmd/fakemessenger
go build -o "$bin/fmload" ./cmd/fmload

{
	echo "bench.sh $(date -u +%Y-%m-%dT%H:%M:%SZ), tree $tree, $(go version | cut -d' ' -f3-)"
	echo "machine: $ncpu CPUs, $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo), kernel $(uname -r)"
	echo "before: load average $load_before; other processes used $idle_others% of the CPU in a 2 s sample (busy above $busy_pct%)"
} > "$out/summary.txt"

# ---------------------------------------------------------------- wrk
# start_server NAME CMD...: starts a server whose first stdout line ends in
# its URL; sets srv_pid and srv_url.
start_server() {
	local name=$1
	shift
	"$@" > "$bin/$name.out" 2> "$bin/$name.err" &
	srv_pid=$!
	pids+=("$srv_pid")
	for _ in $(seq 100); do
		if srv_url=$(head -1 "$bin/$name.out" 2>/dev/null | grep -o 'http://127\.0\.0\.1:[0-9]*$'); then
			return 0
		fi
		sleep 0.1
	done
	echo "bench.sh: $name did not announce its URL in 10 s: $(cat "$bin/$name.err")" >&2
	exit 1
}

# The request measured: InstantMessage for a contact whose window is open
# (the first call opens it), so every request does the same work and the
# world stays the same size however long wrk runs. The floor reads the same
# body and answers the same bytes the fake does.
im_body='{"object":"messenger","member":"InstantMessage","args":[{"vt":"VT_BSTR","value":"bench@contoso.com"}]}'
status_body='{"object":"messenger","member":"MyStatus","kind":"propget"}'

# wrk_run LABEL URL BODY: one recorded run; appends a row to wrk.tsv.
wrk_run() {
	local label=$1 url=$2 body=$3 pid=$4 secs=$5 record=$6
	printf 'wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\nwrk.body = [[%s]]\n' "$body" > "$bin/post.lua"
	local l0 c0 mb0 mt0 c1 mb1 mt1
	l0=$(load1)
	c0=$(proc_ticks "$pid")
	read -r mb0 mt0 < <(machine_ticks)
	TIMEFORMAT='%U %S'
	{ time wrk -t2 -c"$conns" -d"${secs}s" --latency -s "$bin/post.lua" "$url/v1/invoke" > "$bin/wrk.out"; } 2> "$bin/wrk.time"
	c1=$(proc_ticks "$pid")
	read -r mb1 mt1 < <(machine_ticks)
	[ "$record" = yes ] || return 0
	cat "$bin/wrk.out" >> "$out/wrk.txt"
	awk -v label="$label" -v hz="$hz" -v srv="$((c1 - c0))" -v busy="$((mb1 - mb0))" -v total="$((mt1 - mt0))" \
		-v wrkcpu="$(cat "$bin/wrk.time")" -v l0="$l0" -v l1="$(load1)" -v busy_pct="$busy_pct" '
	function us(s) {
		if (s ~ /us$/) return s + 0
		if (s ~ /ms$/) return (s + 0) * 1000
		return (s + 0) * 1e6
	}
	/ 50% / { p50 = us($2) }
	/ 99% / { p99 = us($2) }
	/requests in/ { n = $1 }
	/^Requests\/sec:/ { rps = $2 }
	/Non-2xx|Socket errors/ { bad = bad " " $0 }
	END {
		split(wrkcpu, w, " ")
		others = total ? 100 * (busy - srv - (w[1] + w[2]) * hz) / total : 0
		if (others < 0) others = 0
		if (n == 0 || bad != "") { print "bench.sh: wrk run failed:" bad > "/dev/stderr"; exit 1 }
		printf "%s\t%.0f\t%.0f\t%.0f\t%.2f\t%.0f\t%s\t%s\t%s\n", label, rps, p50, p99, 1e6 * srv / hz / n, others, l0, l1, (others > busy_pct ? "BUSY" : "")
	}' "$bin/wrk.out" >> "$out/wrk.tsv"
	tail -1 "$out/wrk.tsv" >&2
}

# check_journal URL: every call the fake's journal kept must have
# succeeded (wrk counts only non-2xx replies, and a failed COM call is a
# 200 with its HRESULT). Plain bash: no curl needed.
check_journal() {
	local hostport=${1#http://} reply bad
	exec 3<> "/dev/tcp/${hostport%:*}/${hostport#*:}"
	printf 'GET /v1/journal HTTP/1.0\r\nHost: %s\r\n\r\n' "$hostport" >&3
	reply=$(cat <&3)
	exec 3<&-
	bad=$(grep -o '"hresult":"0x[0-9a-f]*"' <<< "$reply" | grep -vc '0x00000000' || true)
	if [ "$(grep -o '"hresult":"0x[0-9a-f]*"' <<< "$reply" | grep -c . || true)" = 0 ] || [ "$bad" != 0 ]; then
		echo "bench.sh: the fake's journal shows failed calls ($bad) or none: the load did not do what it should" >&2
		exit 1
	fi
}

if want wrk; then
	if ! command -v wrk > /dev/null; then
		if command -v apt-get > /dev/null && [ "$(id -u)" = 0 ]; then
			say "wrk is not installed: installing it with apt-get (Debian package wrk)"
			apt-get install -y wrk > "$bin/apt.log" 2>&1 || { apt-get update > /dev/null 2>&1 && apt-get install -y wrk > "$bin/apt.log" 2>&1; } || {
				cat "$bin/apt.log" >&2
				exit 1
			}
		else
			echo "bench.sh: wrk is not installed and apt-get (as root) is not available: install wrk (https://github.com/wg/wrk) or run BENCH_SECTIONS=inproc,fmload" >&2
			exit 1
		fi
	fi
	say "wrk: $rounds rounds x ${duration}s per server, $conns connections -> $out/wrk.tsv"
	printf 'run\treq/s\tp50_us\tp99_us\tcpu_us_per_req\tothers_pct\tload_before\tload_after\tmark\n' > "$out/wrk.tsv"
	: > "$out/wrk.txt"
	start_server floor "$bin/fmload" -serve-bare -listen 127.0.0.1:0
	floor_pid=$srv_pid floor_url=$srv_url
	start_server fake "$bin/fakemessenger" --listen 127.0.0.1:0 --log-level warn
	fake_pid=$srv_pid fake_url=$srv_url
	# Warm both up (and open the window), unrecorded.
	wrk_run warm "$floor_url" "$im_body" "$floor_pid" 1 no
	wrk_run warm "$fake_url" "$im_body" "$fake_pid" 1 no
	wrk_run warm "$fake_url" "$status_body" "$fake_pid" 1 no
	for r in $(seq "$rounds"); do
		# ABBA order: floor first in odd rounds, fake first in even ones.
		if [ $((r % 2)) = 1 ]; then order="floor fake"; else order="fake floor"; fi
		for side in $order; do
			if [ "$side" = floor ]; then
				wrk_run "floor/InstantMessage/$r" "$floor_url" "$im_body" "$floor_pid" "$duration" yes
			else
				wrk_run "fake/InstantMessage/$r" "$fake_url" "$im_body" "$fake_pid" "$duration" yes
			fi
		done
	done
	# One MyStatus get run per round would double the time: one run, for
	# what a call with no argument and no object costs.
	wrk_run "fake/MyStatus-get/1" "$fake_url" "$status_body" "$fake_pid" "$duration" yes
	check_journal "$fake_url"
	kill "$floor_pid" "$fake_pid"
	wait "$floor_pid" "$fake_pid" 2> /dev/null || true
	awk -F'\t' -v conns="$conns" '
	function median(list,   n, a, i, j, t) {
		n = split(list, a, " ")
		for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] + 0 > t + 0; j--) a[j + 1] = a[j]; a[j + 1] = t }
		return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
	}
	NR > 1 {
		split($1, k, "/"); side = k[1] "/" k[2]; r = k[3]
		rps[side, r] = $2; p50[side, r] = $3; p99[side, r] = $4; cpu[side, r] = $5
		if ($9 == "BUSY") busy[r] = 1
		else if (k[2] == "InstantMessage") { qr[side] = qr[side] " " $2; qc[side] = qc[side] " " $5; q9[side] = q9[side] " " $4 }
		if (r > n) n = r
		if (side == "fake/MyStatus-get") st = sprintf("%.0f req/s, p50 %.0f us, p99 %.0f us, %.1f us CPU/request%s", $2, $3, $4, $5, $9 == "BUSY" ? " (BUSY)" : "")
	}
	END {
		f = "floor/InstantMessage"; g = "fake/InstantMessage"
		for (r = 1; r <= n; r++) {
			if (!((f, r) in rps) || !((g, r) in rps)) continue
			c = c " " cpu[g, r] / cpu[f, r]; t = t " " rps[g, r] / rps[f, r]; p = p " " p99[g, r] / p99[f, r]
			cl = cl sprintf(" %.2f%s", cpu[g, r] / cpu[f, r], busy[r] ? "*" : "")
			tl = tl sprintf(" %.2f%s", rps[g, r] / rps[f, r], busy[r] ? "*" : "")
			pl = pl sprintf(" %.2f%s", p99[g, r] / p99[f, r], busy[r] ? "*" : "")
			fr = fr " " rps[f, r]; gr = gr " " rps[g, r]; fc = fc " " cpu[f, r]; gc = gc " " cpu[g, r]
			f5 = f5 " " p50[f, r]; g5 = g5 " " p50[g, r]; f9 = f9 " " p99[f, r]; g9 = g9 " " p99[g, r]
			if (busy[r]) nbusy++
			rounds++
		}
		printf "\nwire server under wrk, %d connections, POST /v1/invoke InstantMessage (window open); medians of %d rounds%s\n", conns, rounds, (nbusy ? ", " nbusy " of them BUSY (*)" : "")
		printf "  floor: %.0f req/s, p50 %.0f us, p99 %.0f us, %.1f us server CPU per request\n", median(fr), median(f5), median(f9), median(fc)
		printf "  fake:  %.0f req/s, p50 %.0f us, p99 %.0f us, %.1f us server CPU per request\n", median(gr), median(g5), median(g9), median(gc)
		mc = median(c); mt = median(t); mp = median(p)
		# The figure is the median of the per-round ratios (the two runs of a
		# round are seconds apart); the ratio of the medians is printed too.
		printf "  server CPU per request, fake/floor per round:%s; median %.2fx (goal <= 1.3x): %s; ratio of the medians %.2fx\n", cl, mc, (mc <= 1.3 ? "met" : "MISSED"), median(gc) / median(fc)
		printf "  throughput, fake/floor per round:%s; median %.2fx (goal >= 0.75x): %s; ratio of the medians %.2fx\n", tl, mt, (mt >= 0.75 ? "met" : "MISSED"), median(gr) / median(fr)
		printf "  p99 latency, fake/floor per round:%s; median %.2fx (goal <= 1.5x): %s; ratio of the medians %.2fx\n", pl, mp, (mp <= 1.5 ? "met" : "MISSED"), median(g9) / median(f9)
		if (st != "") printf "  fake, MyStatus get (one run): %s\n", st
		# The runs no other process disturbed, whichever round they were in.
		if (qr[f] != "" && qr[g] != "") {
			n1 = split(qr[f], x1, " "); n2 = split(qr[g], x2, " ")
			printf "  quiet runs only (%d floor, %d fake; medians): CPU per request %.2fx, throughput %.2fx, p99 %.2fx\n", n1, n2, median(qc[g]) / median(qc[f]), median(qr[g]) / median(qr[f]), median(q9[g]) / median(q9[f])
		} else if (nbusy) {
			printf "  quiet runs only: none on one side or both\n"
		}
	}' "$out/wrk.tsv" >> "$out/summary.txt"
fi

# ------------------------------------------------------------- inproc
if want inproc; then
	say "in-process: $pairs alternating process pairs per comparison -> $out/inproc-*.txt"
	go test -c -o "$bin/sim.test" ./sim
	if ! GOBIN="$bin" go install "$benchstat_pkg" 2> "$bin/benchstat.log"; then
		cat "$bin/benchstat.log" >&2
		echo "bench.sh: could not install benchstat ($benchstat_pkg) from the module proxy" >&2
		exit 1
	fi
	# pair FILE A B: $pairs runs of each, one process per run, in the order
	# A B B A A B ... so that a machine getting busier favours neither.
	pair() {
		local file=$1 a=$2 b=$3
		: > "$file"
		for i in $(seq "$pairs"); do
			if [ $((i % 2)) = 1 ]; then order="$a $b"; else order="$b $a"; fi
			for pat in $order; do
				(cd sim && "$bin/sim.test" -test.run '^$' -test.bench "$pat" -test.benchmem -test.count 1 -test.timeout 10m) |
					grep '^Benchmark' | tee -a "$file" >&2
			done
		done
	}
	pair "$out/inproc-im.txt" '^BenchmarkInstantMessage$/^impl=gomock$' '^BenchmarkInstantMessage$/^impl=sim$'
	pair "$out/inproc-windows.txt" '^BenchmarkIMClose$/^open=10$' '^BenchmarkIMClose$/^open=1000000$'
	# The wire server's own work per request (no sockets): one run, to
	# show where the wrk figures' difference from the floor comes from.
	go test -run '^$' -bench 'HandlerInvoke' -benchmem -count 1 ./wire/ | grep '^Benchmark' > "$out/wire-handler.txt"
	"$bin/benchstat" -col /impl "$out/inproc-im.txt" > "$out/benchstat-im.txt"
	"$bin/benchstat" -col /open "$out/inproc-windows.txt" > "$out/benchstat-windows.txt"
	# The figures: ratios of medians (benchstat's centre), benchstat's p.
	awk '
	function median(list,   n, a, i, j, t) {
		n = split(list, a, " ")
		for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] + 0 > t + 0; j--) a[j + 1] = a[j]; a[j + 1] = t }
		return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
	}
	FNR == 1 { file++ }
	/^Benchmark/ {
		name = $1; sub(/-[0-9]+$/, "", name)
		for (i = 3; i < NF; i++) {
			if ($(i + 1) == "ns/op") ns[name] = ns[name] " " $i
			if ($(i + 1) == "allocs/op") al[name] = al[name] " " $i
			if ($(i + 1) == "B/window") bw[name] = bw[name] " " $i
			if ($(i + 1) == "cpu-ns/op") cpu[name] = cpu[name] " " $i
		}
	}
	file == 3 && /^InstantMessage/ && p1 == "" { p1 = $0 }
	file == 4 && /^IMClose/ && p2 == "" { p2 = $0 }
	END {
		g = "BenchmarkInstantMessage/impl=gomock"; s = "BenchmarkInstantMessage/impl=sim"
		a = "BenchmarkIMClose/open=10"; c = "BenchmarkIMClose/open=1000000"
		r1 = median(ns[s]) / median(ns[g]); r2 = median(ns[c]) / median(ns[a])
		m = match(p1, /p=[0-9.]+/); pv1 = m ? substr(p1, RSTART + 2, RLENGTH - 2) : "?"
		m = match(p2, /p=[0-9.]+/); pv2 = m ? substr(p2, RSTART + 2, RLENGTH - 2) : "?"
		printf "\nin-process (alternating processes, benchstat)\n"
		printf "  InstantMessage (new window): sim %.0f ns/op, %s allocs/op; gomock stub %.0f ns/op, %s allocs/op\n", median(ns[s]), median(al[s]), median(ns[g]), median(al[g])
		printf "  sim/gomock %.2fx, p=%s (goal <= 0.8x, p < 0.05): %s; allocs %s (goal <= 3): %s\n", r1, pv1, ((r1 <= 0.8 && pv1 + 0 < 0.05) ? "met" : "MISSED"), median(al[s]), (median(al[s]) <= 3 ? "met" : "MISSED")
		if (cpu[s] != "" && median(cpu[g]) > 0) printf "  process CPU per op (the busy-machine check): sim %.0f ns, gomock %.0f ns: %.2fx\n", median(cpu[s]), median(cpu[g]), median(cpu[s]) / median(cpu[g])
		printf "  InstantMessage+Close+Release: %.0f ns/op with 10 windows open, %.0f with 1,000,000\n", median(ns[a]), median(ns[c])
		printf "  1,000,000/10 %.2fx, p=%s (goal <= 1.25x): %s\n", r2, pv2, (r2 <= 1.25 ? "met" : "MISSED")
		if (cpu[a] != "" && median(cpu[a]) > 0) printf "  process CPU per op: %.0f ns with 10 open, %.0f with 1,000,000: %.2fx\n", median(cpu[a]), median(cpu[c]), median(cpu[c]) / median(cpu[a])
		printf "  memory per open window at 1,000,000: %.0f B (goal <= 512 B): %s\n", median(bw[c]), (median(bw[c]) <= 512 ? "met" : "MISSED")
	}' "$out/inproc-im.txt" "$out/inproc-windows.txt" "$out/benchstat-im.txt" "$out/benchstat-windows.txt" >> "$out/summary.txt"
	awk '{ n = $1; sub(/^BenchmarkHandlerInvoke\//, "", n); sub(/-[0-9]+$/, "", n); printf "  wire handler alone, %s: %s ns, %s B, %s allocs per request\n", n, $3, $5, $7 }' "$out/wire-handler.txt" >> "$out/summary.txt"
fi

# ------------------------------------------------------------- surface
# The members added for the whole automation surface, each against
# InstantMessage in the same process (goal: none over 2x), For Each over
# big collections, and the journal's queries (filtering 100,000 entries by
# contact against an unfiltered read). One process per benchmark, in
# alternating order with InstantMessage.
if want surface; then
	say "surface: new members vs InstantMessage, For Each, journal queries -> $out/surface.txt"
	[ -x "$bin/sim.test" ] || go test -c -o "$bin/sim.test" ./sim
	: > "$out/surface.txt"
	for pat in '^BenchmarkConversations$' '^BenchmarkContacts$' '^BenchmarkGroupMembers$' \
		'^BenchmarkNewEnum10000Contacts$' '^BenchmarkNewEnumGroup1000$' '^BenchmarkJournalQuery$' '^BenchmarkJournalMemory$'; do
		for p2 in '^BenchmarkInstantMessage$/^impl=sim$' "$pat"; do
			(cd sim && "$bin/sim.test" -test.run '^$' -test.bench "$p2" -test.benchmem -test.count 1 -test.timeout 10m) |
				grep '^Benchmark' | tee -a "$out/surface.txt" >&2
		done
	done
	awk '
	function median(list,   n, a, i, j, t) {
		n = split(list, a, " ")
		for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] + 0 > t + 0; j--) a[j + 1] = a[j]; a[j + 1] = t }
		return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
	}
	/^Benchmark/ {
		n = $1; sub(/-[0-9]+$/, "", n)
		if (n == "BenchmarkInstantMessage/impl=sim") { im = im " " $3; k++; next }
		ns[n] = $3; order[++m] = n
	}
	END {
		base = median(im)
		printf "\nthe surface (one process each; InstantMessage %.0f ns/op in the same runs, median of %d; a family with its own InstantMessage case is compared with that)\n", base, k
		for (i = 1; i <= m; i++) {
			n = order[i]; if (seen[n]++) continue
			fam = n; sub(/\/.*/, "", fam)
			if (n ~ /NewEnum|JournalQuery|JournalMemory/ || n == fam "/InstantMessage") {
				printf "  %s: %.0f ns/op\n", n, ns[n]
				continue
			}
			ref = (ns[fam "/InstantMessage"] > 0) ? ns[fam "/InstantMessage"] : base
			calls = (n ~ /\+/) ? split(n, parts, "+") : 1
			r = ns[n] / calls / ref
			printf "  %s: %.0f ns/op (%d call%s), %.2fx InstantMessage per call (goal <= 2x): %s\n", n, ns[n], calls, (calls > 1 ? "s" : ""), r, (r <= 2 ? "met" : "MISSED")
		}
		if (ns["BenchmarkJournalQuery/unfiltered"] > 0 && ns["BenchmarkJournalQuery/contact"] > 0)
			printf "  journal: filtering 100,000 entries by contact %.2fx an unfiltered read\n", ns["BenchmarkJournalQuery/contact"] / ns["BenchmarkJournalQuery/unfiltered"]
	}' "$out/surface.txt" >> "$out/summary.txt"
fi

# ------------------------------------------------------------- fmload
if want fmload; then
	say "fmload: start, events, worlds, soak -> $out/fmload.txt, $out/fmload.json"
	l0=$(load1)
	# shellcheck disable=SC2086 # FMLOAD_FLAGS is a list of flags
	"$bin/fmload" -bin "$bin/fakemessenger" -only start,events,worlds,soak -json "$out/fmload.json" ${FMLOAD_FLAGS:-} | tee "$out/fmload.txt"
	{
		printf '\nfmload (load average %s before, %s after)\n' "$l0" "$(load1)"
		sed -n '/^targets/,$p' "$out/fmload.txt" | sed 's/^/  /'
	} >> "$out/summary.txt"
fi

read -r b0 t0 < <(machine_ticks)
sleep 2
read -r b1 t1 < <(machine_ticks)
after_others=$(awk -v b="$((b1 - b0))" -v t="$((t1 - t0))" 'BEGIN { printf "%.0f", t ? 100 * b / t : 0 }')
{
	echo
	echo "after: load average $(cut -d' ' -f1-3 /proc/loadavg) (our own runs included); other processes used $after_others% of the CPU in a 2 s sample"
	if [ "$quiet" = no ] || [ "$after_others" -gt "$busy_pct" ] || grep -q 'BUSY' "$out/wrk.tsv" 2> /dev/null; then
		echo "MARKED: figures from a BUSY machine (others used more than $busy_pct% of the CPU before, during or after): re-run on a quiet one before quoting them"
	fi
} >> "$out/summary.txt"
say "summary -> $out/summary.txt"
cat "$out/summary.txt"
