package client

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"runtime"
	"sort"
	"strconv"
	"sync"
	"time"

	"github.com/fakemessenger/fakemessenger/hresult"
	"github.com/fakemessenger/fakemessenger/model"
)

// GapEvent is the Name of the Event a subscription delivers when the
// server's buffer no longer held events it missed while reconnecting:
// Params "from" and "to" (VT_I8) are the first and last lost sequence
// numbers, and Seq is "to". Nothing is lost silently.
const GapEvent = "gap"

// resetEvent is what the server sends a stream when its world is reset.
const resetEvent = "reset"

// Reconnection: after a dropped stream the subscription reconnects with
// Last-Event-ID, waiting reconnectMin, then twice as long each time up to
// reconnectMax, and gives up after maxReconnects failures in a row.
const (
	reconnectMin  = 10 * time.Millisecond
	reconnectMax  = time.Second
	maxReconnects = 8
)

// maxEventLine bounds one line of the event stream.
const maxEventLine = 4 << 20

// Subscription is a connected DMessengerEvents sink over GET /v1/events.
// It satisfies model.Subscription.
type Subscription struct {
	c      *Client
	m      *Messenger
	fn     func(model.Event)
	cancel context.CancelFunc
	ctx    context.Context
	done   chan struct{}
	gid    uint64 // the delivering goroutine, so Close can tell it is called from fn

	mu sync.Mutex
	// base is the world's event count once the first stream was
	// connected: earlier events are not this subscription's to deliver.
	base    uint64
	last    uint64 // highest sequence number delivered (or lost in a gap)
	changed chan struct{}
	err     error
	ended   bool
}

var _ model.Subscription = (*Subscription)(nil)

// Subscribe connects fn to this root's DMessengerEvents (GET /v1/events).
// When it returns, the stream is connected: every event raised afterwards
// reaches fn, in order, one at a time, on one goroutine. Objects in the
// events are this client's proxies, the same values its calls return.
// A dropped stream is reconnected with Last-Event-ID; events the server
// could no longer replay arrive as one GapEvent.
func (m *Messenger) Subscribe(ctx context.Context, fn func(model.Event)) (model.Subscription, error) {
	if fn == nil {
		return nil, hresult.New(hresult.E_POINTER, "IConnectionPoint::Advise", "nil event handler")
	}
	if m.released.Load() {
		return nil, hresult.New(hresult.RPC_E_DISCONNECTED, "IConnectionPoint::Advise", "the messenger object was released")
	}
	if ctx == nil {
		ctx = context.Background()
	}
	c := m.c
	// The stream outlives Subscribe's ctx: only Close ends it.
	sctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	s := &Subscription{c: c, m: m, fn: fn, ctx: sctx, cancel: cancel, done: make(chan struct{}), changed: make(chan struct{})}
	stop := context.AfterFunc(ctx, cancel) // until connected, ctx bounds the attempt
	body, err := s.connect(0, false)
	stopped := stop()
	if err == nil && !stopped {
		body.Close()
		err = ctx.Err()
	}
	if err != nil {
		cancel()
		return nil, err
	}
	if err := s.readBase(ctx); err != nil {
		body.Close()
		cancel()
		return nil, err
	}
	c.mu.Lock()
	c.subs[s] = struct{}{}
	c.mu.Unlock()
	go s.run(body)
	return s, nil
}

// readBase records the world's event count now that the stream is
// connected, which is where Drain starts waiting for this subscription.
func (s *Subscription) readBase(ctx context.Context) error {
	var st struct {
		Events uint64 `json:"events"`
	}
	if err := s.c.do(ctx, http.MethodGet, "/v1/state", nil, nil, &st); err != nil {
		return err
	}
	s.mu.Lock()
	s.base = st.Events
	s.mu.Unlock()
	return nil
}

// connect opens one event stream; resume sends Last-Event-ID: after.
func (s *Subscription) connect(after uint64, resume bool) (io.ReadCloser, error) {
	req, err := s.c.newRequest(s.ctx, s.c.world, http.MethodGet, "/v1/events", url.Values{"object": {s.m.addr()}}, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", "text/event-stream")
	if resume {
		req.Header.Set("Last-Event-ID", strconv.FormatUint(after, 10))
	}
	resp, err := s.c.cfg.hc.Do(req)
	if err != nil {
		return nil, &ProtocolError{Title: "GET /v1/events", Err: err}
	}
	if resp.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
		resp.Body.Close()
		return nil, problemError(resp, b)
	}
	return resp.Body, nil
}

// Close disconnects the sink and waits for its goroutine to end. Called
// from inside the handler it cannot wait for itself: it returns at once
// and the goroutine ends when the handler returns.
func (s *Subscription) Close() error {
	s.cancel()
	s.mu.Lock()
	gid := s.gid
	s.mu.Unlock()
	if goid() != gid {
		<-s.done
	}
	return nil
}

