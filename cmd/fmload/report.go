package main

import (
	"fmt"
	"io"
	"time"
)

// report is everything one fmload run measured, and issue 4's targets
// judged against it.
type report struct {
	Time    string        `json:"time"`
	Options reportOptions `json:"options"`
	Start   *startResult  `json:"start,omitempty"`
	Load    []loadCase    `json:"load,omitempty"`
	Soak    *soakResult   `json:"soak,omitempty"`
	Events  *eventResult  `json:"events,omitempty"`
	Worlds  *worldsResult `json:"worlds,omitempty"`
	Targets []target      `json:"targets"`
}

type reportOptions struct {
	Conns    []int  `json:"conns"`
	Rounds   int    `json:"rounds"`
	Warmup   string `json:"warmup"`
	Duration string `json:"duration"`
	Starts   int    `json:"starts"`
	Events   int    `json:"events"`
	Worlds   int    `json:"worlds"`
	Release  bool   `json:"release"`

	SoakRequests int `json:"soakRequests"`
}

// target is one figure of the issue: what it asks, what was measured.
type target struct {
	Figure string  `json:"figure"`
	Want   string  `json:"want"`
	Got    float64 `json:"got"`
	Unit   string  `json:"unit"`
	Met    bool    `json:"met"`
}

// judge fills in Targets from whatever sections ran.
func (r *report) judge() {
	r.Time = time.Now().UTC().Format(time.RFC3339)
	r.Targets = nil
	add := func(fig, want string, got float64, unit string, met bool) {
		r.Targets = append(r.Targets, target{fig, want, got, unit, met})
	}
	if s := r.Start; s != nil {
		add("start-to-ready median, wire/bare", "<= 2x", s.Ratio, "x", s.Ratio <= 2)
		add("start-to-ready median, wire", "< 50 ms", s.WireMedianMs, "ms", s.WireMedianMs < 50)
	}
	for _, c := range r.Load {
		if c.Conns == 64 {
			add("throughput at 64 connections, wire/bare", ">= 0.6x", c.ThroughputRatio, "x", c.ThroughputRatio >= 0.6)
		}
		if c.Conns == 1 {
			add("p99 latency at 1 connection, wire/bare", "<= 2x", c.P99Ratio, "x", c.P99Ratio <= 2)
		}
		add(fmt.Sprintf("peak RSS at %d connections, wire/bare", c.Conns), "<= 3x", c.PeakRSSRatio, "x", c.PeakRSSRatio <= 3)
	}
	if s := r.Soak; s != nil {
		add("RSS growth over the second half of the soak (bounded memory)", "<= 1.1x", s.GrowthLastHalf, "x", s.GrowthLastHalf <= 1.1)
		for _, c := range r.Load {
			if c.Conns == s.Conns && c.Bare.PeakKiB > 0 {
				x := s.PeakMiB * 1024 / float64(c.Bare.PeakKiB)
				add(fmt.Sprintf("steady-state peak RSS (soak) / bare peak at %d connections", c.Conns), "<= 3x", x, "x", x <= 3)
			}
		}
	}
	if e := r.Events; e != nil {
		add("event latency p99 (send of the call to the SSE event)", "<= 1000 us", e.Latency.P99us, "us", e.Latency.P99us <= 1000)
	}
	if w := r.Worlds; w != nil {
		rss := float64(w.MemoryCreated.RSSKiB) / 1024
		add(fmt.Sprintf("RSS with %d idle worlds", w.Count), "<= 100 MiB", rss, "MiB", rss <= 100)
		add("world create, mean minus bare round trip mean", "<= 100 us", w.CreateNetMeanUs, "us", w.CreateNetMeanUs <= 100)
		add("world delete, mean minus bare round trip mean", "<= 100 us", w.DeleteNetMeanUs, "us", w.DeleteNetMeanUs <= 100)
	}
}

