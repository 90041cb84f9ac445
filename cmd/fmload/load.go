package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// requestTimeout bounds one HTTP request of the load generator.
const requestTimeout = 10 * time.Second

// loadRun is one server process under one connection count.
type loadRun struct {
	Kind      string    `json:"kind"`
	Conns     int       `json:"conns"`
	Round     int       `json:"round"`
	Requests  int       `json:"requests"`
	Ops       int       `json:"ops"`
	Seconds   float64   `json:"seconds"`
	ReqPerSec float64   `json:"reqPerSec"`
	Latency   latencies `json:"latency"`
	Memory    memory    `json:"memory"`

	samples []time.Duration
}

// loadSide pools one kind's runs at one connection count.
type loadSide struct {
	ReqPerSec float64   `json:"reqPerSec"` // all requests / all recorded time
	Latency   latencies `json:"latency"`   // pooled over the runs
	PeakKiB   int64     `json:"peakKiB"`   // the highest VmHWM of its runs
	Runs      []loadRun `json:"runs"`
}

// loadCase is one connection count: both sides and the wire/bare ratios.
type loadCase struct {
	Conns           int      `json:"conns"`
	Bare            loadSide `json:"bare"`
	Wire            loadSide `json:"wire"`
	ThroughputRatio float64  `json:"throughputRatio"` // wire/bare req/s
	P50Ratio        float64  `json:"p50Ratio"`
	P99Ratio        float64  `json:"p99Ratio"`
	PeakRSSRatio    float64  `json:"peakRSSRatio"`
}

// measureLoad runs every connection count `rounds` times per server, bare
// and wire alternating (and swapping who goes first each round), each run
// on a fresh process so its VmHWM is that run's peak.
func measureLoad(ctx context.Context, bare, wire serverSpec, o options, progress io.Writer) ([]loadCase, error) {
	var out []loadCase
	for _, conns := range o.conns {
		c := loadCase{Conns: conns}
		for round := range o.rounds {
			order := []serverSpec{bare, wire}
			if round%2 == 1 {
				order[0], order[1] = wire, bare
			}
			for _, spec := range order {
				srv, err := spec.start(ctx)
				if err != nil {
					return out, err
				}
				r, err := runLoad(ctx, srv, conns, round, o)
				if err == nil {
					r.Memory, err = readMemory(srv.pid)
				}
				if serr := srv.stop(); err == nil {
					err = serr
				}
				if err != nil {
					return out, fmt.Errorf("%s, %d connections: %w", spec.name, conns, err)
				}
				fmt.Fprintf(progress, "  %-4s conns=%-3d round %d: %8.0f req/s  p50 %6.0fus  p99 %6.0fus  peak RSS %6.1f MiB\n",
					r.Kind, conns, round, r.ReqPerSec, r.Latency.P50us, r.Latency.P99us, float64(r.Memory.PeakKiB)/1024)
				if spec.name == "bare" {
					c.Bare.Runs = append(c.Bare.Runs, r)
				} else {
					c.Wire.Runs = append(c.Wire.Runs, r)
				}
			}
		}
		c.Bare.pool()
		c.Wire.pool()
		c.ThroughputRatio = ratio(c.Wire.ReqPerSec, c.Bare.ReqPerSec)
		c.P50Ratio = ratio(c.Wire.Latency.P50us, c.Bare.Latency.P50us)
		c.P99Ratio = ratio(c.Wire.Latency.P99us, c.Bare.Latency.P99us)
		c.PeakRSSRatio = ratio(float64(c.Wire.PeakKiB), float64(c.Bare.PeakKiB))
		out = append(out, c)
	}
	return out, nil
}

func (s *loadSide) pool() {
	var reqs int
	var secs float64
	var all []time.Duration
	for i := range s.Runs {
		r := &s.Runs[i]
		reqs += r.Requests
		secs += r.Seconds
		all = append(all, r.samples...)
		r.samples = nil
		s.PeakKiB = max(s.PeakKiB, r.Memory.PeakKiB)
	}
	s.ReqPerSec = ratio(float64(reqs), secs)
	s.Latency = summarize(all)
}

// runLoad drives one server with conns keep-alive connections: a warm-up,
// then a recorded phase bounded by o.duration and o.maxRequests.
func runLoad(ctx context.Context, srv *server, conns, round int, o options) (loadRun, error) {
	tr := &http.Transport{
		MaxIdleConns: conns, MaxIdleConnsPerHost: conns, MaxConnsPerHost: conns,
		DisableCompression: true, IdleConnTimeout: time.Minute,
	}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, Timeout: requestTimeout}
	workers := make([]*worker, conns)
	for i := range workers {
		workers[i] = &worker{
			client: client, base: srv.url, wire: srv.name == "wire", release: o.release,
			prefix: "r" + strconv.Itoa(round) + "w" + strconv.Itoa(i) + "n",
		}
	}
	if o.warmup > 0 {
		if _, err := phase(ctx, workers, time.Now().Add(o.warmup), 1<<62, false); err != nil {
			return loadRun{}, fmt.Errorf("warm-up: %w", err)
		}
	}
	start := time.Now()
	reqs, err := phase(ctx, workers, start.Add(o.duration), int64(o.maxRequests), true)
	elapsed := time.Since(start)
	if err != nil {
		return loadRun{}, err
	}
	r := loadRun{Kind: srv.name, Conns: conns, Round: round, Requests: int(reqs), Seconds: elapsed.Seconds()}
	for _, w := range workers {
		r.Ops += w.ops
		r.samples = append(r.samples, w.samples...)
		w.samples = nil
	}
	r.ReqPerSec = float64(r.Requests) / r.Seconds
	r.Latency = summarize(r.samples)
	return r, nil
}

