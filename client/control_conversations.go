package client

import (
	"context"

	"github.com/fakemessenger/fakemessenger/model"
)

// The person's side of conversations (issue 7c), over the control API.

type participantRef struct {
	Object     string `json:"object"`
	SigninName string `json:"signinName"`
}

// JoinConversation is a participant joining the conversation: the window's
// Contacts and History follow and OnIMWindowContactAdded fires.
func (c *Client) JoinConversation(ctx context.Context, win model.Dispatch, signinName string) error {
	return c.control(ctx, "conversations/join", participantRef{refOf(win).Object, signinName})
}

// LeaveConversation is a participant leaving the conversation:
// OnIMWindowContactRemoved fires; the window stays open.
func (c *Client) LeaveConversation(ctx context.Context, win model.Dispatch, signinName string) error {
	return c.control(ctx, "conversations/leave", participantRef{refOf(win).Object, signinName})
}

// ReceiveMessage is a participant typing a message into the conversation.
func (c *Client) ReceiveMessage(ctx context.Context, win model.Dispatch, signinName, text string) error {
	return c.control(ctx, "conversations/receive", struct {
		Object     string `json:"object"`
		SigninName string `json:"signinName"`
		Text       string `json:"text"`
	}{refOf(win).Object, signinName, text})
}

// AnswerContactPicker is the person choosing participants in the contact
// picker StartConversation opened; none cancels it.
func (c *Client) AnswerContactPicker(ctx context.Context, participants []string) error {
	if participants == nil {
		participants = []string{} // "participants" is required; empty cancels
	}
	return c.control(ctx, "conversations/picker", map[string][]string{"participants": participants})
}

// SetCallPolicy sets what the machine's policy allows: restricted calls
// (MSGR_E_POLICY_RESTRICTED), no phone service (MSGR_E_PHONESERVICE_UNAVAILABLE).
func (c *Client) SetCallPolicy(ctx context.Context, restricted, noPhoneService bool) error {
	return c.control(ctx, "calls/policy", map[string]bool{"restricted": restricted, "noPhoneService": noPhoneService})
}
