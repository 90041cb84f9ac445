package hresult_test

import (
	"errors"
	"fmt"

	"github.com/fakemessenger/fakemessenger/hresult"
)

// Every automation call returns its HRESULT as the error: errors.Is finds
// the code through wrapping, and Failed is C++'s FAILED(hr), for which
// S_FALSE is a success.
func ExampleCode() {
	err := fmt.Errorf("notify jaya: %w", hresult.New(hresult.MSGR_E_NOT_LOGGED_ON, "IMessenger::InstantMessage", "not signed in"))
	fmt.Println(errors.Is(err, hresult.MSGR_E_NOT_LOGGED_ON))
	fmt.Println(hresult.Code(err).Name(), hresult.Failed(err))

	closed := hresult.New(hresult.S_FALSE, "IMessenger::InstantMessage", "the window is already closed")
	fmt.Println(hresult.Code(closed).Name(), hresult.Failed(closed))
	fmt.Println(hresult.Code(nil).Name())
	// Output:
	// true
	// MSGR_E_NOT_LOGGED_ON true
	// S_FALSE false
	// S_OK
}

// Parse reads what a test or the wire protocol writes: a name, a hex
// value or a signed decimal, as VBScript's Err.Number prints it.
func ExampleParse() {
	for _, s := range []string{"E_INVALIDARG", "0x80004005", "-2147467259", "E_NOPE"} {
		hr, err := hresult.Parse(s)
		if err != nil {
			fmt.Println("error:", err)
			continue
		}
		fmt.Println(hr.String())
	}
	// Output:
	// E_INVALIDARG (0x80070057)
	// E_FAIL (0x80004005)
	// E_FAIL (0x80004005)
	// error: hresult: parse "E_NOPE": neither a known name nor a 32-bit value
}
