package sim

import (
	"strings"
	"testing"
)

func TestScenarioConversationsValidate(t *testing.T) {
	f := false
	cases := []struct {
		name string
		edit func(*Scenario)
		want string // "" = valid
	}{
		{"valid", func(s *Scenario) {
			s.Conversations = []ScenarioConversation{{Participants: []string{"jaya@contoso.com", "sips:pat@contoso.com"},
				History: []ScenarioMessage{{From: "SIP:Jaya@contoso.com", Text: "hi"}, {From: "alex@contoso.com", Text: "yo"}, {Text: "me"}}},
				{Type: "pstn", Participants: []string{"tel:+1-425-555-0100"}}}
		}, ""},
		{"bad type", func(s *Scenario) {
			s.Conversations = []ScenarioConversation{{Type: "9", Participants: []string{"jaya@contoso.com"}}}
		}, "conversations[0].type"},
		{"no participants", func(s *Scenario) { s.Conversations = []ScenarioConversation{{}} }, "conversations[0].participants: at least one"},
		{"bad participant", func(s *Scenario) { s.Conversations = []ScenarioConversation{{Participants: []string{"x"}}} }, "conversations[0].participants[0]"},
		{"tel in IM", func(s *Scenario) { s.Conversations = []ScenarioConversation{{Participants: []string{"tel:+1"}}} }, "tel: URI can only be called"},
		{"the user", func(s *Scenario) {
			s.Conversations = []ScenarioConversation{{Participants: []string{"sip:ALEX@contoso.com"}}}
		}, "the user is in every conversation"},
		{"repeated", func(s *Scenario) {
			s.Conversations = []ScenarioConversation{{Participants: []string{"jaya@contoso.com", "sip:jaya@contoso.com"}}}
		}, "participants[1]"},
		{"empty text", func(s *Scenario) {
			s.Conversations = []ScenarioConversation{{Participants: []string{"jaya@contoso.com"}, History: []ScenarioMessage{{}}}}
		}, "history[0].text"},
		{"stranger speaks", func(s *Scenario) {
			s.Conversations = []ScenarioConversation{{Participants: []string{"jaya@contoso.com"}, History: []ScenarioMessage{{From: "sam@contoso.com", Text: "x"}}}}
		}, "history[0].from"},
		{"signed out", func(s *Scenario) {
			s.User.SignedIn = &f
			s.Conversations = []ScenarioConversation{{Participants: []string{"jaya@contoso.com"}}}
		}, "signed out"},
	}
	for _, c := range cases {
		s := DefaultScenario()
		c.edit(&s)
		err := s.Validate()
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%s: %v", c.name, err)
		case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
			t.Errorf("%s: error %v, want one naming %q", c.name, err, c.want)
		}
	}
}

// A scenario's windows are open at the start and again after Reset, with
// no event: they were not opened, they were there.
func TestScenarioConversationsReset(t *testing.T) {
	s := DefaultScenario()
	s.Conversations = []ScenarioConversation{{Participants: []string{"jaya@contoso.com", "pat@contoso.com"}, Subject: "x",
		History: []ScenarioMessage{{From: "pat@contoso.com", Text: "hi"}}}}
	w := MustNew(WithScenario(s))
	for range 2 {
		st := w.State()
		if len(st.Conversations) != 1 || len(st.Conversations[0].Participants) != 2 || st.Conversations[0].History[0].Name != "pat@contoso.com" {
			t.Fatalf("conversations %+v", st.Conversations)
		}
		if st.Events != 0 {
			t.Errorf("%d events raised by opening the scenario", st.Events)
		}
		w.Reset()
	}
}

// A scenario file spells the block in JSON; unknown fields inside it are
// errors, as everywhere in a scenario.
func TestScenarioConversationsJSON(t *testing.T) {
	good := `{"user":{"signinName":"alex@contoso.com"},"contacts":[{"signinName":"jaya@contoso.com"}],
		"conversations":[{"type":"CONVERSATION_TYPE_VIDEO","participants":["jaya@contoso.com"],"subject":"s","minimized":true,
		"history":[{"from":"jaya@contoso.com","text":"hi"}]}]}`
	s, err := ParseScenario([]byte(good))
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Conversations) != 1 || s.Conversations[0].Type != "CONVERSATION_TYPE_VIDEO" || !s.Conversations[0].Minimized || s.Conversations[0].History[0].Text != "hi" {
		t.Errorf("parsed %+v", s.Conversations)
	}
	bad := `{"user":{"signinName":"alex@contoso.com"},"conversations":[{"participants":["jaya@contoso.com"],"topic":"x"}]}`
	if _, err := ParseScenario([]byte(bad)); err == nil || !strings.Contains(err.Error(), "topic") {
		t.Errorf("unknown field: %v", err)
	}
}
