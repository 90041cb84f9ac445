package main

import (
	"context"
	"fmt"
	"io"
	"time"
)

// healthTimeout bounds the wait for /healthz after the ready line.
const healthTimeout = 5 * time.Second

// startResult is start-to-ready: from exec until the first 200 of
// /healthz (the ready line tells the port; /healthz is then polled).
type startResult struct {
	Samples      int       `json:"samplesPerServer"`
	BareMedianMs float64   `json:"bareMedianMs"`
	WireMedianMs float64   `json:"wireMedianMs"`
	Ratio        float64   `json:"ratio"` // wire/bare medians
	BareMs       []float64 `json:"bareMs"`
	WireMs       []float64 `json:"wireMs"`
}

// measureStart starts each server n times, alternating bare and wire.
func measureStart(ctx context.Context, bare, wire serverSpec, n int, progress io.Writer) (startResult, error) {
	res := startResult{Samples: n}
	var bareD, wireD []time.Duration
	for i := range 2 * n {
		spec := bare
		if i%2 == 1 {
			spec = wire
		}
		d, err := startToReady(ctx, spec)
		if err != nil {
			return res, err
		}
		if spec.name == "bare" {
			bareD = append(bareD, d)
			res.BareMs = append(res.BareMs, ms(d))
		} else {
			wireD = append(wireD, d)
			res.WireMs = append(res.WireMs, ms(d))
		}
	}
	res.BareMedianMs = ms(median(bareD))
	res.WireMedianMs = ms(median(wireD))
	res.Ratio = ratio(res.WireMedianMs, res.BareMedianMs)
	fmt.Fprintf(progress, "  start-to-ready medians: bare %.2f ms, wire %.2f ms\n", res.BareMedianMs, res.WireMedianMs)
	return res, nil
}

func startToReady(ctx context.Context, spec serverSpec) (time.Duration, error) {
	srv, err := spec.start(ctx)
	if err != nil {
		return 0, err
	}
	err = waitHealthy(ctx, srv.url, healthTimeout)
	d := time.Since(srv.started)
	if serr := srv.stop(); err == nil {
		err = serr
	}
	return d, err
}
