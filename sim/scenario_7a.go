package sim

import (
	"fmt"
	"strings"

	"github.com/fakemessenger/fakemessenger/model"
)

// validate7a checks issue 7a's scenario fields: group names follow
// CreateGroup's rules and are unique case-insensitively, the sort order
// is a MUASORT, counts are not negative, directory entries are sign-in
// names.
func (s Scenario) validate7a() error {
	seen := map[string]bool{}
	for i, g := range s.Groups {
		t, hr, why := checkGroupName(g)
		if hr != 0 {
			return fmt.Errorf("scenario: groups[%d] %q: %s", i, g, why)
		}
		k := strings.ToLower(t)
		if seen[k] {
			return fmt.Errorf("scenario: groups[%d] %q: repeated (group names compare case-insensitively)", i, g)
		}
		seen[k] = true
	}
	if len(s.Groups) > MaxGroups {
		return fmt.Errorf("scenario: groups: %d groups, the limit is %d", len(s.Groups), MaxGroups)
	}
	if s.SortOrder != "" {
		if _, ok := model.ParseMUASORT(s.SortOrder); !ok {
			return fmt.Errorf("scenario: sortOrder %q is not a MUASORT", s.SortOrder)
		}
	}
	if s.UnreadEmail < 0 {
		return fmt.Errorf("scenario: unreadEmail %d is negative", s.UnreadEmail)
	}
	if s.Locale < 0 {
		return fmt.Errorf("scenario: locale %d is not an LCID", s.Locale)
	}
	if strings.ContainsAny(s.ReceiveFileDirectory, "\r\n\x00") {
		return fmt.Errorf("scenario: receiveFileDirectory contains a control character")
	}
	for i, d := range s.Directory {
		if p := model.CheckSigninName(d.SigninName); p != model.ProblemNone {
			return fmt.Errorf("scenario: directory[%d].signinName %q: %s", i, d.SigninName, p)
		}
	}
	return nil
}