// Done is closed when the subscription has ended: Close, or a stream that
// could not be reconnected (see Err).
func (s *Subscription) Done() <-chan struct{} { return s.done }

// Err is why the subscription ended on its own (the world was deleted,
// the server went away), or nil.
func (s *Subscription) Err() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.err
}

func (s *Subscription) run(body io.ReadCloser) {
	s.mu.Lock()
	s.gid = goid()
	s.mu.Unlock()
	defer s.finish()
	failures := 0
	for {
		progressed, err := s.read(body)
		body.Close()
		if s.ctx.Err() != nil {
			return
		}
		if progressed {
			failures = 0
		}
		for {
			if failures >= maxReconnects {
				s.fail(fmt.Errorf("event stream: gave up after %d reconnection attempts: %w", failures, err))
				return
			}
			if !sleep(s.ctx, backoff(failures)) {
				return
			}
			failures++
			s.mu.Lock()
			after := max(s.last, s.base)
			s.mu.Unlock()
			body, err = s.connect(after, true)
			if err == nil {
				break
			}
			if s.ctx.Err() != nil {
				return
			}
			var pe *ProtocolError
			if errors.As(err, &pe) && pe.Status >= 400 && pe.Status < 500 {
				s.fail(err) // the world is gone, or the request is wrong: retrying will not help
				return
			}
		}
	}
}

func backoff(failures int) time.Duration {
	d := reconnectMin << failures
	if d > reconnectMax || d <= 0 {
		return reconnectMax
	}
	return d
}

func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

func (s *Subscription) fail(err error) {
	s.mu.Lock()
	s.err = err
	s.mu.Unlock()
}

func (s *Subscription) finish() {
	s.c.mu.Lock()
	delete(s.c.subs, s)
	s.c.mu.Unlock()
	s.mu.Lock()
	s.ended = true
	close(s.changed)
	s.changed = make(chan struct{})
	s.mu.Unlock()
	close(s.done)
}

// read delivers the events of one stream until it ends. progressed says
// whether the server sent anything at all (so the next failure counts
// from zero).
func (s *Subscription) read(body io.Reader) (progressed bool, err error) {
	sc := bufio.NewScanner(body)
	sc.Buffer(make([]byte, 0, 4096), maxEventLine)
	var name, id string
	var data []byte
	for sc.Scan() {
		progressed = true
		line := sc.Bytes()
		if len(line) == 0 {
			if len(data) > 0 || name != "" {
				if err := s.dispatch(name, id, data); err != nil {
					return progressed, err
				}
			}
			name, id, data = "", "", data[:0]
			continue
		}
		if line[0] == ':' {
			continue // a comment: the keepalive
		}
		field, value, _ := bytes.Cut(line, []byte(":"))
		value = bytes.TrimPrefix(value, []byte(" "))
		switch string(field) {
		case "event":
			name = string(value)
		case "id":
			id = string(value)
		case "data":
			if len(data) > 0 {
				data = append(data, '\n')
			}
			data = append(data, value...)
		}
	}
	if err := sc.Err(); err != nil {
		return progressed, err
	}
	return progressed, io.ErrUnexpectedEOF
}

type wireEvent struct {
	Seq    uint64                     `json:"seq"`
	DISPID int32                      `json:"dispid"`
	Time   time.Time                  `json:"time"`
	Params map[string]json.RawMessage `json:"params"`
	Args   []json.RawMessage          `json:"args"`
}

// dispatch decodes one SSE message and hands it to fn. A message that
// cannot be read is a protocol error that drops the stream (and so
// resumes after the last good event).
func (s *Subscription) dispatch(name, id string, data []byte) error {
	if name == "" {
		name = "message"
	}
	var e model.Event
	if name == resetEvent {
		// The world was reset: the server dropped its event history. The
		// events that follow are the reset world's; nothing to deliver.
		s.mu.Lock()
		if seq, err := strconv.ParseUint(id, 10, 64); err == nil && seq > s.last {
			s.last = seq
		}
		s.mu.Unlock()
		return nil
	}
	if name == GapEvent {
		var g struct {
			From uint64 `json:"from"`
			To   uint64 `json:"to"`
		}
		if err := json.Unmarshal(data, &g); err != nil {
			return fmt.Errorf("event stream: gap: %w", err)
		}
		e = model.Event{Seq: g.To, Name: GapEvent, Params: []model.Param{
			{Name: "from", Value: model.Variant{VT: model.VT_I8, Int: int64(g.From)}},
			{Name: "to", Value: model.Variant{VT: model.VT_I8, Int: int64(g.To)}},
		}}
	} else {
		var we wireEvent
		if err := json.Unmarshal(data, &we); err != nil {
			return fmt.Errorf("event stream: %s: %w", name, err)
		}
		if we.Seq == 0 && id != "" {
			we.Seq, _ = strconv.ParseUint(id, 10, 64)
		}
		params, err := s.c.eventParams(name, &we)
		if err != nil {
			return fmt.Errorf("event stream: %s: %w", name, err)
		}
		e = model.Event{Seq: we.Seq, Name: name, DISPID: we.DISPID, Time: we.Time, Params: params}
	}
	s.mu.Lock()
	seen := e.Seq != 0 && e.Seq <= s.last
	s.mu.Unlock()
	if seen {
		return nil // replayed twice across a reconnection
	}
	if err := s.ctx.Err(); err != nil {
		return err // closed: what is still buffered is not delivered
	}
	s.fn(e)
	s.mu.Lock()
	if e.Seq > s.last {
		s.last = e.Seq
	}
	close(s.changed)
	s.changed = make(chan struct{})
	s.mu.Unlock()
	return nil
}

