package window

// Handles hands out HWNDs: non-zero, unique among live windows, and the same
// sequence for the same sequence of calls (no randomness). Real HWNDs are
// even values above 0x10000; ours look alike so client code that logs them
// sees familiar values.
//
// Until the 31-bit counter wraps (about a billion windows) every value is
// new, so Handles only counts: no set to hash into on the InstantMessage
// path. At the first wrap it asks LiveNow for the handles still in use and
// from then on skips those it is told are live.
type Handles struct {
	next    int32
	live    int
	wrapped bool
	inUse   map[int32]struct{} // only after the first wrap
	// LiveNow lists the live handles; the owner sets it so that a wrap
	// never hands out a handle still in use.
	LiveNow func() []int32
}

const (
	firstHandle = 0x00010010
	handleStep  = 2
)

// NewHandles starts a deterministic allocator.
func NewHandles() *Handles {
	return &Handles{next: firstHandle}
}

// Alloc returns a fresh handle.
func (h *Handles) Alloc() int32 {
	for {
		v := h.next
		h.next += handleStep
		if h.next <= 0 { // overflowed: start again from the bottom
			h.next = firstHandle
			if !h.wrapped {
				h.wrapped = true
				h.inUse = make(map[int32]struct{})
				if h.LiveNow != nil {
					for _, x := range h.LiveNow() {
						h.inUse[x] = struct{}{}
					}
				}
			}
		}
		if h.wrapped {
			if _, taken := h.inUse[v]; taken {
				continue
			}
			h.inUse[v] = struct{}{}
		}
		h.live++
		return v
	}
}

// Free returns a handle when its window is destroyed. Call it once per
// handle: before a wrap nothing records which handles are out.
func (h *Handles) Free(v int32) {
	if h.wrapped {
		if _, ok := h.inUse[v]; !ok {
			return
		}
		delete(h.inUse, v)
	}
	h.live--
}

// Live is the number of handles in use.
func (h *Handles) Live() int { return h.live }
