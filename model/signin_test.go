package model

import (
	"regexp"
	"strings"
	"testing"
)

func TestCheckSigninName(t *testing.T) {
	// Lengths at the documented limit: 64-char user + "@" + 64-char domain.
	domain64 := strings.Repeat("d", 60) + ".com"
	name129 := strings.Repeat("u", 64) + "@" + domain64
	name130 := "u" + name129
	// "é" is 2 bytes but 1 UTF-16 unit: 130 bytes, still 129 BSTR characters.
	bmp129 := "é" + strings.Repeat("u", 63) + "@" + domain64
	// U+1F600 is 1 rune but 2 UTF-16 units: 129 runes, 130 BSTR characters.
	astral130 := "\U0001F600" + strings.Repeat("u", 63) + "@" + domain64

	tests := []struct {
		name string
		in   string
		want SigninProblem
	}{
		{"plain", "jaya@contoso.com", ProblemNone},
		{"sip prefix, mixed case", "sip:Jaya@Contoso.com", ProblemNone},
		{"upper-case scheme", "SIP:jaya@contoso.com", ProblemNone},
		{"punctuation in user", "a.b-c_d@sub.example.org", ProblemNone},
		{"single-label domain", "jaya@localhost", ProblemNone},
		{"hyphen and digits in domain", "jaya@my-host2.contoso.com", ProblemNone},
		{"non-ASCII domain letters", "jaya@bücher.de", ProblemNone},
		{"129 ASCII characters", name129, ProblemNone},
		{"129 UTF-16 units, 130 bytes", bmp129, ProblemNone},

		{"empty", "", ProblemEmpty},
		{"leading space", " jaya@contoso.com", ProblemLeadingSpace},
		{"leading tab", "\tjaya@contoso.com", ProblemLeadingSpace},
		{"leading no-break space", "\u00a0jaya@contoso.com", ProblemLeadingSpace},
		{"leading space beats too long", " " + name130, ProblemLeadingSpace},

		{"130 characters", name130, ProblemTooLong},
		{"129 runes but 130 UTF-16 units", astral130, ProblemTooLong},
		{"too long beats CR", name130 + "\r", ProblemTooLong},

		{"trailing CR", "jaya@contoso.com\r", ProblemCRLF},
		{"embedded LF", "jaya\n@contoso.com", ProblemCRLF},
		{"CRLF beats space", "ja ya@contoso.com\r\n", ProblemCRLF},

		{"inner space", "ja ya@contoso.com", ProblemSpace},
		{"trailing space", "jaya@contoso.com ", ProblemSpace},
		{"inner tab", "jaya@contoso.com\t", ProblemSpace},
		{"ideographic space", "ja\u3000ya@contoso.com", ProblemSpace},
		{"space beats invalid UTF-8", "ja ya\xff@x.com", ProblemSpace},

		{"invalid UTF-8", "\xff@x.com", ProblemInvalidUTF8},
		{"invalid UTF-8 first byte is not a space", "\xffjaya@x.com", ProblemInvalidUTF8},
		{"invalid UTF-8 beats control", "\xff\x00@x.com", ProblemInvalidUTF8},

		{"NUL", "ja\x00ya@contoso.com", ProblemControl},
		{"leading NUL", "\x00jaya@contoso.com", ProblemControl},
		{"ESC", "ja\x1bya@contoso.com", ProblemControl},
		{"DEL", "jaya@contoso.com\x7f", ProblemControl},
		{"control beats missing @", "jaya\x01", ProblemControl},

		{"no @", "jaya", ProblemNoAt},
		{"nothing before @", "@contoso.com", ProblemNoAt},
		{"nothing after @", "jaya@", ProblemNoAt},
		{"two @", "a@b@c.com", ProblemNoAt},
		{"sip prefix, nothing before @", "sip:@contoso.com", ProblemNoAt},
		{"scheme only", "sip:", ProblemNoAt},

		{"domain starts with dot", "a@.com", ProblemBadDomain},
		{"empty inner label", "a@b..com", ProblemBadDomain},
		{"domain ends with dot", "a@b.", ProblemBadDomain},
		{"underscore in domain", "a@b_c.com", ProblemBadDomain},
		{"port in domain", "a@contoso.com:5061", ProblemBadDomain},
		{"IP literal", "a@[10.0.0.1]", ProblemBadDomain},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := CheckSigninName(tt.in); got != tt.want {
				t.Errorf("CheckSigninName(%q) = %v (%d), want %v (%d)", tt.in, got, got, tt.want, tt.want)
			}
		})
	}
}

func TestSigninLimits(t *testing.T) {
	if MaxSigninNameLen != 129 {
		t.Errorf("MaxSigninNameLen = %d, reference says 129", MaxSigninNameLen)
	}
	if MaxServiceIDLen != 38 {
		t.Errorf("MaxServiceIDLen = %d, reference says 38", MaxServiceIDLen)
	}
}

