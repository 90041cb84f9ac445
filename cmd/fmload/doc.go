// Command fmload measures the standalone fake (cmd/fakemessenger) against
// a bare net/http handler answering a fixed JSON body, in the same run and
// alternating between the two, so that issue 4's figures are ratios that
// survive a noisy machine. It uses only the standard library and talks
// only to 127.0.0.1.
//
// Usage:
//
//	fmload -bin ./fakemessenger [-json results.json] [flags]
//	fmload -serve-bare -listen 127.0.0.1:0 [-ready-file FILE]
//
// The second form is the baseline server: fmload re-executes itself with
// -serve-bare so that both servers are separate processes whose start time
// and peak RSS (VmHWM) can be measured the same way.
//
// What it measures (each section can be chosen with -only):
//
//	start   process start until the first 200 from /healthz, alternating
//	        bare and fakemessenger; medians.
//	load    POST /v1/invoke InstantMessage (a new VT_BSTR contact each time),
//	        then Close and Release of the returned window (-release=false:
//	        Close only), over 1, 8 and 64 keep-alive connections, a fresh
//	        process per run; the bare server gets the same request bytes.
//	        Throughput, p50/p99 latency per HTTP request, peak RSS (VmHWM).
//	soak    one long run on one process, sampling RSS: does memory level
//	        off once the journal and the other bounded buffers are full?
//	events  time from sending an InstantMessage to its OnIMWindowCreated
//	        arriving on a /v1/events stream.
//	worlds  POST /v1/worlds N times, the server's RSS, then DELETE each;
//	        the same number of bare round trips for comparison.
//
// Throughput, latency under load and the server's CPU per request are
// measured by scripts/bench.sh with wrk, a load generator written in C:
// on a 2-core machine this Go client takes more CPU than the server it
// loads, which throttles both sides alike and pulls the load ratios
// toward 1. The load section stays for a quick look without wrk; the
// published figures use fmload for start, events, worlds and soak, and
// -serve-bare is bench.sh's floor server.
//
// The report ends with issue 4's targets, each "met" or "MISSED"; -json
// writes every figure. See BENCHMARKS.md for how to read them.
//
// Every loop is bounded by a count and a deadline; servers are stopped
// with SIGTERM (then killed) when a section ends.
package main
