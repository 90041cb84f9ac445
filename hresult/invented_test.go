package hresult

import "testing"

// The invented codes join the reference check as their own rows: they are
// not in the reference (it gives them no value), they are ours.
func init() {
	referenceTable = append(referenceTable,
		struct{ name, hex string }{"E_INVALIDINDEX", "0xA0FA0001"},
		struct{ name, hex string }{"E_INVALIDAVAILABILITY", "0xA0FA0002"})
}

func TestInventedCodesAreCustomerCodes(t *testing.T) {
	for _, h := range Invented() {
		if h&0x20000000 == 0 || !h.Failed() {
			t.Errorf("%s: an invented code must be a failure with the customer bit set", h)
		}
		if got, ok := Lookup(h.Name()); !ok || got != h {
			t.Errorf("Lookup(%q) = %v, %v", h.Name(), got, ok)
		}
	}
}
