package sim

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf16"

	"github.com/fakemessenger/fakemessenger/hresult"
	"github.com/fakemessenger/fakemessenger/model"
	"github.com/fakemessenger/fakemessenger/window"
)

// Groups (IMessenger2::MyGroups, CreateGroup, IMessengerGroups,
// IMessengerGroup) and the world state of issue 7a's other members.

// MaxGroups is how many groups the user may have; CreateGroup past it
// answers MSGR_E_TOO_MANY_GROUPS. The docs give no number: decided.
const MaxGroups = 64

// MaxGroupNameLen is the longest group name, in UTF-16 units after
// trimming; longer is MSGR_E_GROUP_NAME_TOO_LONG. The docs say only "the
// maximum": decided.
const MaxGroupNameLen = 64

// OtherContactsGroup is the read-only group Communicator keeps for
// contacts in no other group (bb758763: it cannot be deleted). A scenario
// that lists a group of this name gets it.
const OtherContactsGroup = "Other Contacts"

// state7a is the part of the world issue 7a adds.
type state7a struct {
	groups         []*groupObj // the user's groups, in order
	groupsColl     *groupsColl
	contactGroups  map[*contactObj]*groupsColl // each contact's groups collection, made on first ask
	groupsDisabled bool
	services       *servicesColl
	service        *serviceObj
	sortOrder      model.MUASORT
	unread         int32
	noInbox        bool
	recvDir        string
	locale         int32
	directory      []ScenarioDirectoryEntry
}

type groupObj struct {
	slot    viewSlot
	name    string
	members []*contactObj
	removed bool // deleted: the object lives on for whoever holds it
	coll    groupContacts
}

// readOnly: the "Other Contacts" group, which cannot be deleted or renamed.
func (g *groupObj) readOnly() bool { return strings.EqualFold(g.name, OtherContactsGroup) }

func (g *groupObj) isMember(ct *contactObj) bool {
	for _, m := range g.members {
		if m == ct {
			return true
		}
	}
	return false
}

// membersLocked lists the group's members as its Contacts collection
// shows them: none while signed out or once the group is deleted, and
// only contacts still on the contact list.
func (g *groupObj) membersLocked(w *World) []*contactObj {
	if !w.signedIn || g.removed {
		return nil
	}
	for i, ct := range g.members {
		if !ct.listed {
			out := append([]*contactObj(nil), g.members[:i]...)
			for _, ct := range g.members[i+1:] {
				if ct.listed {
					out = append(out, ct)
				}
			}
			return out
		}
	}
	return g.members
}

type groupContacts struct {
	slot viewSlot
	g    *groupObj
}

// groupsColl is an IMessengerGroups: the user's groups, or (of set) the
// groups one contact belongs to, which IMessengerContact::Property
// (MCONTACTPROP_GROUPS_PROPERTY) returns.
type groupsColl struct {
	slot viewSlot
	of   *contactObj
}

// Group is IMessengerGroup.
type Group struct {
	viewBase
	model.GroupMethods
	obj *groupObj
}

// Groups is IMessengerGroups: the user's groups, or one contact's.
type Groups struct {
	viewBase
	model.GroupsMethods
	coll *groupsColl
}

var (
	_ model.Group  = (*Group)(nil)
	_ model.Groups = (*Groups)(nil)
)

func (g *groupObj) viewSlot() *viewSlot { return &g.slot }
func (g *groupObj) newView(w *World, c *client) view {
	x := &Group{obj: g}
	x.init(c, w.newID(), model.ClassGroup.Presents(), w, &x.DispatchMethods)
	return x
}

func (g *groupContacts) viewSlot() *viewSlot { return &g.slot }
func (g *groupContacts) newView(w *World, c *client) view {
	x := &Contacts{group: g.g}
	x.init(c, w.newID(), model.ClassContacts.Presents(), w, &x.DispatchMethods)
	return x
}

func (g *groupsColl) viewSlot() *viewSlot { return &g.slot }
func (g *groupsColl) newView(w *World, c *client) view {
	x := &Groups{coll: g}
	x.init(c, w.newID(), model.ClassGroups.Presents(), w, &x.DispatchMethods)
	return x
}

var (
	evOnGroupAdded              = mustEvent(model.OnGroupAdded)
	evOnGroupRemoved            = mustEvent(model.OnGroupRemoved)
	evOnGroupNameChanged        = mustEvent(model.OnGroupNameChanged)
	evOnContactAddedToGroup     = mustEvent(model.OnContactAddedToGroup)
	evOnContactRemovedFromGroup = mustEvent(model.OnContactRemovedFromGroup)
	evOnUnreadEmailChange       = mustEvent(model.OnUnreadEmailChange)
	evOnContactResolved         = mustEvent(model.OnContactResolved)
)

