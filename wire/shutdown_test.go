package wire_test

import (
	"context"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/fakemessenger/fakemessenger/sim"
	"github.com/fakemessenger/fakemessenger/wire"
)

// TestShutdownUnderLoad: 64 keep-alive clients hammer the server while it
// shuts down the way cmd/fakemessenger does (http.Server.Shutdown beside
// wire.Server.Shutdown). Every request the server read must be answered:
// a client may find its connection closed before it sends, never after.
// Ten runs.
func TestShutdownUnderLoad(t *testing.T) {
	const clients, runs = 64, 10
	var totalRead, totalAnswered, totalRefused int64
	for run := 0; run < runs; run++ {
		ws, err := wire.NewServer(wire.Config{Clock: sim.NewManualClock(time.Time{})})
		if err != nil {
			t.Fatal(err)
		}
		var read atomic.Int64
		hs := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			read.Add(1)
			ws.ServeHTTP(w, r)
		})}
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		served := make(chan struct{})
		go func() { _ = hs.Serve(ln); close(served) }()
		url := "http://" + ln.Addr().String() + "/v1/invoke"
		body := `{"object":"messenger","member":"MySigninName","kind":"propget"}`

		var answered, refused atomic.Int64
		stop := make(chan struct{})
		var wg sync.WaitGroup
		for i := 0; i < clients; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				tr := &http.Transport{MaxIdleConnsPerHost: 1}
				defer tr.CloseIdleConnections()
				c := &http.Client{Transport: tr, Timeout: 10 * time.Second}
				for {
					select {
					case <-stop:
						return
					default:
					}
					req, _ := http.NewRequest("POST", url, strings.NewReader(body))
					req.Header.Set("Content-Type", "application/json")
					resp, err := c.Do(req)
					if err != nil {
						refused.Add(1) // not read, or read and unanswered: the count tells
						time.Sleep(time.Millisecond)
						continue
					}
					_, _ = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					answered.Add(1)
				}
			}()
		}
		time.Sleep(150 * time.Millisecond)
		hctx, hcancel := context.WithTimeout(context.Background(), 2*time.Second)
		httpDone := make(chan error, 1)
		go func() { httpDone <- hs.Shutdown(hctx) }()
		wctx, wcancel := context.WithTimeout(context.Background(), 1500*time.Millisecond)
		if err := ws.Shutdown(wctx); err != nil {
			t.Errorf("run %d: calls cut at the deadline: %v", run, err)
		}
		if err := <-httpDone; err != nil {
			t.Errorf("run %d: http shutdown: %v", run, err)
		}
		wcancel()
		hcancel()
		<-served
		close(stop)
		wg.Wait()
		if lost := read.Load() - answered.Load(); lost != 0 {
			t.Errorf("run %d: %d requests read but unanswered (read %d, answered %d)", run, lost, read.Load(), answered.Load())
		}
		totalRead += read.Load()
		totalAnswered += answered.Load()
		totalRefused += refused.Load()
	}
	t.Logf("%d runs x %d clients: %d requests read, %d answered, %d attempts refused before being read",
		runs, clients, totalRead, totalAnswered, totalRefused)
}
