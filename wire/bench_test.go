package wire_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/fakemessenger/fakemessenger/wire"
)

// The load the issue measures: InstantMessage then Close over keep-alive
// connections, against a bare net/http handler answering a fixed JSON
// body with the same requests. Each op is three requests (InstantMessage,
// Close, and the Release a well-behaved client does so that a long run
// stays bounded); ns/request is the figure to compare.

var benchConns = []int{1, 8, 64}

// runLoad runs b.N ops spread over conns goroutines, each with its own
// keep-alive connection, and reports ns/request.
func runLoad(b *testing.B, url string, conns int, op func(c *http.Client, url string, worker int) error) {
	b.Helper()
	tr := &http.Transport{MaxIdleConnsPerHost: conns, MaxConnsPerHost: conns}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr}
	var next atomic.Int64
	var failed atomic.Value
	var wg sync.WaitGroup
	b.ReportAllocs()
	b.ResetTimer()
	for w := 0; w < conns; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for next.Add(1) <= int64(b.N) {
				if err := op(client, url, w); err != nil {
					failed.CompareAndSwap(nil, err)
					return
				}
			}
		}()
	}
	wg.Wait()
	b.StopTimer()
	if err, _ := failed.Load().(error); err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(3*b.N), "ns/request")
}

func post(c *http.Client, url string, body []byte) ([]byte, error) {
	resp, err := c.Post(url, "application/json", bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("status %d: %s", resp.StatusCode, data)
	}
	return data, nil
}

type benchReply struct {
	Name   string `json:"name"`
	Result struct {
		Object string `json:"object"`
	} `json:"result"`
}

func invokeOK(c *http.Client, url string, body []byte, want string) (string, error) {
	data, err := post(c, url, body)
	if err != nil {
		return "", err
	}
	var r benchReply
	if err := json.Unmarshal(data, &r); err != nil {
		return "", err
	}
	if r.Name != want {
		return "", fmt.Errorf("%s answered %s", body, data)
	}
	return r.Result.Object, nil
}

// imCloseRelease is one operation of both benchmarks: InstantMessage, then
// Close and Release of the window (the bare handler answers all three with
// its fixed reply, whose window ID it echoes back). Each worker has its own
// contact, so workers never share a window.
func imCloseRelease(c *http.Client, url string, worker int) error {
	im := []byte(`{"object":"messenger","member":"InstantMessage","args":[{"vt":"VT_BSTR","value":"bench` + strconv.Itoa(worker) + `@contoso.com"}]}`)
	win, err := invokeOK(c, url, im, "S_OK")
	if err != nil {
		return err
	}
	if _, err := invokeOK(c, url, []byte(`{"object":"`+win+`","member":"Close"}`), "S_OK"); err != nil {
		return err
	}
	_, err = invokeOK(c, url, []byte(`{"object":"`+win+`","member":"Release"}`), "S_OK")
	return err
}

func BenchmarkInvokeInstantMessageClose(b *testing.B) {
	for _, conns := range benchConns {
		b.Run("conns="+strconv.Itoa(conns), func(b *testing.B) {
			srv, err := wire.NewServer(wire.Config{})
			if err != nil {
				b.Fatal(err)
			}
			ts := httptest.NewServer(srv)
			defer ts.Close()
			defer srv.Close()
			runLoad(b, ts.URL+"/v1/invoke", conns, imCloseRelease)
		})
	}
}

func BenchmarkBareHandler(b *testing.B) {
	reply := []byte(`{"hresult":"0x00000000","name":"S_OK","message":"","result":{"vt":"VT_DISPATCH","object":"0b5bf3a4-8d2e-4f61-9c7a-2f0d6c1e9a55","interface":"IMessengerConversationWnd"}}` + "\n")
	bare := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", strconv.Itoa(len(reply)))
		_, _ = w.Write(reply)
	})
	for _, conns := range benchConns {
		b.Run("conns="+strconv.Itoa(conns), func(b *testing.B) {
			ts := httptest.NewServer(bare)
			defer ts.Close()
			runLoad(b, ts.URL+"/v1/invoke", conns, imCloseRelease)
		})
	}
}

// serve runs one request in process.
func serve(srv http.Handler, method, path, body string) int {
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req := httptest.NewRequest(method, path, rd)
	if method != http.MethodGet {
		// every state-changing request says so, empty bodies included
		req.Header.Set("Content-Type", "application/json")
	}
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, req)
	return rec.Code
}