// phase runs every worker until the deadline or until budget requests are
// spent, and returns the requests made. The first error stops them all.
func phase(ctx context.Context, workers []*worker, deadline time.Time, budget int64, record bool) (int64, error) {
	ctx, cancel := context.WithDeadline(ctx, deadline.Add(requestTimeout))
	defer cancel()
	var left atomic.Int64
	left.Store(budget)
	var made atomic.Int64
	var wg sync.WaitGroup
	errs := make([]error, len(workers))
	for i, w := range workers {
		w.ops = 0
		wg.Go(func() {
			for time.Now().Before(deadline) && ctx.Err() == nil {
				if left.Add(-int64(w.requestsPerOp())) < 0 {
					return
				}
				n, err := w.op(ctx, record)
				made.Add(int64(n))
				if err != nil {
					errs[i] = err
					cancel()
					return
				}
			}
		})
	}
	wg.Wait()
	return made.Load(), errors.Join(errs...)
}

// worker is one keep-alive connection's loop.
type worker struct {
	client  *http.Client
	base    string
	wire    bool
	release bool
	prefix  string // makes the contact names of this worker distinct
	n       int

	ops     int
	samples []time.Duration
	body    []byte
	reply   bytes.Buffer
}

func (w *worker) requestsPerOp() int {
	switch {
	case !w.wire:
		return 1
	case w.release:
		return 3
	}
	return 2
}

// op is one operation: on the fake, InstantMessage for a new contact, then
// Close (and Release) of the window it returned; on the bare server, the
// same InstantMessage request bytes. Every reply is checked for S_OK.
func (w *worker) op(ctx context.Context, record bool) (requests int, err error) {
	w.n++
	w.body = append(w.body[:0], `{"object":"messenger","member":"InstantMessage","args":[{"vt":"VT_BSTR","value":"`...)
	w.body = append(w.body, w.prefix...)
	w.body = strconv.AppendInt(w.body, int64(w.n), 10)
	w.body = append(w.body, `@example.com"}]}`...)
	if err := w.call(ctx, record); err != nil {
		return 1, fmt.Errorf("InstantMessage: %w", err)
	}
	id, ok := objectOf(w.reply.Bytes())
	if !ok {
		return 1, fmt.Errorf("InstantMessage: no object in the reply %s", w.reply.Bytes())
	}
	if !w.wire {
		w.ops++
		return 1, nil
	}
	for i, m := range windowCleanup[:w.requestsPerOp()-1] {
		w.body = append(w.body[:0], `{"object":"`...)
		w.body = append(w.body, id...)
		w.body = append(w.body, `","member":"`...)
		w.body = append(w.body, m...)
		w.body = append(w.body, `"}`...)
		if err := w.call(ctx, record); err != nil {
			return 2 + i, fmt.Errorf("%s: %w", m, err)
		}
	}
	w.ops++
	return w.requestsPerOp(), nil
}

// windowCleanup is what follows InstantMessage on the window it returned.
var windowCleanup = []string{"Close", "Release"}

var sOK = []byte(`"hresult":"0x00000000"`)

// call POSTs w.body to /v1/invoke, reads the reply into w.reply and checks
// for S_OK; it records the round-trip time when asked.
func (w *worker) call(ctx context.Context, record bool) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, w.base+"/v1/invoke", bytes.NewReader(w.body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	t0 := time.Now()
	resp, err := w.client.Do(req)
	if err != nil {
		return err
	}
	w.reply.Reset()
	_, err = w.reply.ReadFrom(resp.Body)
	resp.Body.Close()
	d := time.Since(t0)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("HTTP %s: %s", resp.Status, bytes.TrimSpace(w.reply.Bytes()))
	}
	if !bytes.Contains(w.reply.Bytes(), sOK) {
		return fmt.Errorf("not S_OK: %s", bytes.TrimSpace(w.reply.Bytes()))
	}
	if record {
		w.samples = append(w.samples, d)
	}
	return nil
}

// objectOf finds the first "object":"<id>" in a reply without decoding
// the whole JSON, so the client's own cost stays the same for both servers.
func objectOf(reply []byte) (string, bool) {
	const key = `"object":"`
	i := bytes.Index(reply, []byte(key))
	if i < 0 {
		return "", false
	}
	rest := reply[i+len(key):]
	j := bytes.IndexByte(rest, '"')
	if j <= 0 {
		return "", false
	}
	return string(rest[:j]), true
}
