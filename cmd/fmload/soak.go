package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"sync"
	"time"
)

// soakResult shows whether a long run grows without limit: the load
// section's runs are short, so the bounded structures (the journal keeps
// 100,000 calls by default, the event ring 4,096 events, released IDs
// 65,536) may not be full yet. The soak makes several journals' worth of
// calls on one process and samples its RSS as it goes.
type soakResult struct {
	Conns     int       `json:"conns"`
	Requests  int       `json:"requests"`
	Seconds   float64   `json:"seconds"`
	ReqPerSec float64   `json:"reqPerSec"`
	RSSMiB    []float64 `json:"rssMiB"` // VmRSS every sampleEvery
	PeakMiB   float64   `json:"peakMiB"`
	// GrowthLastHalf is RSS at the end over the highest RSS seen in the
	// first half: about 1 when memory has levelled off.
	GrowthLastHalf float64 `json:"growthLastHalf"`
}

const soakSampleEvery = 250 * time.Millisecond

func measureSoak(ctx context.Context, wire serverSpec, conns, requests int, limit time.Duration, release bool, progress io.Writer) (soakResult, error) {
	srv, err := wire.start(ctx)
	if err != nil {
		return soakResult{}, err
	}
	defer srv.stop()
	res, err := soak(ctx, srv, conns, requests, limit, release)
	if err != nil {
		return res, err
	}
	fmt.Fprintf(progress, "  soak: %d requests in %.1fs, RSS %v MiB, growth over the last half %.2fx\n",
		res.Requests, res.Seconds, res.RSSMiB, res.GrowthLastHalf)
	return res, srv.stop()
}

func soak(ctx context.Context, srv *server, conns, requests int, limit time.Duration, release bool) (soakResult, error) {
	tr := &http.Transport{MaxIdleConns: conns, MaxIdleConnsPerHost: conns, MaxConnsPerHost: conns, DisableCompression: true}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, Timeout: requestTimeout}
	workers := make([]*worker, conns)
	for i := range workers {
		workers[i] = &worker{client: client, base: srv.url, wire: true, release: release, prefix: fmt.Sprintf("s%dn", i)}
	}
	res := soakResult{Conns: conns}
	var mu sync.Mutex
	var sampleErr error
	stop := make(chan struct{})
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		t := time.NewTicker(soakSampleEvery)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
			}
			m, err := readMemory(srv.pid)
			mu.Lock()
			if err != nil {
				sampleErr = err
			} else {
				res.RSSMiB = append(res.RSSMiB, round1(float64(m.RSSKiB)/1024))
			}
			mu.Unlock()
		}
	}()
	start := time.Now()
	made, err := phase(ctx, workers, start.Add(limit), int64(requests), false)
	elapsed := time.Since(start)
	close(stop)
	<-sampled
	if err == nil {
		err = sampleErr
	}
	if err != nil {
		return res, err
	}
	m, err := readMemory(srv.pid)
	if err != nil {
		return res, err
	}
	res.RSSMiB = append(res.RSSMiB, round1(float64(m.RSSKiB)/1024))
	res.PeakMiB = round1(float64(m.PeakKiB) / 1024)
	res.Requests, res.Seconds = int(made), elapsed.Seconds()
	res.ReqPerSec = float64(made) / res.Seconds
	half := res.RSSMiB[:max(len(res.RSSMiB)/2, 1)]
	firstHalfMax := 0.0
	for _, v := range half {
		firstHalfMax = max(firstHalfMax, v)
	}
	res.GrowthLastHalf = ratio(res.RSSMiB[len(res.RSSMiB)-1], firstHalfMax)
	return res, nil
}

func round1(x float64) float64 { return float64(int64(x*10+0.5)) / 10 }
