package wire

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/fakemessenger/fakemessenger/sim"
)

// The inspector's routes: a snapshot of a world as the live page draws it
// (GET /v1/inspect), one stream of the world's journal and events as they
// happen (GET /v1/inspect/stream), and the page itself (Config.Page at /),
// which carries no world data and so loads without the token.

// inspectBatch bounds the journal entries one wake-up of the stream
// writes, so a reader that starts from a full journal gets it in pieces.
const inspectBatch = 2000

// isPage: the request is for the page's assets, which any browser on the
// listen address may load; everything they show is fetched with the token.
func isPage(r *http.Request) bool {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		return false
	}
	name, ok := strings.CutPrefix(r.URL.Path, "/inspector/")
	return r.URL.Path == "/" || ok && name != "" && !strings.Contains(name, "/")
}

func (s *Server) handlePage(w http.ResponseWriter, r *http.Request) {
	if s.cfg.Page == nil {
		writeProblem(w, http.StatusNotFound, "not-found", "this server serves no inspector page")
		return
	}
	s.cfg.Page.ServeHTTP(w, r)
}

func (s *Server) handleInspect(w http.ResponseWriter, r *http.Request) {
	e, herr := s.worldFor(r)
	if herr != nil {
		writeHTTPError(w, herr)
		return
	}
	writeJSON(w, http.StatusOK, e.world.Inspect())
}

// parseCursor reads "epoch.calls.events", the id of every stream frame.
func parseCursor(v string) (sim.Cursor, error) {
	var c sim.Cursor
	parts := strings.Split(v, ".")
	if len(parts) != 3 {
		return c, fmt.Errorf("cursor %q: want epoch.calls.events", v)
	}
	var err [3]error
	c.Epoch, err[0] = strconv.ParseUint(parts[0], 10, 64)
	c.Calls, err[1] = strconv.ParseUint(parts[1], 10, 64)
	c.Events, err[2] = strconv.ParseUint(parts[2], 10, 64)
	for _, e := range err {
		if e != nil {
			return sim.Cursor{}, fmt.Errorf("cursor %q: want epoch.calls.events, three unsigned integers", v)
		}
	}
	return c, nil
}

func appendCursorID(b []byte, c sim.Cursor) []byte {
	b = append(b, "id: "...)
	b = strconv.AppendUint(b, c.Epoch, 10)
	b = append(b, '.')
	b = strconv.AppendUint(b, c.Calls, 10)
	b = append(b, '.')
	b = strconv.AppendUint(b, c.Events, 10)
	return append(b, '\n')
}

// handleInspectStream sends the journal and the events after the cursor
// (Last-Event-ID or ?cursor=; none means everything retained), then each
// as it happens. Every frame's id is the cursor just after it, so a reader
// that reconnects with the last id it saw gets neither a gap nor a
// duplicate.
func (s *Server) handleInspectStream(w http.ResponseWriter, r *http.Request) {
	e, herr := s.worldFor(r)
	if herr != nil {
		writeHTTPError(w, herr)
		return
	}
	var cur sim.Cursor
	id := r.Header.Get("Last-Event-ID")
	if id == "" {
		id = r.URL.Query().Get("cursor")
	}
	if id != "" {
		c, err := parseCursor(id)
		if err != nil {
			writeHTTPError(w, badRequest("%v", err))
			return
		}
		cur = c
	}
	rc := http.NewResponseController(w)
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	if _, err := w.Write([]byte(": subscribed\n\n")); err != nil || rc.Flush() != nil {
		return
	}
	// A deleted world or a closing server must end even a stream blocked
	// in a write to a reader that stopped reading.
	stop := context.AfterFunc(e.ctx, func() { _ = rc.SetWriteDeadline(time.Now()) })
	defer stop()
	keepalive := time.NewTicker(keepaliveInterval)
	defer keepalive.Stop()

	var buf []byte
	first := true
	for {
		o := e.world.Observe(cur, inspectBatch)
		buf = appendObservation(buf[:0], cur, &o)
		wroteFrame := len(buf) > 0
		if !wroteFrame && !first {
			// woken by a change that made no call and raised no event (a
			// fault armed, a dialog raised): the page refreshes its snapshot
			buf = appendCursorID(buf, o.Next)
			buf = append(buf, "event: changed\ndata: {}\n\n"...)
		}
		first = false
		cur = o.Next
		if len(buf) > 0 && !writeStream(rc, w, buf) {
			return
		}
		if o.More {
			continue
		}
		select {
		case <-o.Changed:
		case <-o.Dialog:
		case <-keepalive.C:
			if !writeStream(rc, w, []byte(": keepalive\n\n")) {
				return
			}
			// nothing changed: wait again without a "changed" frame
			first = true
		case <-r.Context().Done():
			return
		case <-e.ctx.Done():
			return
		}
	}
}

// appendObservation writes o as SSE frames: reset, gap, one "call" per
// journal entry, one "event" per event, each with the cursor after it.
func appendObservation(b []byte, from sim.Cursor, o *sim.Observation) []byte {
	cur := from
	cur.Epoch = o.Next.Epoch
	if o.Reset {
		cur.Calls = 0
		b = appendCursorID(b, cur)
		b = append(b, "event: reset\ndata: {\"epoch\":"...)
		b = strconv.AppendUint(b, cur.Epoch, 10)
		b = append(b, "}\n\n"...)
	}
	if o.CallsLost > 0 || o.EventsLost > 0 {
		b = appendCursorID(b, cur)
		b = append(b, "event: gap\ndata: {\"calls\":"...)
		b = strconv.AppendUint(b, o.CallsLost, 10)
		b = append(b, `,"events":`...)
		b = strconv.AppendUint(b, o.EventsLost, 10)
		b = append(b, "}\n\n"...)
	}
	for i := range o.Calls {
		cur.Calls = o.Calls[i].Seq
		b = appendCursorID(b, cur)
		b = append(b, "event: call\ndata: "...)
		b = appendCall(b, &o.Calls[i])
		b = append(b, "\n\n"...)
	}
	cur.Calls = o.Next.Calls
	for i := range o.Events {
		cur.Events = o.Events[i].Seq
		data, err := json.Marshal(&o.Events[i])
		if err != nil {
			continue // plain strings and numbers: cannot fail
		}
		b = appendCursorID(b, cur)
		b = append(b, "event: event\ndata: "...)
		b = append(b, data...)
		b = append(b, "\n\n"...)
	}
	return b
}
