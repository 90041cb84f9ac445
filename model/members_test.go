package model

import (
	"math/bits"
	"strings"
	"testing"
)

// TestMIDLDispids checks the DISPIDs of members declared without [id]
// against the rule MIDL follows: 0x60000000 + level<<16 + the index of
// the member's first accessor among the interface's own functions.
func TestMIDLDispids(t *testing.T) {
	checked := 0
	for _, it := range Interfaces() {
		fn := 0
		for _, m := range it.Own {
			if uint32(m.DISPID)&0xF0000000 == 0x60000000 {
				want := int32(0x60000000 + it.Level()<<16 + fn)
				if m.DISPID != want {
					t.Errorf("%s::%s DISPID %#x, MIDL gives %#x", it.Name, m.Name, m.DISPID, want)
				}
				checked++
			}
			fn += bits.OnesCount16(uint16(m.Kinds &^ DISPATCH_METHOD))
			if m.Kinds&DISPATCH_METHOD != 0 && m.Kinds&DISPATCH_PROPERTYGET == 0 {
				fn++
			}
		}
	}
	if checked != 10 {
		t.Errorf("checked %d auto-assigned DISPIDs, want 10 (6 Communicator members, 4 IEnumVARIANT)", checked)
	}
	for name, want := range map[string]int32{
		"StartConversation": 0x60050000, "GetAuthenticationInfo": 0x60050001,
	} {
		if m, ok := LookupMember(IMessengerAdvanced, name); !ok || m.DISPID != want {
			t.Errorf("%s: %v %v", name, m, ok)
		}
	}
}

func TestInterfaceTable(t *testing.T) {
	iids := map[string]string{}
	for _, it := range Interfaces() {
		if NormalizeGUID(it.IID) != it.IID {
			t.Errorf("%s: IID %q is not in registry form", it.Name, it.IID)
		}
		if other, dup := iids[it.IID]; dup {
			t.Errorf("%s and %s share IID %s", it.Name, other, it.IID)
		}
		iids[it.IID] = it.Name
		if it.Base != "" {
			if _, ok := LookupInterface(it.Base); !ok {
				t.Errorf("%s: base %s is not in the table", it.Name, it.Base)
			}
		}
		for _, m := range it.Own {
			if m.Interface != it.Name {
				t.Errorf("%s::%s is filed under %s", it.Name, m.Name, m.Interface)
			}
			if m.Marks[Communicator2007].Doc == "" {
				t.Errorf("%s::%s cites no documentation page", it.Name, m.Name)
			}
		}
	}
	for _, c := range Classes {
		seen := map[int32]string{}
		for _, m := range Surface(c.Presents()) {
			if other, dup := seen[m.DISPID]; dup {
				t.Errorf("class %s: DISPID %d answers both %s and %s", c.Name, m.DISPID, other, m.Name)
			}
			seen[m.DISPID] = m.Name
		}
	}
}

func TestInheritance(t *testing.T) {
	for _, tc := range []struct {
		iface, base string
		want        bool
	}{
		{IMessengerAdvanced, IMessenger, true},
		{IMessengerAdvanced, IMessenger2, true},
		{IMessengerAdvanced, IMessenger3, true},
		{IMessengerAdvanced, "imessenger", true},
		{IMessengerAdvanced, IDispatch, true},
		{IMessengerAdvanced, IUnknown, true},
		{IMessengerAdvanced, IMessengerContactResolution, false},
		{IMessengerConversationWndAdvanced, IMessengerWindow, true},
		{IMessengerContactAdvanced, IMessengerContact, true},
		{IMessengerContact, IMessengerContactAdvanced, false},
		{IEnumVARIANT, IDispatch, false},
		{IEnumVARIANT, IUnknown, true},
	} {
		if got := Implements(tc.iface, tc.base); got != tc.want {
			t.Errorf("Implements(%s, %s) = %v", tc.iface, tc.base, got)
		}
	}
	if !ObjectImplements(IMessengerAdvanced, IMessengerContactResolution) {
		t.Error("the Messenger object must answer for IMessengerContactResolution")
	}
	// An inherited member is the very declaration of its base.
	a, _ := LookupMember(IMessengerConversationWndAdvanced, "close")
	b, _ := LookupMember(IMessengerWindow, "Close")
	if a == nil || a != b {
		t.Errorf("Close through the advanced window = %p, through IMessengerWindow = %p", a, b)
	}
	if m, ok := LookupMember(IMessengerAdvanced, "ResolveContact"); !ok || m.Interface != IMessengerContactResolution {
		t.Errorf("ResolveContact on the Messenger object: %v %v", m, ok)
	}
	if _, ok := LookupMember(IMessenger, "StartConversation"); ok {
		t.Error("IMessenger alone must not answer StartConversation")
	}
	if m, ok := LookupDISPID(IMessengerAdvanced, 1290); !ok || m.Name != "InstantMessage" {
		t.Errorf("DISPID 1290 = %v", m)
	}
}

