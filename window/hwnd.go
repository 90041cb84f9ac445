package window

// Handles hands out HWNDs: non-zero, unique among live windows, and the same
// sequence for the same sequence of calls (no randomness, no reuse until
// the 32-bit space wraps). Real HWNDs are multiples of 2 above 0x10000;
// ours look alike so client code that logs them sees familiar values.
type Handles struct {
	next int32
	live map[int32]struct{}
}

const (
	firstHandle = 0x00010010
	handleStep  = 2
)

// NewHandles starts a deterministic allocator.
func NewHandles() *Handles {
	return &Handles{next: firstHandle, live: make(map[int32]struct{})}
}

// Alloc returns a fresh handle.
func (h *Handles) Alloc() int32 {
	for {
		v := h.next
		h.next += handleStep
		if h.next <= 0 {
			h.next = firstHandle
		}
		if _, taken := h.live[v]; !taken {
			h.live[v] = struct{}{}
			return v
		}
	}
}

// Free returns a handle when its window is destroyed.
func (h *Handles) Free(v int32) { delete(h.live, v) }

// Live is the number of handles in use.
func (h *Handles) Live() int { return len(h.live) }
