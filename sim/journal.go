package sim

import (
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/fakemessenger/fakemessenger/hresult"
	"github.com/fakemessenger/fakemessenger/model"
)

// Call is one journal entry: an automation call and what it returned.
type Call struct {
	Seq       uint64           `json:"seq"`
	Time      time.Time        `json:"time"`
	Object    string           `json:"object"`
	Interface string           `json:"interface"`
	Member    string           `json:"member"`
	Kind      model.InvokeKind `json:"kind"`
	Caller    model.CallerKind `json:"caller"`
	Client    int              `json:"client"`
	Args      []model.Variant  `json:"-"`
	HR        hresult.HRESULT  `json:"hresult"`
}

// entry is the journal's compact form: two arguments inline, so recording
// a typical call allocates nothing.
type entry struct {
	seq    uint64
	at     time.Time
	object uuid.UUID
	iface  string // the member's declaring interface (IMessenger::InstantMessage)
	objIf  string // the interface the object presents, for filters
	member string
	kind   model.InvokeKind
	caller model.CallerKind
	client int
	hr     hresult.HRESULT
	nargs  int
	args   [2]model.Variant
	more   []model.Variant
}

// journal is a ring: it keeps the newest cap entries and counts them all.
// It grows in fixed blocks, so filling it never copies what it holds.
type journal struct {
	blocks [][]entry
	n      int // entries held
	cap    int
	next   int // slot the next entry overwrites once full
	total  uint64
}

const journalBlock = 1024

func (j *journal) reset(capacity int) {
	j.blocks, j.n, j.cap, j.next, j.total = nil, 0, capacity, 0, 0
}

func (j *journal) at(i int) *entry { return &j.blocks[i/journalBlock][i%journalBlock] }

// maxJournalString caps a string argument as the journal keeps it, so the
// journal's memory is bounded by entries x this, whatever callers send.
const maxJournalString = 4096

func clip(v model.Variant) model.Variant {
	if v.VT == model.VT_BSTR && len(v.Str) > maxJournalString {
		v.Str = v.Str[:maxJournalString] + "...[" + strconv.Itoa(len(v.Str)-maxJournalString) + " more bytes]"
	}
	return v
}

// add counts a call and returns the slot to record it in, already holding
// its sequence number and (clipped) arguments, or nil when the journal
// keeps nothing. The caller fills in the rest where it lies: an entry is
// never built elsewhere and copied in.
func (j *journal) add(args []model.Variant) *entry {
	j.total++
	if j.cap == 0 {
		return nil
	}
	var e *entry
	if j.n < j.cap {
		if j.n%journalBlock == 0 {
			j.blocks = append(j.blocks, make([]entry, min(journalBlock, j.cap-j.n)))
		}
		e = j.at(j.n)
		j.n++
	} else {
		e = j.at(j.next)
		j.next = (j.next + 1) % j.cap
	}
	*e = entry{seq: j.total} // drop what the slot held, so nothing stale stays reachable
	e.nargs = copy(e.args[:], args)
	for i := range e.nargs {
		e.args[i] = clip(e.args[i])
	}
	if len(args) > len(e.args) {
		e.more = make([]model.Variant, 0, len(args)-len(e.args))
		for _, a := range args[len(e.args):] {
			e.more = append(e.more, clip(a))
		}
	}
	return e
}

func (e *entry) call() Call {
	args := make([]model.Variant, 0, e.nargs+len(e.more))
	args = append(args, e.args[:e.nargs]...)
	args = append(args, e.more...)
	return Call{Seq: e.seq, Time: e.at, Object: e.object.String(), Interface: e.iface,
		Member: e.member, Kind: e.kind, Caller: e.caller, Client: e.client, Args: args, HR: e.hr}
}

// CallFilter selects journal entries; empty fields match everything.
type CallFilter struct {
	Object string // object ID
	Member string // case-insensitive
	// Interface, e.g. "IMessenger": calls on objects that implement it
	// (a conversation window is an IMessengerWindow); case-insensitive.
	Interface string
	// Arg, when set, must equal one of the call's arguments (VT and value).
	Arg *model.Variant
}

func (f CallFilter) match(e *entry) bool {
	if f.Member != "" && !strings.EqualFold(f.Member, e.member) {
		return false
	}
	if f.Interface != "" && !model.ObjectImplements(e.objIf, f.Interface) {
		return false
	}
	if f.Object != "" && f.Object != e.object.String() {
		return false
	}
	if f.Arg != nil {
		for _, a := range e.args[:e.nargs] {
			if sameVariant(a, *f.Arg) {
				return true
			}
		}
		for _, a := range e.more {
			if sameVariant(a, *f.Arg) {
				return true
			}
		}
		return false
	}
	return true
}

func sameVariant(a, b model.Variant) bool {
	if a.VT != b.VT || a.Int != b.Int || a.Float != b.Float || a.Str != b.Str || a.NullStr != b.NullStr || len(a.Array) != len(b.Array) {
		return false
	}
	if a.Obj != b.Obj {
		if a.Obj == nil || b.Obj == nil || a.Obj.ObjectID() != b.Obj.ObjectID() {
			return false
		}
	}
	for i := range a.Array {
		if !sameVariant(a.Array[i], b.Array[i]) {
			return false
		}
	}
	return true
}

// Calls returns the retained journal entries that match, oldest first.
func (w *World) Calls(f CallFilter) []Call {
	w.mu.Lock()
	defer w.mu.Unlock()
	j := &w.journal
	var out []Call
	n := j.n
	start := 0
	if n == j.cap {
		start = j.next
	}
	for i := 0; i < n; i++ {
		e := j.at((start + i) % n)
		if f.match(e) {
			out = append(out, e.call())
		}
	}
	return out
}

// Journal returns every retained call, oldest first.
func (w *World) Journal() []Call { return w.Calls(CallFilter{}) }

// CallCount is how many automation calls were made since the last reset,
// including those the bounded journal no longer holds.
func (w *World) CallCount() uint64 {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.journal.total
}

// LastCall is the newest call to member (any member when ""), if any.
func (w *World) LastCall(member string) (Call, bool) {
	cs := w.Calls(CallFilter{Member: member})
	if len(cs) == 0 {
		return Call{}, false
	}
	return cs[len(cs)-1], true
}