// reset7aLocked builds issue 7a's part of the world from a scenario
// (after the contacts, which the groups refer to).
func (w *World) reset7aLocked(s Scenario) {
	a := &w.area7a
	*a = state7a{
		groupsColl:     &groupsColl{},
		contactGroups:  map[*contactObj]*groupsColl{},
		groupsDisabled: s.GroupsDisabled,
		services:       &servicesColl{},
		service:        &serviceObj{},
		unread:         s.UnreadEmail,
		noInbox:        s.NoInbox,
		recvDir:        s.ReceiveFileDirectory,
		locale:         s.Locale,
		directory:      append([]ScenarioDirectoryEntry(nil), s.Directory...),
	}
	a.sortOrder, _ = model.ParseMUASORT(s.SortOrder)
	if s.SortOrder == "" {
		a.sortOrder = model.MUASORT_GROUPS
	}
	if a.recvDir == "" {
		user, _, _ := strings.Cut(model.NormalizeSigninName(s.User.SigninName), "@")
		a.recvDir = `C:\Documents and Settings\` + user + `\My Documents\My Received Files`
	}
	if a.locale == 0 {
		a.locale = 1033
	}
	for _, name := range s.Groups {
		a.groups = append(a.groups, newGroup(strings.TrimSpace(name)))
	}
	for i, sc := range s.Contacts {
		for _, gn := range sc.Groups {
			if g := a.groupNamed(gn); g != nil && !g.isMember(w.contacts[i]) {
				g.members = append(g.members, w.contacts[i])
			}
		}
	}
}

func newGroup(name string) *groupObj {
	g := &groupObj{name: name}
	g.coll.g = g
	return g
}

// groupNamed finds a live group by name, as Communicator compares them:
// trimmed, case-insensitively.
func (a *state7a) groupNamed(name string) *groupObj {
	name = strings.TrimSpace(name)
	for _, g := range a.groups {
		if strings.EqualFold(g.name, name) {
			return g
		}
	}
	return nil
}

// groupsIn is the groups the called IMessengerGroups holds: the user's,
// or those its contact belongs to.
func groupsIn(c *call) []*groupObj {
	all := c.w.groupsLocked()
	of := c.self.(*Groups).coll.of
	if of == nil {
		return all
	}
	var out []*groupObj
	for _, g := range all {
		if g.isMember(of) {
			out = append(out, g)
		}
	}
	return out
}

func init() {
	contactGroupsProperty = func(c *call, ct *contactObj) hresult.HRESULT {
		a := &c.w.area7a
		if a.groupsDisabled {
			return c.fail(hresult.E_FAIL, "the service has no groups")
		}
		coll := a.contactGroups[ct]
		if coll == nil {
			coll = &groupsColl{of: ct}
			a.contactGroups[ct] = coll
		}
		c.result = dispatchOf(c.w.marshalLocked(c.cl, coll))
		return hresult.S_OK
	}
}

// groupsLocked is what MyGroups shows: nothing while signed out.
func (w *World) groupsLocked() []*groupObj {
	if !w.signedIn {
		return nil
	}
	return w.area7a.groups
}

// checkGroupName applies CreateGroup's name rules (bb758736): leading and
// trailing spaces are trimmed; empty, all spaces, CR or LF is
// E_INVALIDARG; a tab or other non-printable character
// MSGR_E_BAD_GROUP_NAME; more than MaxGroupNameLen MSGR_E_GROUP_NAME_TOO_LONG.
func checkGroupName(s string) (string, hresult.HRESULT, string) {
	if strings.ContainsAny(s, "\r\n") {
		return "", hresult.E_INVALIDARG, "the name contains CR or LF"
	}
	t := strings.Trim(s, " ")
	if t == "" {
		return "", hresult.E_INVALIDARG, "the name is empty or all spaces"
	}
	if strings.ContainsFunc(t, func(r rune) bool { return !unicode.IsPrint(r) }) {
		return "", hresult.MSGR_E_BAD_GROUP_NAME, "the name contains a tab or a non-printable character"
	}
	n := 0
	for _, r := range t {
		n += utf16.RuneLen(r)
	}
	if n > MaxGroupNameLen {
		return "", hresult.MSGR_E_GROUP_NAME_TOO_LONG, fmt.Sprintf("the name is %d characters, the limit is %d", n, MaxGroupNameLen)
	}
	return t, hresult.S_OK, ""
}

// isMyService compares a service ID with the world's as COM compares
// GUIDs: any case, with or without braces.
func (w *World) isMyService(id string) bool {
	if strings.EqualFold(id, w.serviceID) {
		return true // the usual spelling, MyServiceId's, allocates nothing
	}
	if a, b := model.NormalizeGUID(id), model.NormalizeGUID(w.serviceID); a != "" && b != "" {
		return a == b
	}
	// a scenario's service ID need not be a GUID
	return strings.EqualFold(strings.Trim(id, "{}"), strings.Trim(w.serviceID, "{}"))
}

func init() {
	register(model.IMessenger2, map[string]handler{
		"MyGroups":          hMyGroups,
		"CreateGroup":       hCreateGroup,
		"ContactsSortOrder": hContactsSortOrder,
	})
	register(model.IMessengerGroups, map[string]handler{
		"Count": func(c *call) hresult.HRESULT {
			c.result = model.I4(int32(len(groupsIn(c))))
			return hresult.S_OK
		},
		"Item":     hGroupsItem,
		"Remove":   hGroupsRemove,
		"_NewEnum": func(c *call) hresult.HRESULT { return c.newEnum(groupItems(groupsIn(c))) },
	})
	register(model.IMessengerGroup, map[string]handler{
		"Name": hGroupName,
		"Contacts": func(c *call) hresult.HRESULT {
			c.result = dispatchOf(c.w.marshalLocked(c.cl, &groupOf(c).coll))
			return hresult.S_OK
		},
		"AddContact":    hGroupAddContact,
		"RemoveContact": hGroupRemoveContact,
	})
}

var _ = document(model.IMessenger2, "MyGroups",
	cond(hresult.MSGR_E_GROUPS_NOT_ENABLED, ByState, "the service has no groups (scenario groupsDisabled)", "winmessenger/im-imessenger2-mygroups"),
	cond(hresult.E_OUTOFMEMORY, ByFault, "the list could not be built", "winmessenger/im-imessenger2-mygroups"),
)

func hMyGroups(c *call) hresult.HRESULT {
	if c.w.area7a.groupsDisabled {
		return c.fail(hresult.MSGR_E_GROUPS_NOT_ENABLED, "the service does not support groups")
	}
	// signed out: S_OK and a collection with no members (remarks)
	c.result = dispatchOf(c.w.marshalLocked(c.cl, c.w.area7a.groupsColl))
	return hresult.S_OK
}

var _ = document(model.IMessenger2, "CreateGroup",
	cond(hresult.E_POINTER, ByArgs, "bstrName is a NULL BSTR", "bb758736"),
	cond(hresult.E_INVALIDARG, ByArgs, "bstrName empty, all spaces or with CR/LF; vService not a VT_BSTR, NULL, empty, with CR/LF, over 38 characters, or not the service's ID", "bb758736"),
	cond(hresult.MSGR_E_BAD_GROUP_NAME, ByArgs, "bstrName has a tab or a non-printable character", "bb758736"),
	cond(hresult.MSGR_E_GROUP_NAME_TOO_LONG, ByArgs, "bstrName is longer than MaxGroupNameLen after trimming", "bb758736"),
	cond(hresult.MSGR_E_NOT_LOGGED_ON, ByState, "not signed in", "bb758736"),
	cond(hresult.MSGR_E_GROUPS_NOT_ENABLED, ByState, "the service has no groups (scenario groupsDisabled)", "bb758736"),
	cond(hresult.MSGR_E_TOO_MANY_GROUPS, ByState, "the user already has MaxGroups groups (decided: msgrua.h's code for it)", "bb758736"),
)

func hCreateGroup(c *call) hresult.HRESULT {
	w, a := c.w, &c.w.area7a
	name, svc := c.arg(0), c.arg(1)
	if name.NullStr {
		return c.fail(hresult.E_POINTER, "bstrName is NULL")
	}
	if hr := c.checkServiceArg(svc); hr != hresult.S_OK {
		return hr
	}
	t, hr, why := checkGroupName(name.Str)
	if hr != hresult.S_OK {
		return c.fail(hr, "bstrName: "+why)
	}
	if !w.signedIn {
		return c.fail(hresult.MSGR_E_NOT_LOGGED_ON, "not signed in")
	}
	if a.groupsDisabled {
		return c.fail(hresult.MSGR_E_GROUPS_NOT_ENABLED, "the service does not support groups")
	}
	if g := a.groupNamed(t); g != nil {
		// The client finds the name among the user's groups: the request
		// still goes out, and the server's answer is OnGroupAdded with
		// MSGR_E_GROUP_ALREADY_EXISTS and the group that has the name.
		c.result = dispatchOf(w.marshalLocked(c.cl, g))
		w.emitLocked(evOnGroupAdded, evHR(hresult.MSGR_E_GROUP_ALREADY_EXISTS), evObj(g))
		return hresult.S_OK
	}
	if len(a.groups) >= MaxGroups {
		return c.fail(hresult.MSGR_E_TOO_MANY_GROUPS, fmt.Sprintf("the user has %d groups, the limit", len(a.groups)))
	}
	g := newGroup(t)
	a.groups = append(a.groups, g)
	c.result = dispatchOf(w.marshalLocked(c.cl, g))
	w.emitLocked(evOnGroupAdded, evHR(hresult.S_OK), evObj(g))
	return hresult.S_OK
}

// checkServiceArg is CreateGroup's vService rule: a VT_BSTR naming the
// service (Communicator accepts no other type, bb758736).
func (c *call) checkServiceArg(v model.Variant) hresult.HRESULT {
	switch {
	case v.VT == model.VT_BSTR && v.Str == c.w.serviceID && v.Str != "":
		return hresult.S_OK // MyServiceId's own spelling: the common case
	case v.VT != model.VT_BSTR:
		return c.fail(hresult.E_INVALIDARG, "vService is "+v.VT.String()+", not a VT_BSTR service ID")
	case v.NullStr || strings.Trim(v.Str, " ") == "":
		return c.fail(hresult.E_INVALIDARG, "vService is NULL, empty or all spaces")
	case strings.ContainsAny(v.Str, "\r\n"):
		return c.fail(hresult.E_INVALIDARG, "vService contains CR or LF")
	case !model.CheckServiceID(v.Str):
		return c.fail(hresult.E_INVALIDARG, "vService is longer than 38 characters or contains white space")
	case !c.w.isMyService(v.Str):
		return c.fail(hresult.E_INVALIDARG, "vService is not the Communications Service's ID")
	}
	return hresult.S_OK
}

var _ = document(model.IMessenger2, "ContactsSortOrder",
	cond(hresult.E_INVALIDARG, ByArgs, "put: the value is not a MUASORT", "winmessenger/im-imessenger2-contactssortorder"),
	cond(hresult.MSGR_E_NOT_LOGGED_ON, ByState, "not signed in", "winmessenger/im-imessenger2-contactssortorder"),
	cond(hresult.MSGR_E_GROUPS_NOT_ENABLED, ByState, "the service has no groups", "winmessenger/im-imessenger2-contactssortorder"),
	cond(hresult.E_FAIL, ByState, "the main window is closed", "winmessenger/im-imessenger2-contactssortorder"),
)

func hContactsSortOrder(c *call) hresult.HRESULT {
	w, a := c.w, &c.w.area7a
	put := c.kind == model.DISPATCH_PROPERTYPUT
	s := model.MUASORT(c.arg(0).Int)
	if put && s != model.MUASORT_GROUPS && s != model.MUASORT_ONOFFLINE {
		return c.fail(hresult.E_INVALIDARG, s.String()+" is not a MUASORT")
	}
	if !w.signedIn {
		return c.fail(hresult.MSGR_E_NOT_LOGGED_ON, "not signed in")
	}
	if a.groupsDisabled {
		return c.fail(hresult.MSGR_E_GROUPS_NOT_ENABLED, "the service does not support groups")
	}
	if st := w.main.win.State(); st == window.Tray || st == window.Destroyed {
		return c.fail(hresult.E_FAIL, "the main window is closed")
	}
	if put {
		a.sortOrder = s
		return hresult.S_OK
	}
	c.result = model.I4(int32(a.sortOrder))
	return hresult.S_OK
}

var _ = document(model.IMessengerGroups, "Item",
	cond(hresult.E_INVALIDARG, ByArgs, "Index is negative", "bb787256"),
	cond(hresult.E_FAIL, ByArgs, "Index is past the end (offline the collection is empty)", "bb787256"),
)

func hGroupsItem(c *call) hresult.HRESULT {
	gs := groupsIn(c)
	i := c.arg(0).Int
	if i < 0 {
		return c.fail(hresult.E_INVALIDARG, "Index is negative")
	}
	if i >= int64(len(gs)) {
		return c.fail(hresult.E_FAIL, "Index is past the end of the collection")
	}
	c.result = dispatchOf(c.w.marshalLocked(c.cl, gs[i]))
	return hresult.S_OK
}

var _ = document(model.IMessengerGroups, "Remove",
	cond(hresult.E_POINTER, ByArgs, "pGroup is NULL", "bb758763"),
	cond(hresult.E_FAIL, ByArgs, "pGroup is not a group of this messenger (another object, another world, released), or signed out", "bb758763"),
	cond(hresult.E_NOTIMPL, ByCaller, "called by a script", "bb758763"),
	cond(hresult.MSGR_E_CANNOT_DELETE, ByState, "pGroup is the read-only \"Other Contacts\" group", "bb758763"),
)

func hGroupsRemove(c *call) hresult.HRESULT {
	w := c.w
	a := c.arg(0)
	if a.Obj == nil {
		return c.fail(hresult.E_POINTER, "pGroup is NULL")
	}
	x, ok := a.Obj.(*Group)
	if !ok || x.world != w || x.dead {
		return c.fail(hresult.E_FAIL, "pGroup is not in the collection")
	}
	if !w.signedIn {
		return c.fail(hresult.E_FAIL, "signed out: the collection is empty")
	}
	if c.self.(*Groups).coll.of != nil {
		// like a conversation's Contacts: a view of membership, not the list
		return c.fail(hresult.E_FAIL, "a contact's groups collection cannot be changed")
	}
	g := x.obj
	if g.removed {
		// the request reaches the server, which has no such group
		// (OnGroupRemoved, bb758753)
		w.emitLocked(evOnGroupRemoved, evHR(hresult.MSGR_E_GROUP_DOES_NOT_EXIST), evObj(g))
		return hresult.S_OK
	}
	if g.readOnly() {
		return c.fail(hresult.MSGR_E_CANNOT_DELETE, "the \"Other Contacts\" group is read-only")
	}
	w.removeGroupLocked(g)
	return hresult.S_OK
}

// removeGroupLocked deletes a group (its contacts stay on the list) and
// raises OnGroupRemoved.
func (w *World) removeGroupLocked(g *groupObj) {
	a := &w.area7a
	for i, x := range a.groups {
		if x == g {
			a.groups = append(a.groups[:i:i], a.groups[i+1:]...)
			break
		}
	}
	g.removed = true
	w.emitLocked(evOnGroupRemoved, evHR(hresult.S_OK), evObj(g))
}

func groupOf(c *call) *groupObj { return c.self.(*Group).obj }

var _ = document(model.IMessengerGroup, "Contacts",
	cond(hresult.E_OUTOFMEMORY, ByFault, "the list could not be made", "bb787211"),
)

var _ = document(model.IMessengerGroup, "Name",
	cond(hresult.E_OUTOFMEMORY, ByFault, "get: the string could not be made", "bb758716"),
	cond(hresult.E_FAIL, ByState, "put: the group was deleted, is \"Other Contacts\", or the user is signed out (decided)", "bb758716"),
)

// hGroupName: get answers the name (a deleted group keeps its last one).
// put is a request: S_OK, then OnGroupNameChanged with S_OK or the reason
// the server refused (bb758721).
func hGroupName(c *call) hresult.HRESULT {
	w, g := c.w, groupOf(c)
	if c.kind == model.DISPATCH_PROPERTYGET {
		c.result = model.BSTR(g.name)
		return hresult.S_OK
	}
	switch {
	case g.removed:
		return c.fail(hresult.E_FAIL, "the group was deleted")
	case !w.signedIn:
		return c.fail(hresult.E_FAIL, "not signed in")
	case g.readOnly():
		return c.fail(hresult.E_FAIL, "the \"Other Contacts\" group cannot be renamed")
	}
	t, hr, _ := checkGroupName(c.arg(0).Str)
	if hr == hresult.E_INVALIDARG {
		hr = hresult.MSGR_E_BAD_GROUP_NAME
	}
	if hr == hresult.S_OK {
		if other := w.area7a.groupNamed(t); other != nil && other != g {
			hr = hresult.MSGR_E_GROUP_ALREADY_EXISTS
		}
	}
	if hr == hresult.S_OK {
		g.name = t
	}
	w.emitLocked(evOnGroupNameChanged, evHR(hr), evObj(g))
	return hresult.S_OK
}

// groupContactArg resolves AddContact's and RemoveContact's vContact with
// the documented checks, in order: the argument, the sign-in, then the
// contact.
func (c *call) groupContactArg() (*contactObj, hresult.HRESULT) {
	r, hr := c.resolveContactArg(c.arg(0))
	if hr != hresult.S_OK {
		return nil, hr
	}
	if !c.w.signedIn {
		return nil, c.fail(hresult.MSGR_E_NOT_LOGGED_ON, "not signed in")
	}
	if r.isSelf(c.w) {
		return nil, c.fail(hresult.E_FAIL, "the contact is the signed-in user")
	}
	if r.obj == nil || (c.arg(0).VT == model.VT_BSTR && !r.obj.listed) {
		// a name is looked up in the local contact list
		return nil, c.fail(hresult.MSGR_E_USER_NOT_FOUND, quote(r.name)+" is not on the contact list")
	}
	return r.obj, hresult.S_OK
}

var _ = document(model.IMessengerGroup, "AddContact",
	cond(hresult.E_INVALIDARG, ByArgs, "vContact NULL, a NULL or invalid string, not a contact object, or another world's", "bb758792"),
	cond(hresult.MSGR_E_NOT_LOGGED_ON, ByState, "not signed in", "bb758792"),
	cond(hresult.E_FAIL, ByArgs, "vContact is the signed-in user", "bb758792"),
	cond(hresult.MSGR_E_USER_NOT_FOUND, ByArgs, "vContact names nobody on the contact list", "bb758792"),
)

func hGroupAddContact(c *call) hresult.HRESULT {
	w, g := c.w, groupOf(c)
	ct, hr := c.groupContactArg()
	if hr != hresult.S_OK {
		return hr
	}
	switch {
	case g.removed:
		hr = hresult.MSGR_E_GROUP_DOES_NOT_EXIST
	case !ct.listed:
		// a contact object for someone not on the list: the server
		// does not know them
		hr = hresult.MSGR_E_USER_NOT_FOUND
	case !g.isMember(ct):
		g.members = append(g.members, ct)
	}
	w.emitLocked(evOnContactAddedToGroup, evHR(hr), evObj(g), evObj(ct))
	return hresult.S_OK
}

var _ = document(model.IMessengerGroup, "RemoveContact",
	cond(hresult.E_INVALIDARG, ByArgs, "vContact NULL, a NULL or invalid string, not a contact object, or another world's", "winmessenger/im-imessengergroup-removecontact"),
	cond(hresult.MSGR_E_NOT_LOGGED_ON, ByState, "not signed in", "winmessenger/im-imessengergroup-removecontact"),
	cond(hresult.E_FAIL, ByArgs, "vContact is the signed-in user", "winmessenger/im-imessengergroup-removecontact"),
	cond(hresult.MSGR_E_USER_NOT_FOUND, ByArgs, "vContact names nobody on the contact list", "winmessenger/im-imessengergroup-removecontact"),
)

func hGroupRemoveContact(c *call) hresult.HRESULT {
	w, g := c.w, groupOf(c)
	ct, hr := c.groupContactArg()
	if hr != hresult.S_OK {
		return hr
	}
	switch {
	case g.removed:
		hr = hresult.MSGR_E_GROUP_DOES_NOT_EXIST
	case !ct.listed:
		hr = hresult.MSGR_E_USER_NOT_FOUND
	case !g.isMember(ct):
		hr = hresult.MSGR_E_USER_NOT_GROUP_MEMBER
	default:
		g.removeMember(ct)
	}
	w.emitLocked(evOnContactRemovedFromGroup, evHR(hr), evObj(g), evObj(ct))
	return hresult.S_OK
}

func (g *groupObj) removeMember(ct *contactObj) {
	for i, m := range g.members {
		if m == ct {
			g.members = append(g.members[:i:i], g.members[i+1:]...)
			return
		}
	}
}

// state7aLocked fills issue 7a's part of a State snapshot.
func (w *World) state7aLocked(s *State) {
	a := &w.area7a
	s.Groups = []StateGroup{}
	for _, g := range a.groups {
		sg := StateGroup{Name: g.name, Members: []string{}}
		for _, ct := range g.members {
			if ct.listed {
				sg.Members = append(sg.Members, ct.signin)
			}
		}
		s.Groups = append(s.Groups, sg)
	}
	s.UnreadEmail = a.unread
	s.SortOrder = a.sortOrder.String()
}
