package wire

import (
	"strconv"
	"time"
)

// finalWriteGrace is how long a stream's last words (the ": shutdown"
// comment) may take to write once its world or the server ends.
const finalWriteGrace = 250 * time.Millisecond

// resetEvent is the SSE event a stream gets when its world is reset: the
// events before it are gone from the server and will not be replayed.
const resetEvent = "reset"

// clearHistory drops every subscribed client's buffered events up to the
// world's event count at the reset (seq), so nothing from before a reset
// reaches a subscriber after it, and marks the reset for the streams.
func (e *worldEntry) clearHistory(seq uint64) {
	e.mu.Lock()
	clients := make([]*eventClient, 0, len(e.clients))
	for _, c := range e.clients {
		clients = append(clients, c)
	}
	e.mu.Unlock()
	for _, c := range clients {
		c.reset(seq)
	}
}

func (c *eventClient) reset(seq uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if seq < c.resetAt {
		seq = c.resetAt
	}
	kept := c.ring[:0:0]
	n := len(c.ring)
	for i := 0; i < n; i++ {
		if f := c.ring[(c.head+i)%n]; f.seq > seq {
			kept = append(kept, f)
		}
	}
	c.ring, c.head = kept, 0
	c.evicted = 0
	c.gen++
	c.resetAt = seq
	if c.newest < seq {
		c.newest = seq
	}
	close(c.notify)
	c.notify = make(chan struct{})
}

// resetSince appends the reset event to buf when the stream (at
// generation gen) has not yet been told of the latest reset, and moves
// its position past the history the reset dropped.
func (c *eventClient) resetSince(buf []byte, last, gen uint64) ([]byte, uint64, uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen == c.gen {
		return buf, last, gen
	}
	buf = append(buf, "id: "...)
	buf = strconv.AppendUint(buf, c.resetAt, 10)
	buf = append(buf, "\nevent: "+resetEvent+"\ndata: {\"seq\":"...)
	buf = strconv.AppendUint(buf, c.resetAt, 10)
	buf = append(buf, "}\n\n"...)
	if last < c.resetAt {
		last = c.resetAt
	}
	return buf, last, c.gen
}
