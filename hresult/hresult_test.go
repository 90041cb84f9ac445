package hresult

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
)

// TestReferenceTable checks codes.go against the reference text row by row,
// through the public API only, so a constant, its name and the lookup maps
// must all agree with the reference.
func TestReferenceTable(t *testing.T) {
	for _, row := range referenceTable {
		t.Run(row.name, func(t *testing.T) {
			h, ok := Lookup(row.name)
			if !ok {
				t.Fatalf("Lookup(%q): not found", row.name)
			}
			if got := h.Hex(); got != row.hex {
				t.Errorf("Lookup(%q).Hex() = %s, reference says %s", row.name, got, row.hex)
			}
			if got := h.Name(); got != row.name {
				t.Errorf("%s.Name() = %q, want %q", row.hex, got, row.name)
			}
			if got := h.String(); got != row.name+" ("+row.hex+")" {
				t.Errorf("String() = %q", got)
			}
			for _, in := range []string{row.hex, row.name, strings.ToLower(row.name)} {
				p, err := Parse(in)
				if err != nil {
					t.Errorf("Parse(%q): %v", in, err)
				} else if p != h {
					t.Errorf("Parse(%q) = %s, want %s", in, p.Hex(), row.hex)
				}
			}
		})
	}
}

// TestNoUnreferencedCodes makes every named code trace back to a reference row.
func TestNoUnreferencedCodes(t *testing.T) {
	if got, want := len(All()), len(referenceTable); got != want {
		t.Errorf("len(All()) = %d, reference has %d rows", got, want)
	}
	inRef := make(map[string]bool, len(referenceTable))
	for _, row := range referenceTable {
		if inRef[row.name] {
			t.Errorf("reference table lists %s twice", row.name)
		}
		inRef[row.name] = true
	}
	seen := make(map[HRESULT]bool)
	for _, h := range All() {
		if seen[h] {
			t.Errorf("All() returns %s twice", h)
		}
		seen[h] = true
		if !inRef[h.Name()] {
			t.Errorf("All() has %s, which has no reference row", h)
		}
	}
}

// TestConstantsByIdentifier pins the codes the simulator uses most by their Go
// identifiers, so a swapped name/value pair in codes.go cannot pass unnoticed.
func TestConstantsByIdentifier(t *testing.T) {
	tests := []struct {
		name string
		got  HRESULT
		want uint32
	}{
		{"S_OK", S_OK, 0},
		{"S_FALSE", S_FALSE, 1},
		{"E_FAIL", E_FAIL, 0x80004005},
		{"E_INVALIDARG", E_INVALIDARG, 0x80070057},
		{"RPC_X_NULL_REF_POINTER", RPC_X_NULL_REF_POINTER, 0x800706F4},
		{"MSGR_E_NOT_LOGGED_ON", MSGR_E_NOT_LOGGED_ON, 0x8100031E},
		{"MSGR_E_USER_NOT_FOUND", MSGR_E_USER_NOT_FOUND, 0x8100030A},
		{"DISP_E_UNKNOWNNAME", DISP_E_UNKNOWNNAME, 0x80020006},
		{"DISP_E_BADPARAMCOUNT", DISP_E_BADPARAMCOUNT, 0x8002000E},
		{"DISP_E_TYPEMISMATCH", DISP_E_TYPEMISMATCH, 0x80020005},
		{"MSGR_S_ALREADY_IN_THE_MODE", MSGR_S_ALREADY_IN_THE_MODE, 0x01000301},
	}
	for _, tt := range tests {
		if uint32(tt.got) != tt.want {
			t.Errorf("%s = 0x%08X, want 0x%08X", tt.name, uint32(tt.got), tt.want)
		}
		if tt.got.Name() != tt.name {
			t.Errorf("%s.Name() = %q", tt.name, tt.got.Name())
		}
	}
}

// TestSeverity derives the expected severity from the name (S_*, MSGR_S_*
// succeed; E_*, MSGR_E_*, DISP_E_*... fail), independently of bit 31.
func TestSeverity(t *testing.T) {
	for _, row := range referenceTable {
		h, _ := Lookup(row.name)
		wantOK := strings.HasPrefix(row.name, "S_") || strings.HasPrefix(row.name, "MSGR_S_")
		if h.Succeeded() != wantOK || h.Failed() == wantOK {
			t.Errorf("%s: Succeeded() = %v, Failed() = %v; want success %v",
				row.name, h.Succeeded(), h.Failed(), wantOK)
		}
	}
	tests := []struct {
		h      HRESULT
		failed bool
	}{
		{S_OK, false},
		{S_FALSE, false},
		{MSGR_S_ALREADY_IN_THE_MODE, false},
		{MSGR_S_CONV_ID_MATCH, false},
		{E_FAIL, true},
		{E_INVALIDARG, true},
		{MSGR_E_NOT_LOGGED_ON, true},
		{MSGR_E_CONNECT, true},
		{0x7FFFFFFF, false}, // largest success value
		{0x80000000, true},  // smallest failure value
	}
	for _, tt := range tests {
		if tt.h.Failed() != tt.failed || tt.h.Succeeded() == tt.failed {
			t.Errorf("%s: Failed() = %v, Succeeded() = %v; want Failed %v",
				tt.h, tt.h.Failed(), tt.h.Succeeded(), tt.failed)
		}
	}
}

