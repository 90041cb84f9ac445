package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
)

// eventTimeout bounds the wait for one event on the stream.
const eventTimeout = 2 * time.Second

// eventResult is the time from sending an InstantMessage until its
// OnIMWindowCreated arrives on a /v1/events stream; the reply's own
// round trip is given beside it.
type eventResult struct {
	Latency latencies `json:"latency"`
	Reply   latencies `json:"reply"`
}

// sseEvent is one event read off the stream.
type sseEvent struct {
	name   string
	object string // the first object id in its data (pIMWindow here)
	at     time.Time
}

// measureEvents subscribes to the default messenger's events, then makes
// n InstantMessage calls one after the other, each followed by Close and
// Release of its window.
func measureEvents(ctx context.Context, wire serverSpec, n int, progress io.Writer) (eventResult, error) {
	srv, err := wire.start(ctx)
	if err != nil {
		return eventResult{}, err
	}
	defer srv.stop()
	res, err := eventLatency(ctx, srv.url, n)
	if err == nil {
		fmt.Fprintf(progress, "  event latency: p50 %.0fus  p99 %.0fus  max %.0fus (reply p99 %.0fus)\n",
			res.Latency.P50us, res.Latency.P99us, res.Latency.MaxUs, res.Reply.P99us)
	}
	return res, err
}

func eventLatency(ctx context.Context, base string, n int) (eventResult, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	events, err := subscribe(ctx, base)
	if err != nil {
		return eventResult{}, err
	}
	tr := &http.Transport{MaxIdleConnsPerHost: 1, DisableCompression: true}
	defer tr.CloseIdleConnections()
	w := &worker{client: &http.Client{Transport: tr, Timeout: requestTimeout}, base: base, wire: true, release: true, prefix: "ev"}

	// The stream may be connected before the server has subscribed to the
	// sim: the first calls are a warm-up that waits for the first event.
	warm := false
	for range 5 {
		if _, _, err := w.timedOp(ctx, events); err == nil {
			warm = true
			break
		} else if !errors.Is(err, errNoEvent) {
			return eventResult{}, err
		}
	}
	if !warm {
		return eventResult{}, errors.New("no OnIMWindowCreated arrived on /v1/events after 5 InstantMessage calls")
	}
	lat := make([]time.Duration, 0, n)
	reply := make([]time.Duration, 0, n)
	for range n {
		e, r, err := w.timedOp(ctx, events)
		if err != nil {
			return eventResult{}, err
		}
		lat = append(lat, e)
		reply = append(reply, r)
	}
	return eventResult{Latency: summarize(lat), Reply: summarize(reply)}, nil
}

var errNoEvent = errors.New("no OnIMWindowCreated event for the window")

// timedOp makes one InstantMessage, waits for its event, then closes and
// releases the window. It returns send-to-event and send-to-reply times.
func (w *worker) timedOp(ctx context.Context, events <-chan sseEvent) (event, reply time.Duration, err error) {
	w.n++
	w.body = append(w.body[:0], `{"object":"messenger","member":"InstantMessage","args":[{"vt":"VT_BSTR","value":"ev`...)
	w.body = fmt.Appendf(w.body, "%d@example.com\"}]}", w.n)
	t0 := time.Now()
	if err := w.call(ctx, false); err != nil {
		return 0, 0, fmt.Errorf("InstantMessage: %w", err)
	}
	reply = time.Since(t0)
	id, ok := objectOf(w.reply.Bytes())
	if !ok {
		return 0, 0, fmt.Errorf("InstantMessage: no object in the reply %s", w.reply.Bytes())
	}
	timer := time.NewTimer(eventTimeout)
	defer timer.Stop()
wait:
	for {
		select {
		case e, ok := <-events:
			if !ok {
				return 0, 0, errors.New("the event stream ended")
			}
			if e.name == "OnIMWindowCreated" && e.object == id {
				event = e.at.Sub(t0)
				break wait
			}
		case <-timer.C:
			err = errNoEvent
			break wait
		case <-ctx.Done():
			return 0, 0, ctx.Err()
		}
	}
	for _, m := range windowCleanup {
		w.body = fmt.Appendf(w.body[:0], `{"object":%q,"member":%q}`, id, m)
		if cerr := w.call(ctx, false); cerr != nil {
			return 0, 0, fmt.Errorf("%s: %w", m, cerr)
		}
	}
	return event, reply, err
}

// subscribe opens GET /v1/events and returns the window-created events as
// they arrive, stamped on arrival. The channel closes when the stream ends.
func subscribe(ctx context.Context, base string) (<-chan sseEvent, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/v1/events", nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", "text/event-stream")
	resp, err := (&http.Client{Transport: &http.Transport{DisableCompression: true}}).Do(req)
	if err != nil {
		return nil, fmt.Errorf("GET /v1/events: %w", err)
	}
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/event-stream") {
		body, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
		resp.Body.Close()
		return nil, fmt.Errorf("GET /v1/events: %s %q: %s", resp.Status, resp.Header.Get("Content-Type"), body)
	}
	out := make(chan sseEvent, 256)
	go func() {
		defer close(out)
		defer resp.Body.Close()
		readSSE(resp.Body, func(name, data string) {
			if name != "OnIMWindowCreated" {
				return
			}
			e := sseEvent{name: name, at: time.Now()}
			e.object, _ = objectOf([]byte(data))
			select {
			case out <- e:
			case <-ctx.Done():
			}
		})
	}()
	return out, nil
}

// readSSE parses a Server-Sent Events stream (event: and data: fields;
// comments and id: are skipped) until it ends.
func readSSE(r io.Reader, fn func(name, data string)) {
	br := bufio.NewReaderSize(r, 64<<10)
	var name string
	var data strings.Builder
	for {
		line, err := br.ReadString('\n')
		if err != nil && line == "" {
			return // the stream ended; an event without its blank line is dropped, as the SSE spec says
		}
		line = strings.TrimRight(line, "\r\n")
		switch {
		case line == "":
			if data.Len() > 0 || name != "" {
				fn(name, data.String())
			}
			name = ""
			data.Reset()
		case strings.HasPrefix(line, "event:"):
			name = strings.TrimSpace(line[len("event:"):])
		case strings.HasPrefix(line, "data:"):
			if data.Len() > 0 {
				data.WriteByte('\n')
			}
			data.WriteString(strings.TrimPrefix(line[len("data:"):], " "))
		}
		if err != nil {
			return
		}
	}
}