// eventParams lists an event's arguments under their documented names, in
// documented order: from "args" when it has them all, else from "params".
func (c *Client) eventParams(name string, we *wireEvent) ([]model.Param, error) {
	var names []string
	if spec, ok := model.LookupEvent(name); ok {
		names = spec.Params
	} else {
		for n := range we.Params {
			names = append(names, n)
		}
		sort.Strings(names)
	}
	if len(we.Args) == len(names) && len(names) > 0 {
		out := make([]model.Param, len(names))
		for i, n := range names {
			v, err := c.decodeVariant(we.Args[i])
			if err != nil {
				return nil, fmt.Errorf("args[%d]: %w", i, err)
			}
			out[i] = model.Param{Name: n, Value: v}
		}
		return out, nil
	}
	out := make([]model.Param, 0, len(names))
	for _, n := range names {
		raw, ok := we.Params[n]
		if !ok {
			continue
		}
		v, err := c.decodeParam(raw)
		if err != nil {
			return nil, fmt.Errorf("params.%s: %w", n, err)
		}
		out = append(out, model.Param{Name: n, Value: v})
	}
	return out, nil
}

// decodeParam reads a named event argument: a VARIANT, an object
// reference, or an HRESULT string ("0x00000000"), which becomes the VT_I4
// the in-process sim delivers for hr.
func (c *Client) decodeParam(raw json.RawMessage) (model.Variant, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) > 0 && raw[0] == '"' {
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return model.Variant{}, err
		}
		hr, err := hresult.Parse(s)
		if err != nil {
			return model.Variant{}, err
		}
		return model.I4(int32(hr)), nil
	}
	var probe struct {
		VT     *string `json:"vt"`
		Object *string `json:"object"`
		Iface  string  `json:"interface"`
	}
	if err := json.Unmarshal(raw, &probe); err == nil && probe.VT == nil && probe.Object != nil {
		return model.Dispatched(c.proxy(*probe.Object, probe.Iface)), nil
	}
	return c.decodeVariant(raw)
}

// Drain waits until every open subscription of this client has delivered
// every event the world had raised when Drain was called (GET /v1/state's
// "events"): the way a test waits for OnIMWindowDestroyed without
// sleeping. A subscription waits only for events after the count the
// world had once its stream was connected (read by Subscribe), so an
// event raised by another goroutine while Subscribe was returning may
// still be on its way when Drain returns. A subscription whose root was
// released, or whose stream ended, is not waited for. Do not call Drain
// from inside an event handler.
func (c *Client) Drain(ctx context.Context) error {
	if ctx == nil {
		ctx = context.Background()
	}
	var st struct {
		Events uint64 `json:"events"`
	}
	if err := c.do(ctx, http.MethodGet, "/v1/state", nil, nil, &st); err != nil {
		return err
	}
	c.mu.Lock()
	subs := make([]*Subscription, 0, len(c.subs))
	for s := range c.subs {
		subs = append(subs, s)
	}
	c.mu.Unlock()
	for _, s := range subs {
		if err := s.waitFor(ctx, st.Events); err != nil {
			return err
		}
	}
	return nil
}

func (s *Subscription) waitFor(ctx context.Context, n uint64) error {
	for {
		s.mu.Lock()
		ok := s.ended || n <= s.base || s.last >= n || s.m.released.Load()
		changed := s.changed
		s.mu.Unlock()
		if ok {
			return nil
		}
		select {
		case <-changed:
		case <-s.ctx.Done():
			return nil // closed meanwhile
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// goid is the current goroutine's ID. Close uses it only to tell whether
// the event handler itself is closing its subscription, where waiting for
// the handler's goroutine would wait forever.
func goid() uint64 {
	var buf [64]byte
	n := runtime.Stack(buf[:], false)
	b := bytes.TrimPrefix(buf[:n], []byte("goroutine "))
	if i := bytes.IndexByte(b, ' '); i > 0 {
		id, _ := strconv.ParseUint(string(b[:i]), 10, 64)
		return id
	}
	return 0
}
