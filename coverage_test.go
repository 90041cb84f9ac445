package fakemessenger_test

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/fakemessenger/fakemessenger/hresult"
	"github.com/fakemessenger/fakemessenger/model"
	"github.com/fakemessenger/fakemessenger/sim"
)

// COVERAGE.md is generated from the code: the interface table (model),
// the documented conditions recorded beside each handler (sim.Conditions)
// and what the conformance rows actually observe in the journal. `make
// coverage` rewrites it; TestCoverageTable fails when it is stale.

var updateCoverage = flag.Bool("update-coverage", false, "rewrite COVERAGE.md from the code")

// referenceMembers is the type library's member list per interface, in
// vtable order (msgrua.h, as the Communicator 2007 SDK ships it), copied
// here as data so that a member dropped from model's table is noticed.
var referenceMembers = map[string][]string{
	model.IMessenger: {"Window", "ViewProfile", "ReceiveFileDirectory", "StartVoice", "InviteApp", "SendMail", "OpenInbox",
		"SendFile", "Signout", "Signin", "GetContact", "OptionsPages", "AddContact", "FindContact", "InstantMessage", "Phone",
		"MediaWizard", "Page", "AutoSignin", "MyContacts", "MySigninName", "MyFriendlyName", "MyStatus", "UnreadEmailCount",
		"MyServiceName", "MyPhoneNumber", "MyProperty", "MyServiceId", "Services"},
	model.IMessenger2:                       {"ContactsSortOrder", "StartVideo", "MyGroups", "CreateGroup"},
	model.IMessenger3:                       {"Property"},
	model.IMessengerAdvanced:                {"StartConversation", "GetAuthenticationInfo"},
	model.IMessengerContactResolution:       {"ResolveContact"},
	model.IMessengerWindow:                  {"Close", "HWND", "Left", "Top", "Width", "Height", "IsClosed", "Show", "Property"},
	model.IMessengerConversationWnd:         {"Contacts", "History", "AddContact"},
	model.IMessengerConversationWndAdvanced: {"SendText"},
	model.IMessengerContact:                 {"FriendlyName", "Status", "SigninName", "ServiceName", "Blocked", "CanPage", "PhoneNumber", "IsSelf", "Property", "ServiceId"},
	model.IMessengerContactAdvanced:         {"IsTagged", "PresenceProperties"},
	model.IMessengerContacts:                {"Count", "Item", "Remove", "_NewEnum"},
	model.IMessengerService:                 {"ServiceName", "ServiceID", "MyFriendlyName", "MyStatus", "MySigninName", "Property"},
	model.IMessengerServices:                {"PrimaryService", "Count", "Item", "_NewEnum"},
	model.IMessengerGroup:                   {"Contacts", "Name", "AddContact", "RemoveContact", "Service"},
	model.IMessengerGroups:                  {"Remove", "Count", "Item", "_NewEnum"},
}

// referenceEvents is CommunicatorAPI's DMessengerEvents (26 events).
var referenceEvents = []string{"OnGroupAdded", "OnGroupRemoved", "OnGroupNameChanged", "OnContactAddedToGroup",
	"OnContactRemovedFromGroup", "OnIMWindowCreated", "OnIMWindowDestroyed", "OnIMWindowContactAdded",
	"OnIMWindowContactRemoved", "OnAppShutdown", "OnSignin", "OnSignout", "OnContactListAdd", "OnContactListRemove",
	"OnMyFriendlyNameChange", "OnMyStatusChange", "OnMyPhoneChange", "OnMyPropertyChange", "OnContactFriendlyNameChange",
	"OnContactStatusChange", "OnContactPropertyChange", "OnContactBlockChange", "OnContactPagerChange",
	"OnContactPhoneChange", "OnUnreadEmailChange", "OnContactResolved"}

func TestReferenceSurfaceIsDeclared(t *testing.T) {
	for iface, names := range referenceMembers {
		it, ok := model.LookupInterface(iface)
		if !ok {
			t.Errorf("interface %s of the reference is not in model's table", iface)
			continue
		}
		own := map[string]bool{}
		for _, m := range it.Own {
			own[m.Name] = true
		}
		for _, n := range names {
			if !own[n] {
				t.Errorf("%s::%s of the reference is not declared", iface, n)
			}
		}
		if len(it.Own) != len(names) {
			t.Errorf("%s declares %d members, the reference %d", iface, len(it.Own), len(names))
		}
	}
	for _, e := range referenceEvents {
		if _, ok := model.LookupEvent(e); !ok {
			t.Errorf("event %s of the reference is not declared", e)
		}
	}
	if len(model.Events) != len(referenceEvents) {
		t.Errorf("model declares %d events, CommunicatorAPI has %d", len(model.Events), len(referenceEvents))
	}
}

type pinKey struct {
	iface, member string
	hr            hresult.HRESULT
}

