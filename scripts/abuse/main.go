// Command abuse measures the standalone fake's memory under abuse against
// its default limits: it starts bin/fakemessenger (or -bin) on loopback,
// then sends 1,000,000 distinct GetContact names, 100,000 root-object
// requests and 1,000 event-stream attempts (held open), reading the
// server's RSS from /proc after each phase (Linux only). Run it with
// `go run ./scripts/abuse` after `make build`.
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

func main() {
	bin := flag.String("bin", "bin/fakemessenger", "the fake's binary")
	names := flag.Int("names", 1_000_000, "distinct GetContact names")
	roots := flag.Int("roots", 100_000, "root-object requests")
	streams := flag.Int("streams", 1_000, "event-stream attempts, held open")
	workers := flag.Int("workers", 16, "concurrent clients")
	flag.Parse()

	cmd := exec.Command(*bin, "--listen", "127.0.0.1:0", "--log-level", "error")
	out, err := cmd.StdoutPipe()
	check(err)
	cmd.Stderr = os.Stderr
	check(cmd.Start())
	defer func() { _ = cmd.Process.Signal(os.Interrupt); _ = cmd.Wait() }()
	line, err := bufio.NewReader(out).ReadString('\n')
	check(err)
	base := strings.TrimSpace(strings.TrimPrefix(line, "fakemessenger listening on "))
	pid := cmd.Process.Pid
	fmt.Printf("server %s pid %d; RSS at start %s\n", base, pid, rss(pid))

	tr := &http.Transport{MaxIdleConnsPerHost: *workers}
	hc := &http.Client{Transport: tr, Timeout: 30 * time.Second}
	post := func(path, body string) int {
		req, _ := http.NewRequest("POST", base+path, strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		resp, err := hc.Do(req)
		if err != nil {
			return 0
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if path == "/v1/invoke" && resp.StatusCode == 200 {
			if bytes.Contains(b, []byte(`"E_OUTOFMEMORY"`)) {
				return 1507 // refused by the object limit
			}
		}
		return resp.StatusCode
	}
	run := func(n int, do func(i int) int) map[int]int64 {
		var next atomic.Int64
		counts := make([]map[int]int64, *workers)
		var wg sync.WaitGroup
		for w := 0; w < *workers; w++ {
			counts[w] = map[int]int64{}
			wg.Add(1)
			go func(m map[int]int64) {
				defer wg.Done()
				for {
					i := int(next.Add(1)) - 1
					if i >= n {
						return
					}
					m[do(i)]++
				}
			}(counts[w])
		}
		wg.Wait()
		total := map[int]int64{}
		for _, m := range counts {
			for k, v := range m {
				total[k] += v
			}
		}
		return total
	}

	t0 := time.Now()
	res := run(*names, func(i int) int {
		return post("/v1/invoke", fmt.Sprintf(`{"object":"messenger","member":"GetContact","args":[{"vt":"VT_BSTR","value":"user%d@contoso.com"},{"vt":"VT_BSTR","value":""}]}`, i))
	})
	fmt.Printf("%d GetContact names in %v: 200 S_OK %d, E_OUTOFMEMORY %d, other %v; RSS %s\n",
		*names, time.Since(t0).Round(time.Second), res[200], res[1507], others(res, 200, 1507), rss(pid))

	t0 = time.Now()
	res = run(*roots, func(int) int { return post("/v1/objects", `{"progid":"Communicator.UIAutomation"}`) })
	fmt.Printf("%d root-object requests in %v: 201 %d, 507 %d, other %v; RSS %s\n",
		*roots, time.Since(t0).Round(time.Second), res[201], res[507], others(res, 201, 507), rss(pid))

	var open []*http.Response
	codes := map[int]int{}
	sc := &http.Client{Transport: &http.Transport{MaxConnsPerHost: 0}}
	for i := 0; i < *streams; i++ {
		resp, err := sc.Get(base + "/v1/events")
		if err != nil {
			codes[0]++
			continue
		}
		codes[resp.StatusCode]++
		if resp.StatusCode == 200 {
			open = append(open, resp)
		} else {
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}
	}
	fmt.Printf("%d event-stream attempts: %v (held open: %d); RSS %s\n", *streams, codes, len(open), rss(pid))
	for _, r := range open {
		r.Body.Close()
	}
}

func others(m map[int]int64, skip ...int) map[int]int64 {
	o := map[int]int64{}
	for k, v := range m {
		keep := true
		for _, s := range skip {
			keep = keep && k != s
		}
		if keep {
			o[k] = v
		}
	}
	return o
}

func rss(pid int) string {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return "n/a"
	}
	for _, l := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(l, "VmRSS:") {
			return strings.TrimSpace(strings.TrimPrefix(l, "VmRSS:"))
		}
	}
	return "n/a"
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "abuse:", err)
		os.Exit(1)
	}
}
