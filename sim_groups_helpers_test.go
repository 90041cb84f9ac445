package fakemessenger_test

import (
	"context"
	"slices"
	"testing"

	"github.com/fakemessenger/fakemessenger/hresult"
	"github.com/fakemessenger/fakemessenger/model"
	"github.com/fakemessenger/fakemessenger/sim"
)

// groupsWorld is what issue 7a's rows need beyond World: the person's
// group and mail actions. Both transports implement it (below).
type groupsWorld interface {
	CreateGroupAsPerson(ctx context.Context, name string) error
	RenameGroupAsPerson(ctx context.Context, name, newName string) error
	DeleteGroupAsPerson(ctx context.Context, name string) error
	AddContactToGroupAsPerson(ctx context.Context, group, signinName string) error
	RemoveContactFromGroupAsPerson(ctx context.Context, group, signinName string) error
	MoveContactToGroupAsPerson(ctx context.Context, from, to, signinName string) error
	SetUnreadEmailCount(ctx context.Context, n int32) error
}

var (
	_ groupsWorld = (*inProcess)(nil)
	_ groupsWorld = (*wireWorld)(nil)
)

func (x *inProcess) CreateGroupAsPerson(_ context.Context, name string) error {
	return x.p.CreateGroup(name)
}
func (x *inProcess) RenameGroupAsPerson(_ context.Context, name, newName string) error {
	return x.p.RenameGroup(name, newName)
}
func (x *inProcess) DeleteGroupAsPerson(_ context.Context, name string) error {
	return x.p.DeleteGroup(name)
}
func (x *inProcess) AddContactToGroupAsPerson(_ context.Context, g, n string) error {
	return x.p.AddContactToGroup(g, n)
}
func (x *inProcess) RemoveContactFromGroupAsPerson(_ context.Context, g, n string) error {
	return x.p.RemoveContactFromGroup(g, n)
}
func (x *inProcess) MoveContactToGroupAsPerson(_ context.Context, from, to, n string) error {
	return x.p.MoveContactToGroup(from, to, n)
}
func (x *inProcess) SetUnreadEmailCount(_ context.Context, n int32) error {
	return x.p.SetUnreadEmailCount(n)
}

func (x *wireWorld) CreateGroupAsPerson(ctx context.Context, name string) error {
	return x.c.CreateGroup(ctx, name)
}
func (x *wireWorld) RenameGroupAsPerson(ctx context.Context, name, newName string) error {
	return x.c.RenameGroup(ctx, name, newName)
}
func (x *wireWorld) DeleteGroupAsPerson(ctx context.Context, name string) error {
	return x.c.DeleteGroup(ctx, name)
}
func (x *wireWorld) AddContactToGroupAsPerson(ctx context.Context, g, n string) error {
	return x.c.AddContactToGroup(ctx, g, n)
}
func (x *wireWorld) RemoveContactFromGroupAsPerson(ctx context.Context, g, n string) error {
	return x.c.RemoveContactFromGroup(ctx, g, n)
}
func (x *wireWorld) MoveContactToGroupAsPerson(ctx context.Context, from, to, n string) error {
	return x.c.MoveContactToGroup(ctx, from, to, n)
}
func (x *wireWorld) SetUnreadEmailCount(ctx context.Context, n int32) error {
	return x.c.SetUnreadEmailCount(ctx, n)
}

// m7a is the root with issue 7a's typed members (the lead folds them
// into model.Messenger).
func m7a(t *testing.T, m model.Messenger) model.MessengerGroups {
	t.Helper()
	x, ok := m.(model.MessengerGroups)
	if !ok {
		t.Fatalf("%T lacks the group and service members", m)
	}
	return x
}

// load7a replaces the world's scenario on either transport.
func load7a(ctx context.Context, w World, s sim.Scenario) error {
	switch x := w.(type) {
	case *inProcess:
		return x.w.Load(s)
	case *wireWorld:
		return x.c.LoadScenario(ctx, s)
	}
	panic("load7a: unknown transport")
}

// loadScenario7a loads the default scenario as edit changes it.
func loadScenario7a(t *testing.T, ctx context.Context, w World, edit func(*sim.Scenario)) {
	t.Helper()
	s := sim.DefaultScenario()
	edit(&s)
	mustDo(t, "LoadScenario", load7a(ctx, w, s))
}

