package sim

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/fakemessenger/fakemessenger/model"
)

// Scenario is a world to start from: who is signed in, their contact list
// with presence, and the groups. It is what --scenario files hold (JSON)
// and what the control API's load takes.
type Scenario struct {
	User     ScenarioUser      `json:"user"`
	Service  ScenarioService   `json:"service,omitempty"`
	Contacts []ScenarioContact `json:"contacts,omitempty"`
	Groups   []string          `json:"groups,omitempty"`

	// ---- issue 7c: conversations ----
	// Conversations are the conversation windows open at the start, with
	// their participants and history (scenario_conversations.go).
	Conversations []ScenarioConversation `json:"conversations,omitempty"`
	// ---- issue 7a: groups, mail, sort order, locale, directory ----
	// GroupsDisabled: the service has no groups (MSGR_E_GROUPS_NOT_ENABLED).
	GroupsDisabled bool `json:"groupsDisabled,omitempty"`
	// SortOrder is a MUASORT name or number; "" means MUASORT_GROUPS.
	SortOrder string `json:"sortOrder,omitempty"`
	// UnreadEmail is the inbox's unread count (0 when omitted).
	UnreadEmail int32 `json:"unreadEmail,omitempty"`
	// NoInbox: no inbox is available (UnreadEmailCount S_FALSE, -1).
	NoInbox bool `json:"noInbox,omitempty"`
	// ReceiveFileDirectory is where received files go; "" means a
	// per-user default.
	ReceiveFileDirectory string `json:"receiveFileDirectory,omitempty"`
	// Locale is the LCID IMessenger3::Property(MMESSENGERPROP_PLCID)
	// reports; 0 means 1033 (en-US).
	Locale int32 `json:"locale,omitempty"`
	// Directory holds people the server can resolve who are not on the
	// contact list (ResolveContact with CONTACT_RESOLUTION_ANY).
	Directory []ScenarioDirectoryEntry `json:"directory,omitempty"`
}

// ScenarioDirectoryEntry is one person in the server's address book.
type ScenarioDirectoryEntry struct {
	SigninName  string `json:"signinName"`
	Email       string `json:"email,omitempty"`
	DisplayName string `json:"displayName,omitempty"`
}

// ScenarioUser is the local user.
type ScenarioUser struct {
	SigninName   string `json:"signinName"`
	FriendlyName string `json:"friendlyName,omitempty"`
	// Status once signed in; "" means MISTATUS_ONLINE.
	Status string `json:"status,omitempty"`
	// SignedIn: nil means true.
	SignedIn *bool `json:"signedIn,omitempty"`
	// NoSavedCredentials makes AutoSignin fail with E_FAIL ("first-time
	// user; no available credentials").
	NoSavedCredentials bool `json:"noSavedCredentials,omitempty"`

	// issue 7b: the user's own phones and e-mail property.
	Phones *ScenarioPhones `json:"phones,omitempty"`
	Email  string          `json:"email,omitempty"`
}

// ScenarioService names the primary service; empty fields take defaults.
type ScenarioService struct {
	ID   string `json:"id,omitempty"`
	Name string `json:"name,omitempty"`
}

// ScenarioContact is one entry of the contact list.
type ScenarioContact struct {
	SigninName   string   `json:"signinName"`
	FriendlyName string   `json:"friendlyName,omitempty"`
	Status       string   `json:"status,omitempty"` // "" means MISTATUS_OFFLINE
	Blocked      bool     `json:"blocked,omitempty"`
	Groups       []string `json:"groups,omitempty"`

	// issue 7b: phones, the e-mail property, the tag and the presence
	// properties (scenario_contacts.go checks them).
	Phones   *ScenarioPhones   `json:"phones,omitempty"`
	Email    string            `json:"email,omitempty"`
	Tagged   bool              `json:"tagged,omitempty"`
	Presence *ScenarioPresence `json:"presence,omitempty"`
}