func TestSigninProblemString(t *testing.T) {
	tests := []struct {
		p        SigninProblem
		contains string
	}{
		{ProblemNone, ""},
		{ProblemEmpty, "empty"},
		{ProblemLeadingSpace, "start"},
		{ProblemTooLong, "129"},
		{ProblemCRLF, "carriage return"},
		{ProblemSpace, "space"},
		{ProblemInvalidUTF8, "UTF-8"},
		{ProblemControl, "control"},
		{ProblemNoAt, "@"},
		{ProblemBadDomain, "domain"},
		{SigninProblem(99), "99"},
		{SigninProblem(-1), "-1"},
	}
	seen := map[string]SigninProblem{}
	for _, tt := range tests {
		s := tt.p.String()
		if s == "" || !strings.Contains(s, tt.contains) {
			t.Errorf("SigninProblem(%d).String() = %q, want it to contain %q", int(tt.p), s, tt.contains)
		}
		if prev, dup := seen[s]; dup {
			t.Errorf("problems %d and %d share the text %q", int(prev), int(tt.p), s)
		}
		seen[s] = tt.p
	}
	if got := ProblemTooLong.String(); got != "longer than 129 characters" {
		t.Errorf("ProblemTooLong.String() = %q", got)
	}
}

func TestNormalizeSigninName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"jaya@contoso.com", "jaya@contoso.com"},
		{"Jaya@Contoso.COM", "jaya@contoso.com"},
		{"sip:Jaya@Contoso.com", "jaya@contoso.com"},
		{"SIP:JAYA@CONTOSO.COM", "jaya@contoso.com"},
		{"Sip:jaya@contoso.com", "jaya@contoso.com"},
		{"sip:sip:Jaya@x.com", "sip:jaya@x.com"}, // only one prefix is a scheme
		{"sips:Jaya@x.com", "sips:jaya@x.com"},   // a different scheme is kept
		{"tel:+15551234", "tel:+15551234"},
		{"ÉLODIE@Contoso.com", "élodie@contoso.com"},
		{" sip:Jaya@x.com", " sip:jaya@x.com"}, // no trimming: it does not validate
		{"sip:", ""},
		{"si", "si"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := NormalizeSigninName(tt.in); got != tt.want {
			t.Errorf("NormalizeSigninName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSameSigninName(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"jaya@contoso.com", "jaya@contoso.com", true},
		{"sip:Jaya@Contoso.com", "jaya@contoso.com", true},
		{"JAYA@CONTOSO.COM", "sip:jaya@contoso.com", true},
		{"SIP:jaya@contoso.com", "Sip:JAYA@contoso.com", true},
		{"ÉLODIE@contoso.com", "élodie@contoso.com", true},
		{"jaya@contoso.com", "jaya@contoso.org", false},
		{"jaya@contoso.com", "jaya@contoso.com ", false},
		{"sip:a@b.com", "sips:a@b.com", false},
		{"sip:sip:a@b.com", "a@b.com", false},
		{"jaya@contoso.com", "", false},
	}
	for _, tt := range tests {
		if got := SameSigninName(tt.a, tt.b); got != tt.want {
			t.Errorf("SameSigninName(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
		if got := SameSigninName(tt.b, tt.a); got != tt.want {
			t.Errorf("SameSigninName(%q, %q) = %v, want %v (not symmetric)", tt.b, tt.a, got, tt.want)
		}
	}
}

func TestCheckServiceID(t *testing.T) {
	guid38 := "{01234567-89AB-CDEF-0123-456789ABCDEF}"
	tests := []struct {
		name string
		in   string
		want bool
	}{
		{"empty means the contact list", "", true},
		{"Communicator's own", ServiceIDCommunicator, true},
		{"38 characters", guid38, true},
		{"lower-case GUID", strings.ToLower(guid38), true},
		{"short", "abc", true},
		{"39 characters", guid38 + "0", false},
		{"38 + trailing space", guid38 + " ", false},
		{"inner space", "{01234567 89AB}", false},
		{"leading space", " {01234567}", false},
		{"CR", "{01234567}\r", false},
		{"LF", "{01234567}\n", false},
		{"tab", "{01234567}\t", false},
		{"19 astral characters = 38 UTF-16 units", strings.Repeat("\U0001F600", 19), true},
		{"20 astral characters = 40 UTF-16 units", strings.Repeat("\U0001F600", 20), false},
	}
	for _, tt := range tests {
		if got := CheckServiceID(tt.in); got != tt.want {
			t.Errorf("%s: CheckServiceID(%q) = %v, want %v", tt.name, tt.in, got, tt.want)
		}
	}
}

func TestServiceIDCommunicatorShape(t *testing.T) {
	guid := regexp.MustCompile(`^\{[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\}$`)
	if !guid.MatchString(ServiceIDCommunicator) || len(ServiceIDCommunicator) != MaxServiceIDLen {
		t.Errorf("ServiceIDCommunicator = %q, want a 38-character brace GUID", ServiceIDCommunicator)
	}
}