// observation is what the conformance rows made happen, run in-process.
type observation struct {
	pins   map[pinKey][]string // member returned hr, in these rows
	events map[string][]string // event fired, in these rows
}

func observeRows(t *testing.T) observation {
	obs := observation{pins: map[pinKey][]string{}, events: map[string][]string{}}
	type optRow struct {
		conformanceRow
		opts []sim.Option
	}
	var rows []optRow
	for _, r := range allRows() {
		rows = append(rows, optRow{conformanceRow: r})
	}
	for _, r := range withOptions {
		rows = append(rows, optRow{r.conformanceRow, r.opts})
	}
	for _, r := range rows {
		var w *sim.World
		t.Run(r.name, func(t *testing.T) {
			x := startInProcess(t, r.opts...).(*inProcess)
			w = x.w
			r.run(t, x)
		})
		if w == nil {
			continue
		}
		seen := map[pinKey]bool{}
		for _, c := range w.Journal() {
			k := pinKey{c.Interface, c.Member, c.HR}
			if !seen[k] {
				seen[k] = true
				obs.pins[k] = append(obs.pins[k], r.name)
			}
		}
		for name := range w.EventsFired() {
			obs.events[name] = append(obs.events[name], r.name)
		}
	}
	return obs
}

func TestCoverageTable(t *testing.T) {
	obs := observeRows(t)
	if t.Failed() {
		t.Fatal("a conformance row failed in-process; COVERAGE.md is not rewritten from a failing run")
	}
	got := renderCoverage(obs)
	if *updateCoverage {
		if err := os.WriteFile("COVERAGE.md", got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile("COVERAGE.md")
	if err != nil {
		t.Fatalf("COVERAGE.md: %v (make coverage writes it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("COVERAGE.md is stale: run `make coverage` and commit it")
	}
}

// TestSimulatedMembersHaveHandlers: "simulated" in the table means a
// handler answers it, never E_NOTIMPL "not simulated".
func TestSimulatedMembersHaveHandlers(t *testing.T) {
	for _, it := range model.Interfaces() {
		for i := range it.Own {
			m := &it.Own[i]
			if m.Support(model.Communicator2007) == model.Simulated && !sim.Handles(m) {
				t.Errorf("%s::%s is marked simulated but has no handler", it.Name, m.Name)
			}
		}
	}
}

func renderCoverage(obs observation) []byte {
	var b bytes.Buffer
	p := func(format string, a ...any) { fmt.Fprintf(&b, format, a...) }
	conds := sim.Conditions()
	byMember := map[string][]sim.Condition{}
	for _, c := range conds {
		k := c.Interface + "::" + c.Member
		byMember[k] = append(byMember[k], c)
	}

	var members, simulated, notSupported, missing int
	for _, it := range model.Interfaces() {
		if it.Name == model.IEnumVARIANT {
			continue // not part of the type library
		}
		for i := range it.Own {
			m := &it.Own[i]
			members++
			switch {
			case m.Support(model.Communicator2007) == model.NotSupported:
				notSupported++
			case sim.Handles(m):
				simulated++
			default:
				missing++
			}
		}
	}
	var condTotal, condPinned, nullPtr int
	for _, c := range conds {
		if c.Reach == sim.NullPointer {
			nullPtr++
			continue
		}
		condTotal++
		if len(obs.pins[pinKey{c.Interface, c.Member, c.HR}]) > 0 {
			condPinned++
		}
	}
	var evSupported, evFired int
	for _, e := range model.Events {
		if e.Marks[model.Communicator2007].Support == model.Simulated {
			evSupported++
			if len(obs.events[e.Name]) > 0 {
				evFired++
			}
		}
	}

	p("# Coverage of the Communicator 2007 automation API\n\n")
	p("Generated from the code by `make coverage` (`go test -run TestCoverageTable -update-coverage .`);\n")
	p("`make test` fails when this file is stale. Sources: the interface table in `model/members.go`,\n")
	p("the documented return values recorded beside each handler (`sim.Conditions`), and what the\n")
	p("conformance rows observe when run in-process (a condition counts as pinned when some row's\n")
	p("journal shows the member returning that HRESULT; every row also runs over the wire).\n\n")
	p("Pages: `bbNNNNNN` is the Communicator 2007 SDK page\n")
	p("`https://learn.microsoft.com/en-us/previous-versions/office/developer/communicator-client-2007/bbNNNNNN(v=office.12)`;\n")
	p("`wm:NAME` the Windows Messenger page `https://learn.microsoft.com/en-us/previous-versions/windows/desktop/winmessenger/NAME`.\n\n")
	p("## Summary\n\n| figure | value |\n|---|---|\n")
	p("| members in the type library | %d |\n", members)
	p("| simulated | %d |\n", simulated)
	p("| not supported by Communicator 2007 (answer `E_NOTIMPL`, as documented) | %d |\n", notSupported)
	p("| declared but not simulated | %d |\n", missing)
	p("| simulated or documented as not supported | %s |\n", pct(simulated+notSupported, members))
	p("| events (DMessengerEvents) | %d, of which %d supported |\n", len(model.Events), evSupported)
	p("| supported events fired by some conformance row | %d of %d |\n", evFired, evSupported)
	p("| documented return-value conditions (excluding %d NULL [out] pointer ones) | %d |\n", nullPtr, condTotal)
	p("| conditions pinned by a conformance row | %d (%s) |\n", condPinned, pct(condPinned, condTotal))
	p("| conformance rows | %d (each run in-process and over the wire) |\n\n", len(allRows())+len(withOptions))

	for _, it := range model.Interfaces() {
		p("## %s\n\n", it.Name)
		base := it.Base
		if base == "" {
			base = "IDispatch"
			if !it.Dispatchable {
				base = "IUnknown (not a dispatch interface in COM; reachable by name here)"
			}
		}
		p("IID `%s`, derives from %s. [Documentation](%s).\n\n", it.IID, base, it.Doc)
		p("| member | DISPID | kinds | scriptable | status | page |\n|---|---|---|---|---|---|\n")
		for i := range it.Own {
			m := &it.Own[i]
			mk := m.Marks[model.Communicator2007]
			status := "simulated"
			switch {
			case mk.Support == model.NotSupported:
				status = "**not supported** (E_NOTIMPL)"
			case !sim.Handles(m):
				status = "**not simulated**"
			}
			p("| %s | %s | %s | %s | %s | %s |\n", m.Name, dispid(m.DISPID), kinds(m.Kinds), kinds(mk.Script), status, mk.Doc)
		}
		p("\n")
		for i := range it.Own {
			m := &it.Own[i]
			cs := byMember[it.Name+"::"+m.Name]
			if len(cs) == 0 {
				continue
			}
			p("**%s::%s**\n\n", it.Name, m.Name)
			documented := map[hresult.HRESULT]bool{}
			for _, c := range cs {
				documented[c.HR] = true
				rows := obs.pins[pinKey{c.Interface, c.Member, c.HR}]
				pin := "not pinned"
				if c.Reach == sim.NullPointer {
					pin = "cannot arise over IDispatch"
				} else if len(rows) > 0 {
					pin = "pinned by " + rowList(rows)
				}
				p("- `%s` by %s: %s (%s). %s.\n", c.HR.Name(), c.Reach, c.When, c.Doc, pin)
			}
			if extra := otherCodes(obs, it.Name, m.Name, documented); extra != "" {
				p("- Also observed (the dispatch layer's codes): %s.\n", extra)
			}
			p("\n")
		}
	}

	p("## Events\n\n| event | DISPID | parameters | status | fired by |\n|---|---|---|---|---|\n")
	for _, e := range model.Events {
		status := "supported"
		if e.Marks[model.Communicator2007].Support == model.NotSupported {
			status = "**not supported** (never fires)"
		}
		fired := "-"
		if rows := obs.events[e.Name]; len(rows) > 0 {
			fired = rowList(rows)
		}
		p("| %s | %d | %s | %s | %s |\n", e.Name, e.DISPID, strings.Join(e.Params, ", "), status, fired)
	}
	return b.Bytes()
}

func otherCodes(obs observation, iface, member string, documented map[hresult.HRESULT]bool) string {
	var out []string
	for k := range obs.pins {
		if k.iface == iface && k.member == member && !documented[k.hr] {
			out = append(out, "`"+k.hr.Name()+"`")
		}
	}
	sort.Strings(out)
	return strings.Join(out, ", ")
}

func rowList(rows []string) string {
	rows = append([]string(nil), rows...)
	sort.Strings(rows)
	const show = 3
	quoted := make([]string, 0, show)
	for i, r := range rows {
		if i == show {
			break
		}
		quoted = append(quoted, "\""+r+"\"")
	}
	s := strings.Join(quoted, ", ")
	if len(rows) > show {
		s += fmt.Sprintf(" and %d more", len(rows)-show)
	}
	return s
}

func pct(n, of int) string {
	if of == 0 {
		return "0%"
	}
	return fmt.Sprintf("%d of %d, %.0f%%", n, of, 100*float64(n)/float64(of))
}

func dispid(d int32) string {
	if uint32(d)&0xF0000000 == 0x60000000 {
		return fmt.Sprintf("0x%08X", uint32(d))
	}
	return fmt.Sprint(d)
}

func kinds(k model.InvokeKind) string {
	var parts []string
	if k&model.DISPATCH_METHOD != 0 {
		parts = append(parts, "method")
	}
	if k&model.DISPATCH_PROPERTYGET != 0 {
		parts = append(parts, "get")
	}
	if k&model.DISPATCH_PROPERTYPUT != 0 {
		parts = append(parts, "put")
	}
	if len(parts) == 0 {
		return "no"
	}
	return strings.Join(parts, ", ")
}
