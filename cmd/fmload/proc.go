package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// Bounds on waiting for a server process.
const (
	readyTimeout = 10 * time.Second // until the ready line
	stopTimeout  = 3 * time.Second  // after SIGTERM, before SIGKILL
)

// serverSpec says how to start one kind of server process.
type serverSpec struct {
	name string // "bare" or "wire"
	path string
	args []string
	env  []string // added to this process's environment
}

// server is a running server process (or, in tests, an in-process one:
// pid is then this process and stop only closes it).
type server struct {
	name   string
	url    string
	pid    int
	stderr *tailBuffer
	stop   func() error
	// started is when the process was started, for start-to-ready.
	started time.Time
}

// start runs the server and waits for its first stdout line, which must
// end in its URL ("... listening on http://127.0.0.1:PORT").
func (s serverSpec) start(ctx context.Context) (*server, error) {
	cmd := exec.Command(s.path, s.args...)
	if len(s.env) > 0 {
		cmd.Env = append(os.Environ(), s.env...)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	tail := &tailBuffer{max: 4096}
	cmd.Stderr = tail
	started := time.Now()
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting %s server %s: %w", s.name, s.path, err)
	}
	waited := make(chan error, 1)
	var stopOnce sync.Once
	var stopErr error
	srv := &server{name: s.name, pid: cmd.Process.Pid, stderr: tail, started: started}
	srv.stop = func() error {
		stopOnce.Do(func() {
			_ = cmd.Process.Signal(syscall.SIGTERM)
			select {
			case stopErr = <-waited:
			case <-time.After(stopTimeout):
				_ = cmd.Process.Kill()
				<-waited
				stopErr = fmt.Errorf("%s server did not exit within %s of SIGTERM", s.name, stopTimeout)
			}
			if stopErr != nil {
				stopErr = fmt.Errorf("%s server: %w (stderr: %s)", s.name, stopErr, tail.String())
			}
		})
		return stopErr
	}

	lines := make(chan string, 1)
	go func() {
		r := bufio.NewReader(stdout)
		line, err := r.ReadString('\n')
		if err != nil {
			close(lines)
		} else {
			lines <- line
		}
		// Keep draining so the child never blocks on a full pipe; Wait
		// must only run once stdout is read to the end.
		_, _ = io.Copy(io.Discard, r)
		waited <- cmd.Wait()
	}()
	timer := time.NewTimer(readyTimeout)
	defer timer.Stop()
	select {
	case line, ok := <-lines:
		if !ok {
			_ = srv.stop()
			return nil, fmt.Errorf("%s server exited before its ready line (stderr: %s)", s.name, tail.String())
		}
		i := strings.LastIndex(line, " http://")
		if i < 0 {
			_ = srv.stop()
			return nil, fmt.Errorf("%s server's first line %q does not end in its URL", s.name, line)
		}
		srv.url = strings.TrimSpace(line[i+1:])
		if err := checkLoopback(srv.url); err != nil {
			_ = srv.stop()
			return nil, err
		}
		return srv, nil
	case <-timer.C:
		_ = srv.stop()
		return nil, fmt.Errorf("%s server printed no ready line within %s (stderr: %s)", s.name, readyTimeout, tail.String())
	case <-ctx.Done():
		_ = srv.stop()
		return nil, ctx.Err()
	}
}

// checkLoopback refuses to measure anything but 127.0.0.1.
func checkLoopback(raw string) error {
	u, err := url.Parse(raw)
	if err != nil {
		return fmt.Errorf("server URL %q: %w", raw, err)
	}
	if u.Hostname() != "127.0.0.1" {
		return fmt.Errorf("server URL %q: fmload only talks to 127.0.0.1", raw)
	}
	return nil
}

// waitHealthy polls GET /healthz until it answers 200, with a fresh
// connection each time so a failed dial is retried at once.
func waitHealthy(ctx context.Context, base string, limit time.Duration) error {
	deadline := time.Now().Add(limit)
	client := &http.Client{Timeout: time.Second, Transport: &http.Transport{DisableKeepAlives: true}}
	defer client.CloseIdleConnections()
	for tries := 0; ; tries++ {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/healthz", nil)
		if err != nil {
			return err
		}
		resp, err := client.Do(req)
		if err == nil {
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
			err = fmt.Errorf("status %s", resp.Status)
		}
		if time.Now().After(deadline) || ctx.Err() != nil {
			return fmt.Errorf("GET %s/healthz: not ready after %s and %d tries: %w", base, limit, tries+1, err)
		}
		time.Sleep(200 * time.Microsecond)
	}
}

// memory is a process's resident set from /proc/PID/status, in KiB.
type memory struct {
	RSSKiB  int64 `json:"rssKiB"`  // VmRSS now
	PeakKiB int64 `json:"peakKiB"` // VmHWM: the peak over the process's life
}

func readMemory(pid int) (memory, error) {
	data, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return memory{}, fmt.Errorf("reading the server's memory (Linux /proc only): %w", err)
	}
	var m memory
	for _, line := range bytes.Split(data, []byte("\n")) {
		k, v, ok := bytes.Cut(line, []byte(":"))
		if !ok {
			continue
		}
		var dst *int64
		switch string(k) {
		case "VmRSS":
			dst = &m.RSSKiB
		case "VmHWM":
			dst = &m.PeakKiB
		default:
			continue
		}
		f := strings.Fields(string(v))
		if len(f) == 0 {
			continue
		}
		if *dst, err = strconv.ParseInt(f[0], 10, 64); err != nil {
			return memory{}, fmt.Errorf("/proc/%d/status %s: %w", pid, k, err)
		}
	}
	if m.PeakKiB == 0 {
		return memory{}, errors.New("no VmHWM in /proc status")
	}
	return m, nil
}

// tailBuffer keeps the last max bytes written: a server's stderr, for
// error messages, without growing.
type tailBuffer struct {
	mu  sync.Mutex
	max int
	buf []byte
}

func (t *tailBuffer) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.buf = append(t.buf, p...)
	if over := len(t.buf) - t.max; over > 0 {
		t.buf = append(t.buf[:0], t.buf[over:]...)
	}
	return len(p), nil
}

func (t *tailBuffer) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return strings.TrimSpace(string(t.buf))
}
