package hresult

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// HRESULT is a COM status code. Bit 31 set means failure. An HRESULT is itself
// an error, so a call can return hresult.E_FAIL directly and a caller can test
// it with errors.Is(err, hresult.E_FAIL).
type HRESULT uint32

// Succeeded reports SUCCEEDED(hr): the code's severity bit is clear.
func (h HRESULT) Succeeded() bool { return h&0x80000000 == 0 }

// Failed reports FAILED(hr).
func (h HRESULT) Failed() bool { return !h.Succeeded() }

// Name is the symbolic name (E_FAIL), or "" for a code the reference does not list.
func (h HRESULT) Name() string { return names[h] }

// Hex formats the code as COM tools print it: 0x80004005.
func (h HRESULT) Hex() string { return fmt.Sprintf("0x%08X", uint32(h)) }

// String is "E_FAIL (0x80004005)", or just the hex form for an unnamed code.
func (h HRESULT) String() string {
	if n := names[h]; n != "" {
		return n + " (" + h.Hex() + ")"
	}
	return h.Hex()
}

// MarshalText writes the hex form, so JSON carries "0x80004005".
func (h HRESULT) MarshalText() ([]byte, error) { return []byte(h.Hex()), nil }

// UnmarshalText reads anything Parse reads.
func (h *HRESULT) UnmarshalText(b []byte) error {
	v, err := Parse(string(b))
	if err != nil {
		return err
	}
	*h = v
	return nil
}

// Error makes every HRESULT usable as a Go error.
func (h HRESULT) Error() string { return "hresult " + h.String() }

// Parse reads "0x80004005", "80004005", a signed decimal such as "-2147467259"
// (as .NET prints COMException.ErrorCode), or a symbolic name such as "E_FAIL".
func Parse(s string) (HRESULT, error) {
	t := strings.TrimSpace(s)
	if t == "" {
		return 0, fmt.Errorf("hresult: parse %q: empty", s)
	}
	if h, ok := byName[strings.ToUpper(t)]; ok {
		return h, nil
	}
	if strings.HasPrefix(t, "0x") || strings.HasPrefix(t, "0X") {
		v, err := strconv.ParseUint(t[2:], 16, 32)
		if err != nil || len(t) == 2 {
			return 0, fmt.Errorf("hresult: parse %q: not a 32-bit hex value", s)
		}
		return HRESULT(v), nil
	}
	if strings.HasPrefix(t, "-") {
		v, err := strconv.ParseInt(t, 10, 32)
		if err != nil {
			return 0, fmt.Errorf("hresult: parse %q: not a 32-bit signed value", s)
		}
		return HRESULT(uint32(int32(v))), nil
	}
	if len(t) == 8 {
		if v, err := strconv.ParseUint(t, 16, 32); err == nil {
			return HRESULT(v), nil
		}
	}
	if v, err := strconv.ParseUint(t, 10, 32); err == nil {
		return HRESULT(v), nil
	}
	return 0, fmt.Errorf("hresult: parse %q: neither a known name nor a 32-bit value", s)
}

// Lookup returns the code with a symbolic name, case-insensitively.
func Lookup(name string) (HRESULT, bool) {
	h, ok := byName[strings.ToUpper(strings.TrimSpace(name))]
	return h, ok
}

// All returns every named code, in no particular order.
func All() []HRESULT {
	out := make([]HRESULT, 0, len(names))
	for h := range names {
		out = append(out, h)
	}
	return out
}

var byName = func() map[string]HRESULT {
	m := make(map[string]HRESULT, len(names))
	for h, n := range names {
		m[n] = h
	}
	return m
}()

// Error is an HRESULT with context: which member returned it and why. It
// unwraps to its HRESULT, so errors.Is(err, hresult.E_FAIL) still holds.
type Error struct {
	HR     HRESULT
	Member string // e.g. "IMessenger::InstantMessage"
	Reason string // e.g. "the contact is the signed-in user"
}

func (e *Error) Error() string {
	var b strings.Builder
	if e.Member != "" {
		b.WriteString(e.Member)
		b.WriteString(": ")
	}
	b.WriteString(e.HR.String())
	if e.Reason != "" {
		b.WriteString(": ")
		b.WriteString(e.Reason)
	}
	return b.String()
}

// Unwrap exposes the HRESULT to errors.Is and errors.As.
func (e *Error) Unwrap() error { return e.HR }

// New returns hr with context. For S_OK it returns nil: S_OK is "no error".
func New(hr HRESULT, member, reason string) error {
	if hr == S_OK {
		return nil
	}
	return &Error{HR: hr, Member: member, Reason: reason}
}

// Code extracts the HRESULT from err: S_OK for nil, the wrapped code when err
// carries one, E_FAIL otherwise (as a COM server maps an unknown failure).
func Code(err error) HRESULT {
	if err == nil {
		return S_OK
	}
	var h HRESULT
	if errors.As(err, &h) {
		return h
	}
	return E_FAIL
}

// Failed reports whether err is a failure: nil and success codes such as
// S_FALSE are not. This is FAILED(hr) for errors, the check a caller ported
// from C++ should use instead of err != nil.
func Failed(err error) bool { return Code(err).Failed() }