func TestUnnamedCode(t *testing.T) {
	h := HRESULT(0x8100035A) // a gap in the MSGR_E range (reference 3.2)
	if h.Name() != "" {
		t.Errorf("Name() = %q, want empty", h.Name())
	}
	if h.String() != "0x8100035A" {
		t.Errorf("String() = %q, want the hex form alone", h.String())
	}
	if _, ok := Lookup("MSGR_E_NO_SUCH_CODE"); ok {
		t.Error("Lookup of an unknown name succeeded")
	}
}

func TestErrorsIsAndAs(t *testing.T) {
	plain := error(E_FAIL)
	withCtx := New(E_FAIL, "IMessenger::InstantMessage", "could not get window handle")
	wrapped := fmt.Errorf("ctx: %w", withCtx)
	wrappedPlain := fmt.Errorf("ctx: %w", E_INVALIDARG)

	isTests := []struct {
		name   string
		err    error
		target HRESULT
		want   bool
	}{
		{"bare code", plain, E_FAIL, true},
		{"bare code, other target", plain, E_INVALIDARG, false},
		{"with context", withCtx, E_FAIL, true},
		{"with context, other target", withCtx, E_INVALIDARG, false},
		{"wrapped", wrapped, E_FAIL, true},
		{"wrapped, other target", wrapped, MSGR_E_NOT_LOGGED_ON, false},
		{"wrapped bare code", wrappedPlain, E_INVALIDARG, true},
		{"wrapped bare code, other target", wrappedPlain, E_FAIL, false},
		{"foreign error", io.EOF, E_FAIL, false},
	}
	for _, tt := range isTests {
		if got := errors.Is(tt.err, tt.target); got != tt.want {
			t.Errorf("%s: errors.Is(%v, %s) = %v, want %v", tt.name, tt.err, tt.target, got, tt.want)
		}
	}

	var e *Error
	if !errors.As(wrapped, &e) {
		t.Fatal("errors.As(wrapped, *Error) = false")
	}
	if e.HR != E_FAIL || e.Member != "IMessenger::InstantMessage" || e.Reason != "could not get window handle" {
		t.Errorf("errors.As gave %+v", *e)
	}
	var h HRESULT
	if !errors.As(wrapped, &h) || h != E_FAIL {
		t.Errorf("errors.As(wrapped, HRESULT) = %s", h)
	}
	if errors.As(io.EOF, &h) {
		t.Error("errors.As(io.EOF, HRESULT) = true")
	}
}

func TestNewSOKIsNil(t *testing.T) {
	if err := New(S_OK, "IMessenger::InstantMessage", "fine"); err != nil {
		t.Errorf("New(S_OK) = %#v, want nil", err)
	}
	// S_FALSE is not "no error": the typed API reports it, Failed says it is not a failure.
	if err := New(S_FALSE, "IMessengerWindow::Close", "already closed"); err == nil {
		t.Error("New(S_FALSE) = nil")
	}
}

func TestCodeAndFailed(t *testing.T) {
	tests := []struct {
		name   string
		err    error
		code   HRESULT
		failed bool
	}{
		{"nil", nil, S_OK, false},
		{"foreign error", errors.New("boom"), E_FAIL, true},
		{"wrapped foreign error", fmt.Errorf("x: %w", io.EOF), E_FAIL, true},
		{"bare S_FALSE", S_FALSE, S_FALSE, false},
		{"S_FALSE with context", New(S_FALSE, "IMessengerWindow::Close", ""), S_FALSE, false},
		{"bare MSGR_S", MSGR_S_ALREADY_IN_THE_MODE, MSGR_S_ALREADY_IN_THE_MODE, false},
		{"bare E_FAIL", E_FAIL, E_FAIL, true},
		{"E_INVALIDARG with context", New(E_INVALIDARG, "IMessenger::GetContact", "space"), E_INVALIDARG, true},
		{"wrapped twice", fmt.Errorf("a: %w", fmt.Errorf("b: %w", New(MSGR_E_NOT_LOGGED_ON, "m", "r"))), MSGR_E_NOT_LOGGED_ON, true},
	}
	for _, tt := range tests {
		if got := Code(tt.err); got != tt.code {
			t.Errorf("%s: Code = %s, want %s", tt.name, got, tt.code)
		}
		if got := Failed(tt.err); got != tt.failed {
			t.Errorf("%s: Failed = %v, want %v", tt.name, got, tt.failed)
		}
	}
}

