package client

import "context"

// The person's group and mail actions (issue 7a), as the control API
// offers them. An unknown group is a *ProtocolError with status 404.

// CreateGroup is the person adding a group: OnGroupAdded.
func (c *Client) CreateGroup(ctx context.Context, name string) error {
	return c.control(ctx, "groups", map[string]string{"name": name})
}

// RenameGroup is the person renaming a group: OnGroupNameChanged.
func (c *Client) RenameGroup(ctx context.Context, name, newName string) error {
	return c.control(ctx, "groups/rename", map[string]string{"name": name, "newName": newName})
}

// DeleteGroup is the person deleting a group: OnGroupRemoved.
func (c *Client) DeleteGroup(ctx context.Context, name string) error {
	return c.control(ctx, "groups/delete", map[string]string{"name": name})
}

// AddContactToGroup is the person putting a contact in a group:
// OnContactAddedToGroup.
func (c *Client) AddContactToGroup(ctx context.Context, group, signinName string) error {
	return c.control(ctx, "groups/add-contact", map[string]string{"group": group, "signinName": signinName})
}

// RemoveContactFromGroup is the person taking a contact out of a group:
// OnContactRemovedFromGroup.
func (c *Client) RemoveContactFromGroup(ctx context.Context, group, signinName string) error {
	return c.control(ctx, "groups/remove-contact", map[string]string{"group": group, "signinName": signinName})
}

// MoveContactToGroup is the person dragging a contact between groups:
// OnContactRemovedFromGroup, then OnContactAddedToGroup.
func (c *Client) MoveContactToGroup(ctx context.Context, from, to, signinName string) error {
	return c.control(ctx, "groups/move-contact", map[string]string{"from": from, "to": to, "signinName": signinName})
}

// SetUnreadEmailCount is mail arriving or being read: OnUnreadEmailChange.
func (c *Client) SetUnreadEmailCount(ctx context.Context, n int32) error {
	return c.control(ctx, "email/unread", map[string]int32{"count": n})
}
