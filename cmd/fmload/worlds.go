package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"time"
)

// worldsResult is issue 4's isolated-worlds figure: n worlds created one
// after the other on one keep-alive connection, the server's memory, then
// each deleted. Per-request times are what the client sees, so the same
// number of round trips to the bare server is given beside them: the
// difference of the medians is the server's own cost per world.
type worldsResult struct {
	Count          int       `json:"count"`
	Memory0        memory    `json:"memoryBefore"`
	MemoryCreated  memory    `json:"memoryWithWorlds"`
	RSSDeltaMiB    float64   `json:"rssDeltaMiB"`
	Create         latencies `json:"create"`
	Delete         latencies `json:"delete"`
	BareRoundTrip  latencies `json:"bareRoundTrip"`
	CreateNetP50us float64   `json:"createNetP50us"` // create p50 - bare p50
	DeleteNetP50us float64   `json:"deleteNetP50us"`
	// The means include the server's garbage collection, which the
	// medians mostly miss; the targets are judged on these.
	CreateNetMeanUs float64 `json:"createNetMeanUs"` // create mean - bare mean
	DeleteNetMeanUs float64 `json:"deleteNetMeanUs"`
}

func measureWorlds(ctx context.Context, bare, wire serverSpec, n int, progress io.Writer) (worldsResult, error) {
	res := worldsResult{Count: n}
	tr := &http.Transport{MaxIdleConnsPerHost: 1, DisableCompression: true}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, Timeout: requestTimeout}

	// The baseline: n sequential round trips of the same size.
	bs, err := bare.start(ctx)
	if err != nil {
		return res, err
	}
	rt := make([]time.Duration, 0, n)
	for i := range n {
		d, err := roundTrip(ctx, client, http.MethodPost, bs.url+"/v1/worlds", worldBody(i), http.StatusOK)
		if err != nil {
			bs.stop()
			return res, fmt.Errorf("bare: %w", err)
		}
		rt = append(rt, d)
	}
	if err := bs.stop(); err != nil {
		return res, err
	}
	tr.CloseIdleConnections()

	srv, err := wire.start(ctx)
	if err != nil {
		return res, err
	}
	defer srv.stop()
	if err := waitHealthy(ctx, srv.url, healthTimeout); err != nil {
		return res, err
	}
	create, del, err := worldsOn(ctx, client, srv, n, &res)
	if err != nil {
		return res, err
	}
	res.RSSDeltaMiB = float64(res.MemoryCreated.RSSKiB-res.Memory0.RSSKiB) / 1024
	res.Create, res.Delete, res.BareRoundTrip = summarize(create), summarize(del), summarize(rt)
	res.CreateNetP50us = res.Create.P50us - res.BareRoundTrip.P50us
	res.DeleteNetP50us = res.Delete.P50us - res.BareRoundTrip.P50us
	res.CreateNetMeanUs = res.Create.Mean - res.BareRoundTrip.Mean
	res.DeleteNetMeanUs = res.Delete.Mean - res.BareRoundTrip.Mean
	fmt.Fprintf(progress, "  %d worlds: RSS %.1f -> %.1f MiB; create p50 %.0fus, delete p50 %.0fus, bare round trip p50 %.0fus\n",
		n, float64(res.Memory0.RSSKiB)/1024, float64(res.MemoryCreated.RSSKiB)/1024,
		res.Create.P50us, res.Delete.P50us, res.BareRoundTrip.P50us)
	return res, srv.stop()
}

// worldsOn creates n worlds on srv one after the other, reads its memory
// before and with them, then deletes them; it returns each request's time.
func worldsOn(ctx context.Context, client *http.Client, srv *server, n int, res *worldsResult) (create, del []time.Duration, err error) {
	if res.Memory0, err = readMemory(srv.pid); err != nil {
		return nil, nil, err
	}
	create = make([]time.Duration, 0, n)
	for i := range n {
		d, err := roundTrip(ctx, client, http.MethodPost, srv.url+"/v1/worlds", worldBody(i), http.StatusCreated)
		if err != nil {
			return nil, nil, fmt.Errorf("creating world %d: %w", i, err)
		}
		create = append(create, d)
	}
	if res.MemoryCreated, err = readMemory(srv.pid); err != nil {
		return nil, nil, err
	}
	del = make([]time.Duration, 0, n)
	for i := range n {
		d, err := roundTrip(ctx, client, http.MethodDelete, srv.url+"/v1/worlds/"+worldName(i), nil, http.StatusNoContent)
		if err != nil {
			return nil, nil, fmt.Errorf("deleting world %d: %w", i, err)
		}
		del = append(del, d)
	}
	return create, del, nil
}

func worldName(i int) string { return fmt.Sprintf("load-%05d", i) }

func worldBody(i int) []byte { return fmt.Appendf(nil, `{"name":%q}`, worldName(i)) }

// roundTrip makes one request and checks its status.
func roundTrip(ctx context.Context, client *http.Client, method, url string, body []byte, want int) (time.Duration, error) {
	var r io.Reader
	if body != nil {
		r = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, url, r)
	if err != nil {
		return 0, err
	}
	if body != nil || method != http.MethodGet {
		req.Header.Set("Content-Type", "application/json")
	}
	t0 := time.Now()
	resp, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	reply, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	resp.Body.Close()
	d := time.Since(t0)
	if err != nil {
		return 0, err
	}
	if resp.StatusCode != want {
		return 0, fmt.Errorf("%s %s: %s, want %d: %s", method, url, resp.Status, want, bytes.TrimSpace(reply))
	}
	return d, nil
}