func TestErrorStrings(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want []string
	}{
		{
			"full context",
			New(E_INVALIDARG, "IMessenger::InstantMessage", "longer than 129 characters"),
			[]string{"IMessenger::InstantMessage", "E_INVALIDARG", "0x80070057", "longer than 129 characters"},
		},
		{
			"wrapped",
			fmt.Errorf("ctx: %w", New(MSGR_E_NOT_LOGGED_ON, "IMessenger::GetContact", "not signed in")),
			[]string{"ctx: ", "IMessenger::GetContact", "MSGR_E_NOT_LOGGED_ON", "0x8100031E", "not signed in"},
		},
		{"bare code", E_FAIL, []string{"E_FAIL", "0x80004005"}},
		{"unnamed code", HRESULT(0x80001234), []string{"0x80001234"}},
	}
	for _, tt := range tests {
		msg := tt.err.Error()
		for _, w := range tt.want {
			if !strings.Contains(msg, w) {
				t.Errorf("%s: %q does not contain %q", tt.name, msg, w)
			}
		}
	}
	// The exact layout is what logs and the journal show; pin it once.
	got := New(E_FAIL, "IMessenger::InstantMessage", "why").Error()
	if want := "IMessenger::InstantMessage: E_FAIL (0x80004005): why"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	if got := (&Error{HR: E_FAIL}).Error(); got != "E_FAIL (0x80004005)" {
		t.Errorf("Error() without member/reason = %q", got)
	}
}

func TestHexFormat(t *testing.T) {
	tests := []struct {
		h    HRESULT
		want string
	}{
		{0, "0x00000000"},
		{1, "0x00000001"},
		{0x8000ffff, "0x8000FFFF"},
		{0xffffffff, "0xFFFFFFFF"},
		{0x00abcdef, "0x00ABCDEF"},
	}
	for _, tt := range tests {
		if got := tt.h.Hex(); got != tt.want {
			t.Errorf("HRESULT(%d).Hex() = %q, want %q", uint32(tt.h), got, tt.want)
		}
	}
}

func TestParse(t *testing.T) {
	tests := []struct {
		in   string
		want HRESULT
	}{
		{"0x80004005", E_FAIL},
		{"0X80004005", E_FAIL},
		{"0x8000ffff", E_UNEXPECTED},
		{"80004005", E_FAIL},
		{"8000ffff", E_UNEXPECTED},
		{"-2147467259", E_FAIL}, // .NET COMException.ErrorCode
		{"-2130705634", MSGR_E_NOT_LOGGED_ON},
		{"-1", 0xFFFFFFFF},
		{"-2147483648", 0x80000000},
		{"0", S_OK},
		{"1", S_FALSE},
		{"2147500037", E_FAIL},   // unsigned decimal
		{"16777985", 0x16777985}, // eight digits are the bare hex form, even when they look decimal
		{"E_FAIL", E_FAIL},
		{"e_fail", E_FAIL},
		{" E_FAIL ", E_FAIL},
		{"\tmsgr_e_not_logged_on\n", MSGR_E_NOT_LOGGED_ON},
		{" 0x80070057 ", E_INVALIDARG},
		{"0x1234", 0x1234}, // unnamed codes parse too
	}
	for _, tt := range tests {
		got, err := Parse(tt.in)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.in, err)
			continue
		}
		if got != tt.want {
			t.Errorf("Parse(%q) = %s, want %s", tt.in, got.Hex(), tt.want.Hex())
		}
	}
}

func TestParseErrors(t *testing.T) {
	for _, in := range []string{
		"",
		"   ",
		"0x",
		"0X",
		"0x1FFFFFFFF",  // 33 bits
		"4294967296",   // 2^32
		"-99999999999", // below int32
		"-2147483649",  // one below int32
		"bogus",
		"E_FAILED",
		"0xZZ",
		"0x-1",
		"--1",
	} {
		if h, err := Parse(in); err == nil {
			t.Errorf("Parse(%q) = %s, want an error", in, h.Hex())
		} else if !strings.Contains(err.Error(), fmt.Sprintf("%q", in)) {
			t.Errorf("Parse(%q) error %q does not quote the input", in, err)
		}
	}
}

func ExampleCode() {
	err := fmt.Errorf("send to jaya: %w",
		New(MSGR_E_NOT_LOGGED_ON, "IMessenger::InstantMessage", "not signed in"))

	fmt.Println(Code(err).String())
	fmt.Println(errors.Is(err, MSGR_E_NOT_LOGGED_ON), Failed(err))
	fmt.Println(err)
	fmt.Println(Failed(S_FALSE), Code(nil).String())
	// Output:
	// MSGR_E_NOT_LOGGED_ON (0x8100031E)
	// true true
	// send to jaya: IMessenger::InstantMessage: MSGR_E_NOT_LOGGED_ON (0x8100031E): not signed in
	// false S_OK (0x00000000)
}
