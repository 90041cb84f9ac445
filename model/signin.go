package model

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// SigninProblem says why a string is not an acceptable sign-in name; ProblemNone when it is.
type SigninProblem int

// The problems, in the order CheckSigninName tests them. The first four are
// the documented E_INVALIDARG conditions (the IMessenger::InstantMessage
// and GetContact pages of the Communicator 2007 reference);
// the rest are our stricter choices, because a simulator that accepts names
// the real client could never resolve would hide caller bugs.
const (
	ProblemNone         SigninProblem = iota
	ProblemEmpty                      // ""
	ProblemLeadingSpace               // first character is a space (U+0020) or any other Unicode white space
	ProblemTooLong                    // more than 129 characters, counted in UTF-16 code units as a BSTR length is
	ProblemCRLF                       // contains '\r' or '\n'
	ProblemSpace                      // contains white space elsewhere (GetContact documents it; we apply it everywhere)
	ProblemInvalidUTF8                // not valid UTF-8, so it cannot have come from a BSTR
	ProblemControl                    // other control characters (U+0000-U+001F, U+007F)
	ProblemNoAt                       // no '@', nothing before or after it, or more than one '@'
	ProblemBadDomain                  // an empty domain label, or a character other than a letter, digit, '-' or '.'
)

var signinProblemText = [...]string{
	ProblemNone:         "acceptable",
	ProblemEmpty:        "empty",
	ProblemLeadingSpace: "starts with white space",
	ProblemTooLong:      "longer than 129 characters",
	ProblemCRLF:         "contains a carriage return or line feed",
	ProblemSpace:        "contains white space",
	ProblemInvalidUTF8:  "not valid UTF-8",
	ProblemControl:      "contains a control character",
	ProblemNoAt:         "not of the form user@domain",
	ProblemBadDomain:    "has an invalid domain",
}

// String is a short English phrase, fit to follow "sign-in name is ...".
func (p SigninProblem) String() string {
	if p >= 0 && int(p) < len(signinProblemText) {
		return signinProblemText[p]
	}
	return "SigninProblem(" + strconv.Itoa(int(p)) + ")"
}

// MaxSigninNameLen is the documented limit: 64-character name + "@" +
// 64-character domain, 130 with the BSTR terminator.
const MaxSigninNameLen = 129

// MaxServiceIDLen is the documented bstrServiceId limit of GetContact: a
// brace-enclosed GUID.
const MaxServiceIDLen = 38

// ServiceIDCommunicator is the service ID the simulated Communicator reports
// (MyServiceId, IMessengerService::ServiceID, IMessengerContact::ServiceId).
// The reference documents only that it is a GUID string, not its value, so
// this fixed GUID is our choice; callers should read it from the API rather
// than hard-code it.
const ServiceIDCommunicator = "{8C6E2F4A-1D3B-4E5F-9A70-C2B1D0E3F456}"

// sipPrefix is the optional URI scheme Communicator accepts in front of a name.
const sipPrefix = "sip:"

// CheckSigninName applies the checks in the order the constants are listed
// and returns the first problem, so the most basic fault is the one reported.
func CheckSigninName(s string) SigninProblem {
	if s == "" {
		return ProblemEmpty
	}
	if r, _ := utf8.DecodeRuneInString(s); unicode.IsSpace(r) {
		return ProblemLeadingSpace
	}
	// One pass gathers every fact (this runs on every InstantMessage);
	// the order of the returns below is the order of the problems.
	var units int
	var crlf, space, invalid, control bool
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			units++
			i++
			switch {
			case c == '\r' || c == '\n':
				crlf = true
			case c == ' ' || c == '\t' || c == '\v' || c == '\f':
				space = true
			case c < 0x20 || c == 0x7F:
				control = true
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if r == utf8.RuneError && size == 1 {
			invalid = true
			units++ // a stray byte counts as one character, as U+FFFD would
			continue
		}
		units += utf16.RuneLen(r)
		if unicode.IsSpace(r) {
			space = true
		}
	}
	switch {
	case units > MaxSigninNameLen:
		return ProblemTooLong
	case crlf:
		return ProblemCRLF
	case space:
		return ProblemSpace
	case invalid:
		return ProblemInvalidUTF8
	case control:
		return ProblemControl
	}
	// The "sip:" scheme is not part of the user name, so "sip:@x.com" has nothing before '@'.
	addr := stripSIP(s)
	user, domain, ok := strings.Cut(addr, "@")
	if !ok || user == "" || domain == "" || strings.Contains(domain, "@") {
		return ProblemNoAt
	}
	// an empty label: leading, trailing or doubled dot (no Split: this is on
	// every InstantMessage's path)
	if domain[0] == '.' || domain[len(domain)-1] == '.' || strings.Contains(domain, "..") {
		return ProblemBadDomain
	}
	// Letters include non-ASCII ones, so an internationalised domain is accepted as typed.
	if strings.ContainsFunc(domain, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' && r != '.'
	}) {
		return ProblemBadDomain
	}
	return ProblemNone
}

// NormalizeSigninName returns the canonical comparison key: one leading
// "sip:" (any case) removed and the whole name lower-cased, because the
// client matches names case-insensitively with or without the scheme. It
// does not validate; bytes that are not UTF-8 become U+FFFD, which only
// matters for names CheckSigninName rejects anyway.
func NormalizeSigninName(s string) string {
	return strings.ToLower(stripSIP(s))
}

// SameSigninName reports whether a and b name the same person.
func SameSigninName(a, b string) bool {
	return NormalizeSigninName(a) == NormalizeSigninName(b)
}

// CheckServiceID applies GetContact's documented bstrServiceId rules: at
// most 38 characters and no spaces, CR or LF. "" is fine: it means "search
// the contact list". Whether the ID names a known service is the caller's
// business.
func CheckServiceID(s string) bool {
	return utf16Len(s) <= MaxServiceIDLen && !strings.ContainsFunc(s, unicode.IsSpace)
}

func stripSIP(s string) string {
	if len(s) >= len(sipPrefix) && strings.EqualFold(s[:len(sipPrefix)], sipPrefix) {
		return s[len(sipPrefix):]
	}
	return s
}

// utf16Len is the length a BSTR holding s would report: characters outside
// the Basic Multilingual Plane take two code units. An invalid byte counts
// as one unit, as the U+FFFD it would be converted to.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}