func BenchmarkCreateDeleteWorld(b *testing.B) {
	const batch = 1000 // bounds the worlds alive at once, whatever b.N is
	srv, err := wire.NewServer(wire.Config{MaxWorlds: batch + 1})
	if err != nil {
		b.Fatal(err)
	}
	defer srv.Close()
	name := func(i int) string { return "w" + strconv.Itoa(i) }
	b.Run("create", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			if code := serve(srv, "POST", "/v1/worlds", `{"name":"`+name(i)+`"}`); code != http.StatusCreated {
				b.Fatalf("create: %d", code)
			}
			if (i+1)%batch == 0 || i == b.N-1 {
				b.StopTimer()
				for j := i - i%batch; j <= i; j++ {
					serve(srv, "DELETE", "/v1/worlds/"+name(j), "")
				}
				b.StartTimer()
			}
		}
	})
	b.Run("delete", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			if i%batch == 0 {
				b.StopTimer()
				for j := i; j < min(i+batch, b.N); j++ {
					serve(srv, "POST", "/v1/worlds", `{"name":"`+name(j)+`"}`)
				}
				b.StartTimer()
			}
			if code := serve(srv, "DELETE", "/v1/worlds/"+name(i), ""); code != http.StatusNoContent {
				b.Fatalf("delete: %d", code)
			}
		}
	})
}

// BenchmarkIdleWorlds holds 10,000 idle worlds and reports what one costs
// in live heap, and the process RSS they add (Linux), per 10,000.
func BenchmarkIdleWorlds(b *testing.B) {
	const n = 10_000
	for i := 0; i < b.N; i++ {
		srv, err := wire.NewServer(wire.Config{MaxWorlds: n + 1})
		if err != nil {
			b.Fatal(err)
		}
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		rss0 := rssBytes()
		for j := 0; j < n; j++ {
			if code := serve(srv, "POST", "/v1/worlds", `{}`); code != http.StatusCreated {
				b.Fatalf("create: %d", code)
			}
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/n, "B/world")
		if rss0 > 0 {
			b.ReportMetric(float64(rssBytes()-rss0)/(1<<20), "MiB-RSS/10k-worlds")
		}
		srv.Close()
	}
}

// rssBytes reads VmRSS from /proc (0 where there is none).
func rssBytes() int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmRSS:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			return kb << 10
		}
	}
	return 0
}

// BenchmarkEventLatency measures, per call, the time from sending a put
// of MyStatus until its OnMyStatusChange arrives on an open event stream,
// next to the call's own round trip; p99 is what the issue bounds.
func BenchmarkEventLatency(b *testing.B) {
	srv, err := wire.NewServer(wire.Config{})
	if err != nil {
		b.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	defer srv.Close()
	resp, err := http.Get(ts.URL + "/v1/events")
	if err != nil {
		b.Fatal(err)
	}
	defer resp.Body.Close()
	events := bufio.NewReader(resp.Body)
	if line, err := events.ReadString('\n'); err != nil || line != ": subscribed\n" {
		b.Fatalf("stream began %q: %v", line, err)
	}
	// nextEvent returns when the blank line ending an event's frame arrives.
	nextEvent := func() (string, error) {
		name := ""
		for {
			line, err := events.ReadString('\n')
			if err != nil {
				return "", err
			}
			if n, ok := strings.CutPrefix(line, "event: "); ok {
				name = strings.TrimSpace(n)
			}
			if line == "\n" && name != "" {
				return name, nil
			}
		}
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 1}}
	defer client.CloseIdleConnections()
	bodies := [][]byte{
		[]byte(`{"object":"messenger","member":"MyStatus","kind":"propput","args":[{"vt":"VT_I4","value":34}]}`),
		[]byte(`{"object":"messenger","member":"MyStatus","kind":"propput","args":[{"vt":"VT_I4","value":10}]}`),
	}
	lat := make([]time.Duration, 0, b.N)
	rtt := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t0 := time.Now()
		got := make(chan error, 1)
		var at time.Time
		go func() {
			name, err := nextEvent()
			at = time.Now()
			if err == nil && name != "OnMyStatusChange" {
				err = fmt.Errorf("event %s, want OnMyStatusChange", name)
			}
			if err == nil {
				_, err = nextEvent() // the user's own OnContactStatusChange
			}
			got <- err
		}()
		if _, err := invokeOK(client, ts.URL+"/v1/invoke", bodies[i%2], "S_OK"); err != nil {
			b.Fatal(err)
		}
		rtt = append(rtt, time.Since(t0))
		if err := <-got; err != nil {
			b.Fatal(err)
		}
		lat = append(lat, at.Sub(t0))
	}
	b.StopTimer()
	b.ReportMetric(float64(percentile(lat, 50).Nanoseconds()), "p50-event-ns")
	b.ReportMetric(float64(percentile(lat, 99).Nanoseconds()), "p99-event-ns")
	b.ReportMetric(float64(percentile(rtt, 99).Nanoseconds()), "p99-call-ns")
}

func percentile(ds []time.Duration, p int) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[(len(s)-1)*p/100]
}
