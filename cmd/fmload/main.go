package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// options are the flags of a measuring run.
type options struct {
	bin         string        // the fakemessenger binary
	self        string        // this binary, re-executed as the bare server
	conns       []int         // connection counts of the load section
	rounds      int           // bare/wire alternations per connection count
	warmup      time.Duration // per load run, not recorded
	duration    time.Duration // per load run, recorded
	maxRequests int           // per load run, recorded
	starts      int           // start-to-ready samples per server
	events      int           // event latency samples
	worlds      int           // worlds created then deleted
	soakReqs    int           // requests of the soak run
	soakTime    time.Duration // time limit of the soak run
	release     bool          // Release each window after Close
	sections    map[string]bool
	jsonOut     string
	timeout     time.Duration // the whole run
}

var allSections = []string{"start", "load", "soak", "events", "worlds"}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("fmload", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var (
		o                  options
		serveBare          bool
		listen, readyFile  string
		conns, only        string
		durationS, warmupS string
	)
	fs.BoolVar(&serveBare, "serve-bare", false, "run the bare baseline server instead of measuring")
	fs.StringVar(&listen, "listen", "127.0.0.1:0", "with -serve-bare: `host:port` to listen on (loopback only)")
	fs.StringVar(&readyFile, "ready-file", "", "with -serve-bare: write the URL to this `file` once listening")
	fs.StringVar(&o.bin, "bin", "", "the fakemessenger `binary` to measure (required)")
	fs.StringVar(&conns, "conns", "1,8,64", "comma-separated keep-alive connection counts")
	fs.IntVar(&o.rounds, "rounds", 3, "bare/fakemessenger alternations per connection count")
	fs.StringVar(&warmupS, "warmup", "300ms", "unrecorded warm-up per load run")
	fs.StringVar(&durationS, "duration", "2s", "recorded time per load run")
	fs.IntVar(&o.maxRequests, "max-requests", 2_000_000, "recorded requests per load run, at most")
	fs.IntVar(&o.starts, "starts", 20, "start-to-ready samples per server")
	fs.IntVar(&o.events, "events", 1000, "event latency samples")
	fs.IntVar(&o.worlds, "worlds", 10_000, "worlds to create and delete")
	fs.IntVar(&o.soakReqs, "soak-requests", 450_000, "requests of the soak run (several journals' worth)")
	fs.DurationVar(&o.soakTime, "soak-time", 60*time.Second, "time limit of the soak run")
	fs.BoolVar(&o.release, "release", true, "Release each window after Close, as a COM client does (false: InstantMessage+Close only)")
	fs.StringVar(&only, "only", strings.Join(allSections, ","), "sections to run: "+strings.Join(allSections, ","))
	fs.StringVar(&o.jsonOut, "json", "", "also write every figure to this JSON `file`")
	fs.DurationVar(&o.timeout, "timeout", 10*time.Minute, "give up after this long")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if serveBare {
		if err := serveBareMain(ctx, listen, readyFile, stdout); err != nil {
			fmt.Fprintf(stderr, "fmload -serve-bare: %v\n", err)
			return 1
		}
		return 0
	}
	var err error
	if o.conns, err = parseInts(conns); err != nil {
		fmt.Fprintf(stderr, "fmload: -conns: %v\n", err)
		return 2
	}
	if o.duration, err = time.ParseDuration(durationS); err != nil || o.duration <= 0 {
		fmt.Fprintf(stderr, "fmload: -duration %q: want a positive duration\n", durationS)
		return 2
	}
	if o.warmup, err = time.ParseDuration(warmupS); err != nil || o.warmup < 0 {
		fmt.Fprintf(stderr, "fmload: -warmup %q: want a duration\n", warmupS)
		return 2
	}
	for name, n := range map[string]int{"-rounds": o.rounds, "-starts": o.starts, "-events": o.events,
		"-worlds": o.worlds, "-max-requests": o.maxRequests, "-soak-requests": o.soakReqs} {
		if n <= 0 {
			fmt.Fprintf(stderr, "fmload: %s %d: want a positive count\n", name, n)
			return 2
		}
	}
	o.sections = map[string]bool{}
	for _, s := range strings.Split(only, ",") {
		if !contains(allSections, s) {
			fmt.Fprintf(stderr, "fmload: -only: unknown section %q (want %s)\n", s, strings.Join(allSections, ","))
			return 2
		}
		o.sections[s] = true
	}
	if o.bin == "" {
		fmt.Fprintln(stderr, "fmload: -bin is required: build cmd/fakemessenger and pass its path")
		return 2
	}
	if o.self, err = os.Executable(); err != nil {
		fmt.Fprintf(stderr, "fmload: finding this binary to run the bare server: %v\n", err)
		return 1
	}
	ctx, cancel := context.WithTimeout(ctx, o.timeout)
	defer cancel()

	rep, err := measure(ctx, o, stderr)
	rep.print(stdout)
	if o.jsonOut != "" {
		if werr := writeJSON(o.jsonOut, rep); werr != nil {
			fmt.Fprintf(stderr, "fmload: %v\n", werr)
			return 1
		}
	}
	if err != nil {
		fmt.Fprintf(stderr, "fmload: %v\n", err)
		return 1
	}
	return 0
}

