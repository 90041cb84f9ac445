package sim

import (
	"errors"
	"fmt"

	"github.com/fakemessenger/fakemessenger/hresult"
	"github.com/fakemessenger/fakemessenger/model"
)

// The person's group and mail actions: what they do in the Communicator
// UI (or what the server does) reaches the client as the group events
// and OnUnreadEmailChange.

// ErrNoSuchGroup: the user has no group of that name.
var ErrNoSuchGroup = errors.New("no such group")

func (p *Person) groupLocked(name string) (*groupObj, error) {
	if !p.w.signedIn {
		return nil, errors.New("not signed in")
	}
	g := p.w.area7a.groupNamed(name)
	if g == nil {
		return nil, fmt.Errorf("%w: %q", ErrNoSuchGroup, name)
	}
	return g, nil
}

func (p *Person) listedLocked(signinName string) (*contactObj, error) {
	ct := p.w.byName[model.NormalizeSigninName(signinName)]
	if ct == nil || !ct.listed {
		return nil, fmt.Errorf("%q is not on the contact list", signinName)
	}
	return ct, nil
}

// CreateGroup is the person adding a group in the UI: OnGroupAdded (S_OK).
func (p *Person) CreateGroup(name string) error {
	w := p.w
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.signedIn {
		return errors.New("not signed in")
	}
	if w.area7a.groupsDisabled {
		return errors.New("the service does not support groups")
	}
	t, hr, why := checkGroupName(name)
	if hr != hresult.S_OK {
		return fmt.Errorf("group name %q: %s", name, why)
	}
	if w.area7a.groupNamed(t) != nil {
		return fmt.Errorf("a group named %q exists", t)
	}
	if len(w.area7a.groups) >= MaxGroups {
		return fmt.Errorf("the user has %d groups, the limit", MaxGroups)
	}
	g := newGroup(t)
	w.area7a.groups = append(w.area7a.groups, g)
	w.emitLocked(evOnGroupAdded, evHR(hresult.S_OK), evObj(g))
	return nil
}

// RenameGroup is the person renaming a group: OnGroupNameChanged (S_OK).
func (p *Person) RenameGroup(name, newName string) error {
	w := p.w
	w.mu.Lock()
	defer w.mu.Unlock()
	g, err := p.groupLocked(name)
	if err != nil {
		return err
	}
	if g.readOnly() {
		return fmt.Errorf("%q cannot be renamed", g.name)
	}
	t, hr, why := checkGroupName(newName)
	if hr != hresult.S_OK {
		return fmt.Errorf("group name %q: %s", newName, why)
	}
	if other := w.area7a.groupNamed(t); other != nil && other != g {
		return fmt.Errorf("a group named %q exists", t)
	}
	g.name = t
	w.emitLocked(evOnGroupNameChanged, evHR(hresult.S_OK), evObj(g))
	return nil
}

// DeleteGroup is the person deleting a group: its contacts stay on the
// list; OnGroupRemoved (S_OK).
func (p *Person) DeleteGroup(name string) error {
	w := p.w
	w.mu.Lock()
	defer w.mu.Unlock()
	g, err := p.groupLocked(name)
	if err != nil {
		return err
	}
	if g.readOnly() {
		return fmt.Errorf("%q cannot be deleted", g.name)
	}
	w.removeGroupLocked(g)
	return nil
}

// groupAndContactLocked finds a group by name and a contact of the list.
func (p *Person) groupAndContactLocked(group, signinName string) (*groupObj, *contactObj, error) {
	g, err := p.groupLocked(group)
	if err != nil {
		return nil, nil, err
	}
	ct, err := p.listedLocked(signinName)
	if err != nil {
		return nil, nil, err
	}
	return g, ct, nil
}

// AddContactToGroup is the person dragging a contact into a group:
// OnContactAddedToGroup (S_OK).
func (p *Person) AddContactToGroup(group, signinName string) error {
	w := p.w
	w.mu.Lock()
	defer w.mu.Unlock()
	g, ct, err := p.groupAndContactLocked(group, signinName)
	if err != nil {
		return err
	}
	if g.isMember(ct) {
		return fmt.Errorf("%q is already in %q", signinName, g.name)
	}
	g.members = append(g.members, ct)
	w.emitLocked(evOnContactAddedToGroup, evHR(hresult.S_OK), evObj(g), evObj(ct))
	return nil
}

// RemoveContactFromGroup is the person taking a contact out of a group:
// OnContactRemovedFromGroup (S_OK).
func (p *Person) RemoveContactFromGroup(group, signinName string) error {
	w := p.w
	w.mu.Lock()
	defer w.mu.Unlock()
	g, ct, err := p.groupAndContactLocked(group, signinName)
	if err != nil {
		return err
	}
	if !g.isMember(ct) {
		return fmt.Errorf("%q is not in %q", signinName, g.name)
	}
	g.removeMember(ct)
	w.emitLocked(evOnContactRemovedFromGroup, evHR(hresult.S_OK), evObj(g), evObj(ct))
	return nil
}

// MoveContactToGroup is the person dragging a contact from one group to
// another: OnContactRemovedFromGroup, then OnContactAddedToGroup.
func (p *Person) MoveContactToGroup(from, to, signinName string) error {
	w := p.w
	w.mu.Lock()
	defer w.mu.Unlock()
	src, err := p.groupLocked(from)
	if err != nil {
		return err
	}
	dst, err := p.groupLocked(to)
	if err != nil {
		return err
	}
	ct, err := p.listedLocked(signinName)
	if err != nil {
		return err
	}
	if src == dst {
		return errors.New("the groups are the same")
	}
	if !src.isMember(ct) {
		return fmt.Errorf("%q is not in %q", signinName, src.name)
	}
	if dst.isMember(ct) {
		return fmt.Errorf("%q is already in %q", signinName, dst.name)
	}
	src.removeMember(ct)
	w.emitLocked(evOnContactRemovedFromGroup, evHR(hresult.S_OK), evObj(src), evObj(ct))
	dst.members = append(dst.members, ct)
	w.emitLocked(evOnContactAddedToGroup, evHR(hresult.S_OK), evObj(dst), evObj(ct))
	return nil
}

// SetUnreadEmailCount is mail arriving or being read: the inbox's unread
// count changes and, while signed in, OnUnreadEmailChange reports it
// (MUAFOLDER_INBOX, the count, and pBoolfEnableDefault VARIANT_TRUE).
func (p *Person) SetUnreadEmailCount(n int32) error {
	if n < 0 {
		return fmt.Errorf("unread count %d is negative", n)
	}
	w := p.w
	w.mu.Lock()
	defer w.mu.Unlock()
	w.area7a.unread = n
	if w.signedIn {
		w.emitLocked(evOnUnreadEmailChange, evArg{v: model.I4(int32(model.MUAFOLDER_INBOX))}, evArg{v: model.I4(n)}, evArg{v: model.Bool(true)})
	}
	return nil
}
