package main

import (
	"bufio"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestMakeRunForwardsSIGTERM: `make run` execs the server, so the SIGTERM
// a CI script or IDE sends to make reaches it: the server drains, removes
// its ready file and stops listening, leaving no orphan that would hold
// the port for the next `make run`.
func TestMakeRunForwardsSIGTERM(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	if _, err := exec.LookPath("make"); err != nil {
		t.Skip("no make")
	}
	dir := t.TempDir()
	ready := filepath.Join(dir, "ready")
	cmd := exec.Command("make", "-s", "-C", "../..", "run", "BIN="+filepath.Join(dir, "fm"),
		"ARGS=--listen 127.0.0.1:0 --ready-file "+ready)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line := make(chan string, 1)
	go func() {
		l, _ := bufio.NewReader(stdout).ReadString('\n')
		line <- l
	}()
	select {
	case l := <-line:
		if !strings.HasPrefix(l, "fakemessenger listening on http://127.0.0.1:") {
			t.Fatalf("first stdout line %q", l)
		}
	case <-time.After(2 * time.Minute):
		_ = cmd.Process.Kill()
		t.Fatal("make run printed no ready line")
	}
	url, err := os.ReadFile(ready)
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case <-done: // make itself ends by the signal, as make does
	case <-time.After(5 * time.Second):
		_ = cmd.Process.Kill()
		t.Fatal("make run still running 5 s after SIGTERM")
	}
	// The server removes its ready file only on a clean exit.
	if _, err := os.Stat(ready); !os.IsNotExist(err) {
		t.Errorf("ready file still there: the server did not stop cleanly (%v)", err)
	}
	addr := strings.TrimPrefix(strings.TrimSpace(string(url)), "http://")
	if c, err := (&netDialer{}).dial(addr); err == nil {
		c.Close()
		t.Errorf("something still listens on %s after make run ended", addr)
	}
}

type netDialer struct{}

func (netDialer) dial(addr string) (interface{ Close() error }, error) {
	return net.DialTimeout("tcp", addr, time.Second)
}
