package sim

import (
	"fmt"

	"github.com/fakemessenger/fakemessenger/model"
)

// ScenarioConversation is one conversation window open at the start.
type ScenarioConversation struct {
	// Type is a CONVERSATION_TYPE ("CONVERSATION_TYPE_IM", "audio", "8");
	// "" means IM. Audio, video, phone and PSTN windows host a call.
	Type string `json:"type,omitempty"`
	// Participants are sign-in names or sip:, sips: or tel: URIs (tel:
	// only for phone and PSTN), at least one, not the user, no repeats.
	Participants []string `json:"participants"`
	Subject      string   `json:"subject,omitempty"`
	// Minimized: the person has minimized the window (SendText then
	// answers S_FALSE).
	Minimized bool              `json:"minimized,omitempty"`
	History   []ScenarioMessage `json:"history,omitempty"`
}

// ScenarioMessage is one message of a conversation's history.
type ScenarioMessage struct {
	// From is the participant who typed it; "" (or the user's own name)
	// is the user.
	From string `json:"from,omitempty"`
	Text string `json:"text"`
}

func (s Scenario) validateConversations() error {
	if len(s.Conversations) > 0 && s.User.SignedIn != nil && !*s.User.SignedIn {
		return fmt.Errorf("scenario: conversations: the user is signed out, and signing out closes every window")
	}
	user := model.NormalizeSigninName(s.User.SigninName)
	for i, c := range s.Conversations {
		where := fmt.Sprintf("scenario: conversations[%d]", i)
		t, err := scenarioConvType(c.Type)
		if err != nil {
			return fmt.Errorf("%s.type: %w", where, err)
		}
		if len(c.Participants) == 0 {
			return fmt.Errorf("%s.participants: at least one is needed", where)
		}
		keys := map[string]bool{}
		for j, p := range c.Participants {
			_, key, why := participantName(t, p)
			switch {
			case why != "":
				return fmt.Errorf("%s.participants[%d] %q: %s", where, j, p, why)
			case key == user:
				return fmt.Errorf("%s.participants[%d] %q: the user is in every conversation already", where, j, p)
			case keys[key]:
				return fmt.Errorf("%s.participants[%d] %q: repeated", where, j, p)
			}
			keys[key] = true
		}
		for j, m := range c.History {
			if m.Text == "" {
				return fmt.Errorf("%s.history[%d].text: empty", where, j)
			}
			if m.From == "" || model.SameSigninName(m.From, s.User.SigninName) {
				continue
			}
			if _, key, why := participantName(t, m.From); why != "" || !keys[key] {
				return fmt.Errorf("%s.history[%d].from %q: not a participant of the conversation", where, j, m.From)
			}
		}
	}
	return nil
}

func scenarioConvType(s string) (model.CONVERSATION_TYPE, error) {
	if s == "" {
		return model.CONVERSATION_TYPE_IM, nil
	}
	t, ok := model.ParseCONVERSATION_TYPE(s)
	if !ok {
		return 0, fmt.Errorf("%q is not one CONVERSATION_TYPE", s)
	}
	return t, nil
}

// resetConversationsLocked opens the scenario's windows (no events: they
// are open at the start) and clears the contact picker and call policy.
func (w *World) resetConversationsLocked(s Scenario) {
	w.conv7c = convWorld{}
	if !w.signedIn {
		return
	}
	now := w.cfg.clock.Now()
	for _, sc := range s.Conversations {
		t, _ := scenarioConvType(sc.Type) // validated
		cts := make([]*contactObj, 0, len(sc.Participants))
		for _, p := range sc.Participants {
			r, _ := w.parseParticipant(t, p)
			cts = append(cts, w.contactFor(r))
		}
		conv := w.newConvLocked(cts, convExt{ctype: t, media: isMedia(t), subject: sc.Subject})
		for _, m := range sc.History {
			msg := message{from: w.user.signin, name: w.user.friendly, at: now, text: m.Text}
			if m.From != "" && !model.SameSigninName(m.From, w.user.signin) {
				_, key, _ := participantName(t, m.From)
				for _, ct := range cts {
					if ct.key == key {
						msg.from, msg.name = ct.signin, ct.friendlyName()
					}
				}
			}
			conv.history = append(conv.history, msg)
		}
		if sc.Minimized {
			conv.win.Minimize()
		}
	}
}
