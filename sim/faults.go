package sim

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/fakemessenger/fakemessenger/hresult"
	"github.com/fakemessenger/fakemessenger/model"
)

// Forever makes a fault hit every matching call.
const Forever = -1

// Fault tells a member to fail, or to take time, on purpose.
type Fault struct {
	// Member is required (case-insensitive, e.g. "InstantMessage").
	Member string `json:"member"`
	// Interface narrows it (e.g. "IMessengerConversationWnd"); "" is any.
	Interface string `json:"interface,omitempty"`
	// Object narrows it to one object ID; "" is any.
	Object string `json:"object,omitempty"`
	// HR is returned instead of running the member; S_OK with a Delay
	// only slows the member down.
	HR hresult.HRESULT `json:"hresult"`
	// Times is how many calls it hits: 1 for once, N, or Forever.
	Times int `json:"times"`
	// Delay is served before the call, outside the world lock
	// (nanoseconds in JSON).
	Delay time.Duration `json:"delay,omitempty"`
}

type faultRule struct {
	id   int
	f    Fault
	left int // Forever, or calls still to hit
}

func (r *faultRule) matches(b *viewBase, m *model.Member) bool {
	if !strings.EqualFold(r.f.Member, m.Name) {
		return false
	}
	if r.f.Interface != "" && !model.ObjectImplements(b.iface, r.f.Interface) {
		return false
	}
	return r.f.Object == "" || r.f.Object == b.id.String()
}

// InjectFault arms a fault and returns its ID. It checks that the member
// exists on some interface, so a typo cannot arm a fault that never fires.
func (w *World) InjectFault(f Fault) (int, error) {
	if f.Times == 0 || f.Times < Forever {
		return 0, errors.New("fault: times must be 1 or more, or Forever (-1)")
	}
	if f.Delay < 0 {
		return 0, errors.New("fault: negative delay")
	}
	if f.HR == hresult.S_OK && f.Delay == 0 {
		return 0, errors.New("fault: neither an HRESULT nor a delay")
	}
	if strings.EqualFold(f.Member, "Release") {
		// IUnknown::Release returns a count, not an HRESULT: it cannot fail.
		return 0, errors.New("fault: Release cannot be made to fail")
	}
	found := false
	for _, it := range model.Interfaces() {
		if f.Interface != "" && !strings.EqualFold(f.Interface, it.Name) {
			continue
		}
		if _, ok := model.LookupMember(it.Name, f.Member); ok {
			found = true
		}
	}
	if !found {
		return 0, fmt.Errorf("fault: no member %q on interface %q", f.Member, f.Interface)
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	w.nextFID++
	w.setFaultsLocked(append(w.faults, &faultRule{id: w.nextFID, f: f, left: f.Times}))
	return w.nextFID, nil
}

// ClearFaults disarms every fault (Reset does too).
func (w *World) ClearFaults() {
	w.mu.Lock()
	w.setFaultsLocked(nil)
	w.mu.Unlock()
}

func (w *World) setFaultsLocked(fs []*faultRule) {
	w.faults = fs
	n := int32(0)
	for _, r := range fs {
		if r.f.Delay > 0 {
			n++
		}
	}
	w.delayFaults.Store(n)
}

// Faults lists the armed faults with the calls each still hits.
func (w *World) Faults() []Fault {
	w.mu.Lock()
	defer w.mu.Unlock()
	out := make([]Fault, 0, len(w.faults))
	for _, r := range w.faults {
		f := r.f
		f.Times = r.left
		out = append(out, f)
	}
	return out
}

// faultDelay is the delay of the first matching delay fault (it does not
// use up the fault; the HRESULT part, if any, does that under the lock).
func (w *World) faultDelay(b *viewBase, m *model.Member) time.Duration {
	if w.delayFaults.Load() == 0 {
		return 0
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, r := range w.faults {
		if r.f.Delay > 0 && r.matches(b, m) {
			if r.f.HR == hresult.S_OK {
				w.useFault(r)
			}
			return r.f.Delay
		}
	}
	return 0
}

func (w *World) faultLocked(b *viewBase, m *model.Member) (hresult.HRESULT, bool) {
	for _, r := range w.faults {
		if r.f.HR != hresult.S_OK && r.matches(b, m) {
			w.useFault(r)
			return r.f.HR, true
		}
	}
	return 0, false
}

func (w *World) useFault(r *faultRule) {
	if r.left == Forever {
		return
	}
	r.left--
	if r.left > 0 {
		return
	}
	for i, x := range w.faults {
		if x == r {
			w.setFaultsLocked(append(w.faults[:i:i], w.faults[i+1:]...))
			return
		}
	}
}
