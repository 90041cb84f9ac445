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
	// NullPointer: a NULL [out] pointer, which cannot arise over
	// IDispatch (the result always has somewhere to go). Listed for
	// completeness; a fault can still return the code.
	NullPointer
)

func (r Reach) String() string {
	return [...]string{"arguments", "world state", "caller", "fault", "null [out] pointer"}[r]
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
		if !hasCondition(c) {
			conditions = append(conditions, c)
		}
	}
	return struct{}{}
}

// hasCondition: the same code reached the same way is one condition,
// whichever file recorded it.
func hasCondition(c Condition) bool {
	for _, o := range conditions {
		if o.Interface == c.Interface && o.Member == c.Member && o.HR == c.HR && o.Reach == c.Reach {
			return true
		}
	}
	return false
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