func (r *report) print(out io.Writer) {
	r.judge()
	fmt.Fprintf(out, "fmload %s (release after close: %v)\n", r.Time, r.Options.Release)
	if s := r.Start; s != nil {
		fmt.Fprintf(out, "\nstart-to-ready (%d starts each, alternating): bare median %.2f ms, wire median %.2f ms, ratio %.2fx\n",
			s.Samples, s.BareMedianMs, s.WireMedianMs, s.Ratio)
	}
	if len(r.Load) > 0 {
		fmt.Fprintf(out, "\nload (%d rounds x %s per server and connection count; latency per HTTP request)\n", r.Options.Rounds, r.Options.Duration)
		fmt.Fprintf(out, "%6s | %10s %8s %8s %9s | %10s %8s %8s %9s | %6s %6s %6s %6s\n",
			"conns", "bare req/s", "p50 us", "p99 us", "peak MiB", "wire req/s", "p50 us", "p99 us", "peak MiB", "thru", "p50", "p99", "RSS")
		for _, c := range r.Load {
			fmt.Fprintf(out, "%6d | %10.0f %8.0f %8.0f %9.1f | %10.0f %8.0f %8.0f %9.1f | %5.2fx %5.2fx %5.2fx %5.2fx\n",
				c.Conns,
				c.Bare.ReqPerSec, c.Bare.Latency.P50us, c.Bare.Latency.P99us, float64(c.Bare.PeakKiB)/1024,
				c.Wire.ReqPerSec, c.Wire.Latency.P50us, c.Wire.Latency.P99us, float64(c.Wire.PeakKiB)/1024,
				c.ThroughputRatio, c.P50Ratio, c.P99Ratio, c.PeakRSSRatio)
		}
	}
	if s := r.Soak; s != nil {
		fmt.Fprintf(out, "\nsoak (%d connections, %d requests in %.1f s, %.0f req/s): RSS MiB every %s: %v; peak %.1f MiB; end/first-half max %.2fx\n",
			s.Conns, s.Requests, s.Seconds, s.ReqPerSec, soakSampleEvery, s.RSSMiB, s.PeakMiB, s.GrowthLastHalf)
	}
	if e := r.Events; e != nil {
		fmt.Fprintf(out, "\nevent latency (%d calls): p50 %.0f us, p99 %.0f us, max %.0f us; the invoke reply itself: p50 %.0f us, p99 %.0f us\n",
			e.Latency.N, e.Latency.P50us, e.Latency.P99us, e.Latency.MaxUs, e.Reply.P50us, e.Reply.P99us)
	}
	if w := r.Worlds; w != nil {
		fmt.Fprintf(out, "\nworlds (%d): RSS %.1f MiB before, %.1f MiB with them (+%.1f MiB, %.1f KiB/world)\n",
			w.Count, float64(w.Memory0.RSSKiB)/1024, float64(w.MemoryCreated.RSSKiB)/1024, w.RSSDeltaMiB, w.RSSDeltaMiB*1024/float64(max(w.Count, 1)))
		fmt.Fprintf(out, "  create p50 %.0f us (mean %.0f, p99 %.0f); delete p50 %.0f us (mean %.0f, p99 %.0f); bare round trip p50 %.0f us (mean %.0f)\n",
			w.Create.P50us, w.Create.Mean, w.Create.P99us, w.Delete.P50us, w.Delete.Mean, w.Delete.P99us, w.BareRoundTrip.P50us, w.BareRoundTrip.Mean)
		fmt.Fprintf(out, "  net of the bare round trip: create %.0f us (p50) / %.0f us (mean); delete %.0f us (p50) / %.0f us (mean)\n",
			w.CreateNetP50us, w.CreateNetMeanUs, w.DeleteNetP50us, w.DeleteNetMeanUs)
	}
	if len(r.Targets) > 0 {
		fmt.Fprintf(out, "\ntargets (issue 4)\n")
		for _, t := range r.Targets {
			verdict := "met"
			if !t.Met {
				verdict = "MISSED"
			}
			fmt.Fprintf(out, "  %-6s %-58s want %-10s got %.2f %s\n", verdict, t.Figure, t.Want, t.Got, t.Unit)
		}
	}
}
