package fmtest

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/fakemessenger/fakemessenger/hresult"
	"github.com/fakemessenger/fakemessenger/model"
	"github.com/fakemessenger/fakemessenger/sim"
)

// Expectation describes the calls an assertion counts: a member, and
// optionally an interface, a contact, arguments, an HRESULT and any
// predicate. Build one with Member or AnyCall and chain the rest; an
// Expectation is not changed by the assertions that use it.
type Expectation struct {
	member  string
	iface   string
	contact string
	hr      *hresult.HRESULT
	failed  bool
	args    []argCheck
	preds   []pred
}

type argCheck struct {
	i int
	m ArgMatcher
}

type pred struct {
	desc string
	fn   func(sim.Call) bool
}

// Member expects calls to the named member (case-insensitive), on any
// interface.
func Member(name string) *Expectation { return &Expectation{member: name} }

// AnyCall expects calls to any member.
func AnyCall() *Expectation { return &Expectation{} }

func (e *Expectation) clone() *Expectation {
	c := *e
	c.args = append([]argCheck(nil), e.args...)
	c.preds = append([]pred(nil), e.preds...)
	return &c
}

// On narrows the expectation to an interface ("IMessengerConversationWnd").
func (e *Expectation) On(iface string) *Expectation {
	c := e.clone()
	c.iface = iface
	return c
}

// Contact keeps calls that involve the contact: an argument or the result
// that denotes it (its sign-in name as a string, or its contact object),
// or a call made on its contact object. Names compare as Communicator
// compares them: case-insensitive, with or without "sip:". An assertion
// naming a contact the world never saw fails saying so.
func (e *Expectation) Contact(signinName string) *Expectation {
	c := e.clone()
	c.contact = signinName
	return c
}

// Arg requires argument i (from 0) to match m.
func (e *Expectation) Arg(i int, m ArgMatcher) *Expectation {
	c := e.clone()
	c.args = append(c.args, argCheck{i, m})
	return c
}

// Returning requires the call to have returned hr.
func (e *Expectation) Returning(hr hresult.HRESULT) *Expectation {
	c := e.clone()
	c.hr = &hr
	return c
}

// Failing requires the call to have failed (FAILED(hr): S_FALSE did not).
func (e *Expectation) Failing() *Expectation {
	c := e.clone()
	c.failed = true
	return c
}

// Where adds any test on the call; desc says what it checks, for the
// failure message.
func (e *Expectation) Where(desc string, fn func(sim.Call) bool) *Expectation {
	c := e.clone()
	c.preds = append(c.preds, pred{desc, fn})
	return c
}

// String describes the expectation as a failure message shows it.
func (e *Expectation) String() string {
	var parts []string
	what := "any member"
	if e.member != "" {
		what = e.member
	}
	if e.iface != "" {
		what = e.iface + "::" + what
	}
	parts = append(parts, what)
	if e.contact != "" {
		parts = append(parts, "involving contact "+e.contact)
	}
	for _, a := range e.args {
		parts = append(parts, fmt.Sprintf("arg %d %s", a.i, a.m))
	}
	if e.hr != nil {
		parts = append(parts, "returning "+e.hr.String())
	}
	if e.failed {
		parts = append(parts, "failing")
	}
	for _, p := range e.preds {
		parts = append(parts, "where "+p.desc)
	}
	return strings.Join(parts, ", ")
}

// miss is one criterion a call did not meet, with its weight in the
// near-miss ranking: a call to the right member with a wrong argument is
// nearer than a call to another member.
type miss struct {
	what   string
	weight int
}

const memberWeight = 8

// check lists what c lacks; none means it matches.
func (e *Expectation) check(c sim.Call) (misses []miss, score int) {
	add := func(ok bool, weight int, what string) {
		if ok {
			score += weight
		} else {
			misses = append(misses, miss{what, weight})
		}
	}
	if e.member != "" {
		add(strings.EqualFold(c.Member, e.member), memberWeight, "member is "+c.Member+", want "+e.member)
	}
	if e.iface != "" {
		// A member of IMessengerWindow called on a conversation window is
		// a call on an IMessengerConversationWnd too.
		add(strings.EqualFold(c.Interface, e.iface) || model.ObjectImplements(c.ObjectInterface, e.iface), 2,
			"interface is "+c.Interface+" on an "+c.ObjectInterface+", want "+e.iface)
	}
	if e.contact != "" {
		add(Involves(c, e.contact), 4, "does not involve contact "+e.contact)
	}
	for _, a := range e.args {
		if a.i >= len(c.Args) {
			add(false, 2, fmt.Sprintf("has no argument %d", a.i))
			continue
		}
		add(a.m.Match(c.Args[a.i]), 2, fmt.Sprintf("arg %d is %s, want %s", a.i, c.Args[a.i], a.m))
	}
	if e.hr != nil {
		add(c.HR == *e.hr, 1, "returned "+c.HR.String()+", want "+e.hr.String())
	}
	if e.failed {
		add(c.HR.Failed(), 1, "returned "+c.HR.String()+", want a failure")
	}
	for _, p := range e.preds {
		add(p.fn(c), 1, "not "+p.desc)
	}
	return misses, score
}

// Matches reports whether the call meets the expectation.
func (e *Expectation) Matches(c sim.Call) bool {
	m, _ := e.check(c)
	return len(m) == 0
}

// Involves reports whether a journal call involves the contact: made on
// its contact object, or with an argument or result that denotes it. It
// is the journal's contact filter, applied to a call already read.
func Involves(c sim.Call, signinName string) bool {
	if c.Self.SigninName != "" && model.SameSigninName(c.Self.SigninName, signinName) {
		return true
	}
	for _, a := range c.Args {
		if denotes(a, signinName) {
			return true
		}
	}
	return c.Result != nil && denotes(*c.Result, signinName)
}

func denotes(v sim.Value, name string) bool {
	switch {
	case v.VT == model.VT_BSTR && !v.NullStr:
		return model.SameSigninName(v.Str, name)
	case v.VT == model.VT_DISPATCH:
		return v.Identity.SigninName != "" && model.SameSigninName(v.Identity.SigninName, name)
	case v.VT == model.VT_ARRAY|model.VT_VARIANT:
		for _, a := range v.Array {
			if denotes(sim.Value{Variant: a}, name) {
				return true
			}
		}
	}
	return false
}

// ArgMatcher tests one argument of a call.
type ArgMatcher interface {
	Match(v sim.Value) bool
	String() string
}

type argFunc struct {
	desc string
	fn   func(sim.Value) bool
}

func (a argFunc) Match(v sim.Value) bool { return a.fn(v) }
func (a argFunc) String() string         { return a.desc }

// Any matches every argument, present as VT_EMPTY included.
func Any() ArgMatcher { return argFunc{"anything", func(sim.Value) bool { return true }} }

// ContactArg matches an argument that denotes the contact: its sign-in
// name as a string, or its contact object.
func ContactArg(signinName string) ArgMatcher {
	return argFunc{"denoting contact " + signinName, func(v sim.Value) bool { return denotes(v, signinName) }}
}

// Str matches a BSTR argument equal to s (a NULL BSTR is not "").
func Str(s string) ArgMatcher {
	return argFunc{"== " + strconv.Quote(s), func(v sim.Value) bool { return v.VT == model.VT_BSTR && !v.NullStr && v.Str == s }}
}

// ArgWhere matches an argument for which fn is true; desc says what it
// checks.
func ArgWhere(desc string, fn func(sim.Value) bool) ArgMatcher { return argFunc{desc, fn} }