func mustGroups(t *testing.T, ctx context.Context, m model.Messenger) model.Groups {
	t.Helper()
	gs, err := m7a(t, m).MyGroups(ctx)
	expectHR(t, "MyGroups", err, hresult.S_OK)
	if gs == nil {
		t.Fatal("MyGroups returned no collection")
	}
	return gs
}

// mustGroup finds the group of that name through MyGroups and Item.
func mustGroup(t *testing.T, ctx context.Context, m model.Messenger, name string) model.Group {
	t.Helper()
	gs := mustGroups(t, ctx, m)
	n := mustInt(t, "Groups.Count", gs.Count, ctx)
	for i := range n {
		g, err := gs.Item(ctx, i)
		expectHR(t, "Groups.Item", err, hresult.S_OK)
		if mustString(t, "Group.Name", g.Name, ctx) == name {
			return g
		}
	}
	t.Fatalf("no group named %q", name)
	return nil
}

func groupNames7a(t *testing.T, ctx context.Context, gs model.Groups) []string {
	t.Helper()
	var out []string
	for g, err := range gs.All(ctx) {
		expectHR(t, "For Each over the groups", err, hresult.S_OK)
		out = append(out, mustString(t, "Group.Name", g.Name, ctx))
	}
	return out
}

func memberNames7a(t *testing.T, ctx context.Context, g model.Group) []string {
	t.Helper()
	cs, err := g.Contacts(ctx)
	expectHR(t, "Group.Contacts", err, hresult.S_OK)
	return contactNames(t, ctx, cs)
}

func sameStrings7a(t *testing.T, what string, got, want []string) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Errorf("%s = %q, want %q", what, got, want)
	}
}

// state7a is the part of the state that issue 7a's failures must leave
// alone: groups and members, contacts, mail, sort order, events.
type state7a struct {
	groups   []sim.StateGroup
	contacts []sim.StateContact
	unread   int32
	sort     string
	events   uint64
}

func snapshot7a(t *testing.T, ctx context.Context, w World) state7a {
	t.Helper()
	drain(t, ctx, w)
	s := mustState(t, ctx, w)
	return state7a{s.Groups, s.Contacts, s.UnreadEmail, s.SortOrder, s.Events}
}

func expectUnchanged7a(t *testing.T, ctx context.Context, w World, before state7a, what string) {
	t.Helper()
	after := snapshot7a(t, ctx, w)
	if !slices.EqualFunc(before.groups, after.groups, func(a, b sim.StateGroup) bool {
		return a.Name == b.Name && slices.Equal(a.Members, b.Members)
	}) || !slices.Equal(before.contacts, after.contacts) || before.unread != after.unread ||
		before.sort != after.sort || before.events != after.events {
		t.Errorf("%s changed the world:\nbefore %+v\nafter  %+v", what, before, after)
	}
}

// oneEvent waits for the events so far and returns the only one named.
func oneEvent7a(t *testing.T, ctx context.Context, w World, log *eventLog, name string) model.Event {
	t.Helper()
	drain(t, ctx, w)
	evs := log.named(name)
	if len(evs) != 1 {
		t.Fatalf("%s fired %d times, want 1 (all: %v)", name, len(evs), eventNames(log.events()))
	}
	return evs[0]
}

func evGroup7a(e model.Event) model.Group {
	v, _ := e.Param("pMGroup")
	g, _ := v.Obj.(model.Group)
	return g
}

func expectEventHR7a(t *testing.T, e model.Event, hr hresult.HRESULT) {
	t.Helper()
	if e.HR() != hr {
		t.Errorf("%s hr = %v, want %v", e.Name, e.HR(), hr)
	}
}

// expectFault arms one fault on member and checks call answers it.
func expectFault7a(t *testing.T, ctx context.Context, w World, iface, member string, hr hresult.HRESULT, call func() error) {
	t.Helper()
	mustDo(t, "InjectFault", w.InjectFault(ctx, sim.Fault{Member: member, Interface: iface, HR: hr, Times: 1}))
	expectHR(t, member+" with an injected fault", call(), hr)
	expectHR(t, member+" after the fault", call(), hresult.S_OK)
}