func TestGUIDs(t *testing.T) {
	for in, want := range map[string]string{
		"{da0635e8-09af-480c-88b2-aa9fa1d9db27}":  IMessengerAdvanced,
		"DA0635E8-09AF-480C-88B2-AA9FA1D9DB27":    IMessengerAdvanced,
		" {00020400-0000-0000-C000-000000000046}": IDispatch,
		"00000000-0000-0000-c000-000000000046":    IUnknown,
	} {
		if got, ok := InterfaceByIID(in); !ok || got != want {
			t.Errorf("InterfaceByIID(%q) = %q %v, want %s", in, got, ok, want)
		}
	}
	for _, bad := range []string{"", "{}", "DA0635E8-09AF-480C-88B2", "{DA0635E8-09AF-480C-88B2-AA9FA1D9DB2Z}", "DA0635E8x09AF-480C-88B2-AA9FA1D9DB27"} {
		if NormalizeGUID(bad) != "" {
			t.Errorf("NormalizeGUID(%q) accepted it", bad)
		}
	}
	if _, ok := InterfaceByIID("{11111111-2222-3333-4444-555555555555}"); ok {
		t.Error("an unknown IID was found")
	}
}

// The wire spellings of Invoke's flags, one table for the server's member
// listing, the client's requests and the journal it reads back.
func TestInvokeKindSpelling(t *testing.T) {
	for _, tc := range []struct {
		k    InvokeKind
		s    string
		list []string
	}{
		{DISPATCH_METHOD, "method", []string{"method"}},
		{DISPATCH_METHOD | DISPATCH_PROPERTYGET, "method|propget", []string{"method", "propget"}},
		{DISPATCH_PROPERTYGET | DISPATCH_PROPERTYPUT, "propget|propput", []string{"propget", "propput"}},
		{DISPATCH_PROPERTYPUTREF, "propputref", []string{"propputref"}},
	} {
		if got := tc.k.String(); got != tc.s {
			t.Errorf("%d.String() = %q, want %q", tc.k, got, tc.s)
		}
		if got := tc.k.Names(); strings.Join(got, ",") != strings.Join(tc.list, ",") {
			t.Errorf("%d.Names() = %q", tc.k, got)
		}
		if k, ok := ParseInvokeKind(tc.s); !ok || k != tc.k {
			t.Errorf("ParseInvokeKind(%q) = %d, %v", tc.s, k, ok)
		}
	}
	if s := InvokeKind(16).String(); s != "kind(16)" {
		t.Errorf("an unknown flag spells %q", s)
	}
	if n := InvokeKind(0).Names(); len(n) != 0 || n == nil {
		t.Errorf("no flags: Names() = %#v, want an empty list", n)
	}
	for _, bad := range []string{"", "get", "method|", "method|method", "propget|bogus"} {
		if _, ok := ParseInvokeKind(bad); ok {
			t.Errorf("ParseInvokeKind(%q) accepted it", bad)
		}
	}
}
