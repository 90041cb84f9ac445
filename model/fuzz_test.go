package model_test

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/fakemessenger/fakemessenger/model"
)

// FuzzCheckSigninName: any string gets a verdict without panicking, and a
// name judged acceptable has every property the checks promise. Seeds:
// testdata/fuzz/FuzzCheckSigninName.
func FuzzCheckSigninName(f *testing.F) {
	for _, s := range []string{"jaya@contoso.com", "sip:Jaya@Contoso.com", "", " a@b.c", "a b@c.d", "a@b..c", "ü@ä.de", "a@b@c"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p := model.CheckSigninName(s)
		if p.String() == "" {
			t.Fatalf("%q: empty problem text", s)
		}
		if !strings.HasPrefix(strings.ToLower(s), "sip:") && !model.SameSigninName(s, "SIP:"+s) {
			t.Fatalf("%q: not the same name with a sip: prefix", s)
		}
		if p != model.ProblemNone {
			return
		}
		if !utf8.ValidString(s) {
			t.Fatalf("%q accepted but not UTF-8", s)
		}
		if n := len(utf16.Encode([]rune(s))); n > model.MaxSigninNameLen {
			t.Fatalf("%q accepted with %d UTF-16 units", s, n)
		}
		if strings.ContainsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r < 0x20 || r == 0x7f }) {
			t.Fatalf("%q accepted with white space or a control character", s)
		}
		name := s
		if len(name) >= 4 && strings.EqualFold(name[:4], "sip:") {
			name = name[4:]
		}
		if user, domain, ok := strings.Cut(name, "@"); !ok || user == "" || domain == "" || strings.Contains(domain, "@") {
			t.Fatalf("%q accepted but not user@domain", s)
		}
	})
}