// measure runs the chosen sections in a fixed order; a failing section
// stops the run but what was measured so far is still reported.
func measure(ctx context.Context, o options, progress io.Writer) (*report, error) {
	rep := &report{Options: reportOptions{
		Conns: o.conns, Rounds: o.rounds, Warmup: o.warmup.String(), Duration: o.duration.String(),
		Starts: o.starts, Events: o.events, Worlds: o.worlds, Release: o.release, SoakRequests: o.soakReqs,
	}}
	bare := serverSpec{name: "bare", path: o.self, args: []string{"-serve-bare", "-listen", "127.0.0.1:0"}}
	wire := serverSpec{name: "wire", path: o.bin, args: []string{"--listen", "127.0.0.1:0", "--log-level", "warn"}}
	steps := []struct {
		name string
		fn   func() error
	}{
		{"start", func() error {
			r, err := measureStart(ctx, bare, wire, o.starts, progress)
			if err == nil {
				rep.Start = &r
			}
			return err
		}},
		{"load", func() (err error) { rep.Load, err = measureLoad(ctx, bare, wire, o, progress); return }},
		{"soak", func() error {
			r, err := measureSoak(ctx, wire, slices.Max(o.conns), o.soakReqs, o.soakTime, o.release, progress)
			if err == nil {
				rep.Soak = &r
			}
			return err
		}},
		{"events", func() error {
			r, err := measureEvents(ctx, wire, o.events, progress)
			if err == nil {
				rep.Events = &r
			}
			return err
		}},
		{"worlds", func() error {
			// the figure is about many idle worlds: lift the server's
			// default cap (64) above the count measured
			many := wire
			many.args = append(append([]string(nil), wire.args...), "--max-worlds", strconv.Itoa(o.worlds+1))
			r, err := measureWorlds(ctx, bare, many, o.worlds, progress)
			if err == nil {
				rep.Worlds = &r
			}
			return err
		}},
	}
	for _, s := range steps {
		if !o.sections[s.name] {
			continue
		}
		fmt.Fprintf(progress, "fmload: %s...\n", s.name)
		if err := s.fn(); err != nil {
			return rep, fmt.Errorf("%s: %w", s.name, err)
		}
	}
	return rep, nil
}

func parseInts(s string) ([]int, error) {
	var out []int
	for _, f := range strings.Split(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n <= 0 || n > 1024 {
			return nil, fmt.Errorf("%q: want positive integers up to 1024", f)
		}
		out = append(out, n)
	}
	return out, nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func writeJSON(path string, v any) error {
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return fmt.Errorf("encoding results: %w", err)
	}
	if err := os.WriteFile(path, append(data, '\n'), 0o644); err != nil {
		return fmt.Errorf("writing results: %w", err)
	}
	return nil
}
