package sim

import (
	"sort"

	"github.com/fakemessenger/fakemessenger/hresult"
	"github.com/fakemessenger/fakemessenger/model"
)

// Reach says how a test makes a member return one of its HRESULTs.
type Reach int

const (
	// ByArgs: the arguments the caller passes.
	ByArgs Reach = iota
	// ByState: the world's state (signed out, a window closed, a full list).
	ByState
	// ByCaller: the kind of caller (a script host).
	ByCaller
	// ByFault: only an injected fault produces it (E_OUTOFMEMORY, say).
	ByFault
)

func (r Reach) String() string {
	return [...]string{"arguments", "world state", "caller", "fault"}[r]
}

// Condition is one documented return value of a member: what it is, how
// a test reaches it, when it happens, and the page that documents it.
type Condition struct {
	Interface string // the declaring interface
	Member    string
	HR        hresult.HRESULT
	Reach     Reach
	When      string
	Doc       string
}

var conditions []Condition

// document records a member's documented return values beside its
// handler, so COVERAGE.md and its tests see them. It returns nothing
// useful; files call it as `var _ = document(...)`.
func document(iface, member string, cs ...Condition) struct{} {
	m, ok := model.LookupMember(iface, member)
	if !ok || m.Interface != iface {
		panic("sim: conditions for undeclared member " + iface + "::" + member)
	}
	for _, c := range cs {
		c.Interface, c.Member = iface, m.Name
		conditions = append(conditions, c)
	}
	return struct{}{}
}

// Conditions lists every documented return value the simulation
// reproduces, sorted by interface and member.
func Conditions() []Condition {
	out := append([]Condition(nil), conditions...)
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Interface != out[j].Interface {
			return out[i].Interface < out[j].Interface
		}
		return out[i].Member < out[j].Member
	})
	return out
}

// cond is shorthand for a Condition in document's lists.
func cond(hr hresult.HRESULT, r Reach, when, doc string) Condition {
	return Condition{HR: hr, Reach: r, When: when, Doc: doc}
}