// DefaultServiceName is what MyServiceName and ServiceName report.
const DefaultServiceName = "Microsoft Office Communications Server"

// DefaultScenario is the world RunT and `make run` start with.
func DefaultScenario() Scenario {
	return Scenario{
		User: ScenarioUser{SigninName: "alex@contoso.com", FriendlyName: "Alex Wilber", Status: "MISTATUS_ONLINE"},
		Contacts: []ScenarioContact{
			{SigninName: "jaya@contoso.com", FriendlyName: "Jaya Rao", Status: "MISTATUS_ONLINE", Groups: []string{"Team"}},
			{SigninName: "sam@contoso.com", FriendlyName: "Sam Lee", Status: "MISTATUS_AWAY", Groups: []string{"Team"}},
			{SigninName: "kim@fabrikam.com", FriendlyName: "Kim Akers", Status: "MISTATUS_OFFLINE", Groups: []string{"Partners"}},
		},
		Groups: []string{"Team", "Partners"},
	}
}

// ParseScenario reads a scenario from JSON, rejecting unknown fields so a
// typo in a scenario file is an error rather than a silently empty world.
func ParseScenario(data []byte) (Scenario, error) {
	var s Scenario
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&s); err != nil {
		return Scenario{}, fmt.Errorf("scenario: %w", err)
	}
	if dec.More() {
		return Scenario{}, errors.New("scenario: trailing data after the JSON object")
	}
	return s, s.Validate()
}

// Validate checks every name and status, and that names are unique.
func (s Scenario) Validate() error {
	if p := model.CheckSigninName(s.User.SigninName); p != model.ProblemNone {
		return fmt.Errorf("scenario: user.signinName %q: %s", s.User.SigninName, p)
	}
	if st, err := parseStatus(s.User.Status, model.MISTATUS_ONLINE); err != nil {
		return fmt.Errorf("scenario: user.status: %w", err)
	} else if !settable(st) {
		return fmt.Errorf("scenario: user.status: %s is not a status a signed-in user can have", st)
	}
	if !model.CheckServiceID(s.Service.ID) {
		return fmt.Errorf("scenario: service.id %q: more than %d characters or contains white space", s.Service.ID, model.MaxServiceIDLen)
	}
	groups := map[string]bool{}
	for _, g := range s.Groups {
		if g == "" || groups[g] {
			return fmt.Errorf("scenario: group %q: empty or repeated", g)
		}
		groups[g] = true
	}
	if err := s.validateConversations(); err != nil {
		return err
	}
	if err := s.User.validateDetails(); err != nil {
		return err
	}
	if err := s.validate7a(); err != nil {
		return err
	}
	seen := map[string]bool{model.NormalizeSigninName(s.User.SigninName): true}
	for i, c := range s.Contacts {
		if p := model.CheckSigninName(c.SigninName); p != model.ProblemNone {
			return fmt.Errorf("scenario: contacts[%d].signinName %q: %s", i, c.SigninName, p)
		}
		k := model.NormalizeSigninName(c.SigninName)
		if seen[k] {
			return fmt.Errorf("scenario: contacts[%d].signinName %q: repeated, or the user's own name", i, c.SigninName)
		}
		seen[k] = true
		if _, err := parseStatus(c.Status, model.MISTATUS_OFFLINE); err != nil {
			return fmt.Errorf("scenario: contacts[%d].status: %w", i, err)
		}
		for _, g := range c.Groups {
			if !groups[g] {
				return fmt.Errorf("scenario: contacts[%d].groups: %q is not in groups", i, g)
			}
		}
		if err := c.validateDetails(i); err != nil {
			return err
		}
	}
	return nil
}

func parseStatus(s string, def model.MISTATUS) (model.MISTATUS, error) {
	if s == "" {
		return def, nil
	}
	st, ok := model.ParseMISTATUS(s)
	if !ok {
		return 0, fmt.Errorf("%q is not a MISTATUS", s)
	}
	return st, nil
}
