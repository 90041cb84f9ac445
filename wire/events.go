package wire

import (
	"context"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/fakemessenger/fakemessenger/hresult"
	"github.com/fakemessenger/fakemessenger/model"
	"github.com/fakemessenger/fakemessenger/sim"
)

// keepaliveInterval is how often an idle event stream gets a comment, so
// proxies and clients can tell a quiet stream from a dead one.
var keepaliveInterval = 15 * time.Second

// streamWriteTimeout ends a stream whose reader stopped reading: its
// events stay in the ring for a reconnect with Last-Event-ID.
var streamWriteTimeout = 30 * time.Second

// eventClient is one root object's event sink: the sim subscription only
// appends encoded events to a bounded ring, so a slow or vanished stream
// never stalls a call; streams read the ring at their own pace.
type eventClient struct {
	sub model.Subscription
	max int

	mu      sync.Mutex
	ring    []frame // grows to max, then wraps
	head    int     // index of the oldest frame once full
	evicted uint64  // seq of the newest frame dropped from the ring
	newest  uint64
	notify  chan struct{} // closed and replaced on every event
	// A reset drops the ring: gen counts resets, resetAt is the world's
	// event count at the last one (events up to it are history).
	gen     uint64
	resetAt uint64
}

// frame is one event as its ready SSE text.
type frame struct {
	seq  uint64
	text []byte
}

func (c *eventClient) push(ev model.Event) {
	f := frame{seq: ev.Seq, text: encodeEventFrame(ev)}
	c.mu.Lock()
	if f.seq <= c.resetAt {
		// raised before the last reset, delivered after it: history
		c.mu.Unlock()
		return
	}
	if len(c.ring) < c.max {
		c.ring = append(c.ring, f)
	} else {
		c.evicted = c.ring[c.head].seq
		c.ring[c.head] = f
		c.head = (c.head + 1) % c.max
	}
	c.newest = f.seq
	close(c.notify)
	c.notify = make(chan struct{})
	c.mu.Unlock()
}

// since appends to out the frames after seq last, and reports the range
// lost to eviction, if any. It returns the channel that the next event
// closes.
func (c *eventClient) since(last uint64, out []frame) ([]frame, uint64, uint64, <-chan struct{}) {
	c.mu.Lock()
	defer c.mu.Unlock()
	var gapFrom, gapTo uint64
	if last < c.evicted {
		gapFrom, gapTo = last+1, c.evicted
		last = c.evicted
	}
	n := len(c.ring)
	at := func(i int) frame { return c.ring[(c.head+i)%n] }
	// first logical index with seq > last
	lo, hi := 0, n
	for lo < hi {
		mid := (lo + hi) / 2
		if at(mid).seq <= last {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	for i := lo; i < n; i++ {
		out = append(out, at(i))
	}
	return out, gapFrom, gapTo, c.notify
}

// eventClient returns the sink of a root object, subscribing on first use.
func (e *worldEntry) eventClient(root *sim.Messenger, max, maxClients int) (*eventClient, *httpError) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.closed {
		return nil, errorf(http.StatusServiceUnavailable, "closed", "%v", errClosed)
	}
	id := root.ObjectID()
	if c, ok := e.clients[id]; ok {
		return c, nil
	}
	// Each subscribed root keeps its ring for Last-Event-ID replay after
	// its stream ends, so their number is bounded like the streams'.
	if len(e.clients) >= maxClients {
		return nil, errorf(http.StatusTooManyRequests, "too-many-subscribers",
			"%d root objects of this world already have event buffers, the limit (--max-streams); subscribe through one of them", maxClients)
	}
	c := &eventClient{max: max, notify: make(chan struct{})}
	sub, err := root.Subscribe(context.Background(), c.push)
	if err != nil {
		return nil, hrProblem(http.StatusConflict, "subscribe-failed", err)
	}
	c.sub = sub
	if e.clients == nil {
		e.clients = make(map[string]*eventClient)
	}
	e.clients[id] = c
	return c, nil
}

func (s *Server) handleEvents(w http.ResponseWriter, r *http.Request) {
	e, herr := s.worldFor(r)
	if herr != nil {
		writeHTTPError(w, herr)
		return
	}
	q := r.URL.Query()
	root := e.defaultRoot()
	if id := q.Get("object"); id != "" && id != MessengerAlias {
		obj, ok := e.world.Object(id)
		m, isRoot := obj.(*sim.Messenger)
		if !ok || !isRoot {
			writeHTTPError(w, badRequest("?object=%s is not a root (IMessenger) object of this world", id))
			return
		}
		root = m
	}
	lastID := r.Header.Get("Last-Event-ID")
	if lastID == "" {
		lastID = q.Get("lastEventId")
	}
	var last uint64
	resume := lastID != ""
	if resume {
		n, err := strconv.ParseUint(lastID, 10, 64)
		if err != nil {
			writeHTTPError(w, badRequest("Last-Event-ID %q is not an event sequence number", lastID))
			return
		}
		last = n
	}
	if !s.takeStream() {
		writeHTTPError(w, tooManyStreams(s.cfg.MaxStreams))
		return
	}
	defer s.releaseStream()
	c, herr := e.eventClient(root, s.cfg.EventBuffer, s.cfg.MaxStreams)
	if herr != nil {
		writeHTTPError(w, herr)
		return
	}
	// Without Last-Event-ID the stream starts with the next event. An ID
	// beyond anything this client was sent (a stale ID from another world
	// or server run) is treated the same, rather than hiding new events
	// until the sequence catches up with it.
	c.mu.Lock()
	if !resume || last > c.newest {
		last = c.newest
	}
	// A resume from before the last reset is told of the reset; anyone
	// else starts after it.
	gen := c.gen
	if resume && last < c.resetAt && gen > 0 {
		gen--
	}
	c.mu.Unlock()

	rc := http.NewResponseController(w)
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	// The comment tells the client the subscription exists: events
	// raised from now on will reach it.
	if _, err := w.Write([]byte(": subscribed\n\n")); err != nil {
		return
	}
	if rc.Flush() != nil {
		return
	}
	// A deleted world or a closing server must end even a stream blocked
	// in a write to a client that stopped reading.
	stop := context.AfterFunc(e.ctx, func() { _ = rc.SetWriteDeadline(time.Now().Add(finalWriteGrace)) })
	defer stop()
	keepalive := time.NewTicker(keepaliveInterval)
	defer keepalive.Stop()

	var frames []frame
	var buf []byte
	for {
		var gapFrom, gapTo uint64
		var next <-chan struct{}
		buf = buf[:0]
		buf, last, gen = c.resetSince(buf, last, gen)
		frames, gapFrom, gapTo, next = c.since(last, frames[:0])
		if gapTo != 0 {
			buf = appendGapFrame(buf, gapFrom, gapTo)
			last = gapTo
		}
		for _, f := range frames {
			buf = append(buf, f.text...)
			last = f.seq
		}
		clear(frames) // drop references to frames the ring may evict
		if len(buf) > 0 {
			if !writeStream(rc, w, buf) {
				return
			}
		}
		select {
		case <-next:
		case <-keepalive.C:
			if !writeStream(rc, w, []byte(": keepalive\n\n")) {
				return
			}
		case <-r.Context().Done():
			return
		case <-e.ctx.Done():
			// Tell a reading client why the stream ends (a comment, which
			// every SSE client skips); one that stopped reading is cut
			// at finalWriteGrace.
			reason := ": world deleted\n\n"
			if s.ctx.Err() != nil {
				reason = ": shutdown\n\n"
			}
			if _, err := w.Write([]byte(reason)); err == nil {
				_ = rc.Flush()
			}
			return
		}
	}
}

func writeStream(rc *http.ResponseController, w http.ResponseWriter, b []byte) bool {
	_ = rc.SetWriteDeadline(time.Now().Add(streamWriteTimeout))
	if _, err := w.Write(b); err != nil {
		return false
	}
	return rc.Flush() == nil
}

func appendGapFrame(b []byte, from, to uint64) []byte {
	b = append(b, "id: "...)
	b = strconv.AppendUint(b, to, 10)
	b = append(b, "\nevent: gap\ndata: {\"from\":"...)
	b = strconv.AppendUint(b, from, 10)
	b = append(b, `,"to":`...)
	b = strconv.AppendUint(b, to, 10)
	return append(b, "}\n\n"...)
}

// encodeEventFrame writes an event as SSE text. Each parameter appears
// under its documented name (hr as an HRESULT string, everything else as
// a variant) and again, in documented order, as a variant in args.
func encodeEventFrame(ev model.Event) []byte {
	b := make([]byte, 0, 256)
	b = append(b, "id: "...)
	b = strconv.AppendUint(b, ev.Seq, 10)
	b = append(b, "\nevent: "...)
	b = append(b, ev.Name...)
	b = append(b, "\ndata: "...)
	b = appendEventData(b, ev)
	return append(b, "\n\n"...)
}

func appendEventData(b []byte, ev model.Event) []byte {
	b = append(b, `{"seq":`...)
	b = strconv.AppendUint(b, ev.Seq, 10)
	b = append(b, `,"dispid":`...)
	b = strconv.AppendInt(b, int64(ev.DISPID), 10)
	b = append(b, `,"time":"`...)
	b = ev.Time.UTC().AppendFormat(b, time.RFC3339Nano)
	b = append(b, `","params":{`...)
	for i, p := range ev.Params {
		if i > 0 {
			b = append(b, ',')
		}
		b = model.AppendJSONString(b, p.Name)
		b = append(b, ':')
		if p.Name == "hr" {
			b = model.AppendJSONString(b, hresult.HRESULT(uint32(p.Value.Int)).Hex())
			continue
		}
		b = model.AppendVariantJSON(b, p.Value)
	}
	b = append(b, `},"args":[`...)
	for i, p := range ev.Params {
		if i > 0 {
			b = append(b, ',')
		}
		b = model.AppendVariantJSON(b, p.Value)
	}
	return append(b, "]}"...)
}
