package inspector_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fakemessenger/fakemessenger/client"
	"github.com/fakemessenger/fakemessenger/hresult"
	"github.com/fakemessenger/fakemessenger/model"
	"github.com/fakemessenger/fakemessenger/wire"
)

// signinOf is the sign-in name of the contact an event parameter carries.
func signinOf(t *testing.T, v model.Variant) string {
	t.Helper()
	c, ok := v.Obj.(model.Contact)
	if !ok {
		t.Fatalf("event parameter %v is not a contact", v)
	}
	s, err := c.SigninName(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// submit fills a form's fields (name -> value) and submits it, as the
// person typing and pressing the button would.
func submit(t *testing.T, b *browser, form string, fields map[string]string) {
	t.Helper()
	var js strings.Builder
	fmt.Fprintf(&js, `(() => { const f = %s; if (!f) throw new Error("no form %s");`, form, strings.ReplaceAll(form, `"`, `'`))
	for k, v := range fields {
		fmt.Fprintf(&js, ` f.elements[%q].value = %q;`, k, v)
	}
	js.WriteString(` f.requestSubmit(); })()`)
	b.mustEval(t, js.String(), nil)
}

// TestInspectorPersonActions drives the control routes the merged
// branches added from the page, end to end: a participant joins and
// leaves a conversation, the person finishes the Add a Contact dialog a
// client's AddContact opened, adds and renames a group and puts a contact
// in it, renames themself, and restricts calls. Each reaches the Go
// client as the event the real Communicator raises (or as state), and the
// journal shows the calls with their result, identity and events.
func TestInspectorPersonActions(t *testing.T) {
	bin := needChromium(t)
	base := startFake(t, wire.Config{})
	b := startBrowser(t, bin)
	ctx := context.Background()
	c, err := client.New(base)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	got := &events{ch: make(chan struct{})}
	sub, err := c.Messenger().Subscribe(ctx, got.add)
	if err != nil {
		t.Fatal(err)
	}
	defer sub.Close()
	b.navigate(t, base+"/")
	b.waitFor(t, "the live stream", `document.getElementById('conn').textContent === 'live'`)

	win, err := c.Messenger().InstantMessage(ctx, model.BSTR("jaya@contoso.com"))
	if err != nil {
		t.Fatal(err)
	}
	h := hwndOf(t, win)
	card := fmt.Sprintf(`document.querySelector('.card[data-hwnd="%d"]')`, h)
	b.waitFor(t, "the card with its conversation type", card+` && `+card+`.querySelector('.badge.kind').textContent.startsWith('im')`)
	// The journal names the window the call returned, the event it
	// raised, and the window HWND was called on.
	b.waitFor(t, "InstantMessage's result and event in the journal", fmt.Sprintf(
		`[...document.querySelectorAll('#journal .jrow')].some(r => r.innerText.includes('InstantMessage') && r.innerText.includes('→ [window %d]') && r.innerText.includes('OnIMWindowCreated'))`, h))
	b.waitFor(t, "HWND's row by the window's identity", fmt.Sprintf(
		`[...document.querySelectorAll('#journal .jrow')].some(r => r.innerText.includes('HWND') && r.innerText.includes('window %d') && r.title.includes('IMessengerConversationWndAdvanced'))`, h))

	// A participant joins from the card's participants fold.
	b.mustEval(t, card+`.querySelector('details.fold > summary').click()`, nil)
	b.waitFor(t, "the join form", card+`.querySelector('form[data-action=join]')`)
	submit(t, b, card+`.querySelector('form[data-action=join]')`, map[string]string{"signinName": "sam@contoso.com"})
	added := got.wait(t, model.OnIMWindowContactAdded, func(model.Event) bool { return true })
	if s := signinOf(t, added.Params[0].Value); s != "sam@contoso.com" {
		t.Fatalf("OnIMWindowContactAdded for %s, want sam@contoso.com", s)
	}
	if w, ok := added.Params[1].Value.Obj.(model.ConversationWnd); !ok || w != win {
		t.Fatalf("OnIMWindowContactAdded names window %v, want the client's", added.Params[1].Value)
	}
	b.waitFor(t, "the new participant on the card", card+`.querySelector('.parts').innerText.includes('sam@contoso.com')`)
	// and leaves again (the fold stays open across the redraw)
	b.waitFor(t, "the leave form offering sam", card+`.querySelector('form[data-action=leave] option[value="sam@contoso.com"]')`)
	submit(t, b, card+`.querySelector('form[data-action=leave]')`, map[string]string{"signinName": "sam@contoso.com"})
	removed := got.wait(t, model.OnIMWindowContactRemoved, func(model.Event) bool { return true })
	if s := signinOf(t, removed.Params[0].Value); s != "sam@contoso.com" {
		t.Fatalf("OnIMWindowContactRemoved for %s, want sam@contoso.com", s)
	}
	b.waitFor(t, "the participant gone from the card", `!`+card+`.querySelector('.parts').innerText.includes('sam@contoso.com')`)

	// A client's AddContact opens the Add a Contact wizard; the person
	// finishes it on the page.
	if err := c.Messenger().AddContact(ctx, 0, "lee@contoso.com"); err != nil {
		t.Fatal(err)
	}
	dlg := `document.querySelector('#desk .uidialog[data-kind=addContact]')`
	b.waitFor(t, "the Add a Contact dialog", dlg+` && `+dlg+`.innerText.includes('Add a Contact') && `+dlg+`.querySelector('form[data-action=finish-dialog] input[name=signinName]').value === 'lee@contoso.com'`)
	b.screenshot(t, filepath.Join(artifactDir(t), "inspector-add-contact.png"))
	submit(t, b, dlg+`.querySelector('form[data-action=finish-dialog]')`, map[string]string{"friendlyName": "Lee Ray"})
	listAdd := got.wait(t, model.OnContactListAdd, func(model.Event) bool { return true })
	if hr := hresult.HRESULT(uint32(listAdd.Params[0].Value.Int)); hr != hresult.S_OK {
		t.Fatalf("OnContactListAdd hr %v, want S_OK", hr)
	}
	if s := signinOf(t, listAdd.Params[1].Value); s != "lee@contoso.com" {
		t.Fatalf("OnContactListAdd for %s, want lee@contoso.com", s)
	}
	b.waitFor(t, "the dialog closed and lee listed", `!document.querySelector('#desk .uidialog') && document.querySelector('#contacts [data-signin="lee@contoso.com"]')`)

	// A group, added and renamed from the contact list; lee put in it.
	b.mustEval(t, `document.querySelector('#list-more > summary').click()`, nil)
	submit(t, b, `document.querySelector('#list-more form[data-action=add-group]')`, map[string]string{"name": "Friends"})
	got.wait(t, model.OnGroupAdded, func(model.Event) bool { return true })
	b.waitFor(t, "the group header", `document.querySelector('#contacts .group[data-group="Friends"]')`)
	b.mustEval(t, `document.querySelector('#contacts .group[data-group="Friends"] .gtools > summary').click()`, nil)
	b.waitFor(t, "the group's rename form", `document.querySelector('#contacts .group[data-group="Friends"] form[data-action=rename-group]')`)
	submit(t, b, `document.querySelector('#contacts .group[data-group="Friends"] form[data-action=rename-group]')`, map[string]string{"newName": "Close friends"})
	got.wait(t, model.OnGroupNameChanged, func(model.Event) bool { return true })
	lee := `document.querySelector('#contacts [data-signin="lee@contoso.com"]')`
	b.waitFor(t, "the renamed group", `document.querySelector('#contacts .group[data-group="Close friends"]') && `+lee)
	b.mustEval(t, lee+`.querySelector('details.fold > summary').click()`, nil)
	b.waitFor(t, "lee's group form", lee+`.querySelector('form[data-action=to-group] option[value="Close friends"]')`)
	submit(t, b, lee+`.querySelector('form[data-action=to-group]')`, map[string]string{"group": "Close friends"})
	got.wait(t, model.OnContactAddedToGroup, func(model.Event) bool { return true })
	b.waitFor(t, "lee under the group", `document.querySelector('#contacts .group[data-group="Close friends"] [data-signin="lee@contoso.com"]')`)

	// Lee's phone and presence note change, then the person blocks him:
	// each from his row's fold, which stays open across the redraws.
	submit(t, b, lee+`.querySelector('form[data-action=contact-phone]')`, map[string]string{"phoneType": "MPHONE_TYPE_MOBILE", "number": "+1 555 0100"})
	got.wait(t, model.OnContactPhoneChange, func(model.Event) bool { return true })
	b.waitFor(t, "the form again after the redraw", lee+` && `+lee+`.querySelector('form[data-action=contact-presence]')`)
	submit(t, b, lee+`.querySelector('form[data-action=contact-presence]')`, map[string]string{"note": "In Paris"})
	got.wait(t, model.OnContactStatusChange, func(ev model.Event) bool { return signinOf(t, ev.Params[0].Value) == "lee@contoso.com" })
	b.waitFor(t, "the note and the phone on lee's row", lee+`.innerText.includes('In Paris') && `+lee+`.querySelector('.who').title.includes('+1 555 0100')`)
	b.mustEval(t, lee+`.querySelector('form[data-action=block] button').click()`, nil)
	got.wait(t, model.OnContactBlockChange, func(model.Event) bool { return true })
	b.waitFor(t, "lee shown blocked", lee+`.innerText.includes('(blocked)') && `+lee+`.querySelector('form[data-action=unblock]')`)

	// and takes him off the list
	b.waitFor(t, "the remove button", lee+` && `+lee+`.querySelector('form[data-action=remove-contact] button')`)
	b.mustEval(t, lee+`.querySelector('form[data-action=remove-contact] button').click()`, nil)
	listRemove := got.wait(t, model.OnContactListRemove, func(model.Event) bool { return true })
	if s := signinOf(t, listRemove.Params[1].Value); s != "lee@contoso.com" {
		t.Fatalf("OnContactListRemove for %s, want lee@contoso.com", s)
	}
	b.waitFor(t, "lee off the list", `!document.querySelector('#contacts .group[data-group="Close friends"] [data-signin="lee@contoso.com"]')`)

	// StartConversation without participants opens the contact picker;
	// the person picks Kim on the page and the window opens.
	r, err := c.Messenger().StartConversation(ctx, model.CONVERSATION_TYPE_IM, model.Variant{}, model.StartConversationOptions{Subject: model.BSTR("Plans")})
	if err != nil || r.VT != model.VT_EMPTY {
		t.Fatalf("StartConversation with the picker: %v, %v", r, err)
	}
	picker := `document.querySelector('#desk .uidialog[data-dialog=picker]')`
	b.waitFor(t, "the contact picker", picker+` && `+picker+`.innerText.includes('Plans')`)
	submit(t, b, picker+`.querySelector('form[data-action=pick]')`, map[string]string{"participants": "kim@fabrikam.com"})
	created := got.wait(t, model.OnIMWindowCreated, func(ev model.Event) bool {
		w, ok := ev.Params[0].Value.Obj.(model.ConversationWnd)
		return ok && w != win
	})
	h2 := hwndOf(t, created.Params[0].Value.Obj.(model.ConversationWnd))
	card2 := fmt.Sprintf(`document.querySelector('.card[data-hwnd="%d"]')`, h2)
	b.waitFor(t, "the picked conversation with its subject", `!`+picker+` && `+card2+` && `+card2+`.innerText.includes('Plans') && `+card2+`.innerText.includes('kim@fabrikam.com')`)

	// The person renames themself from the main window's fold.
	b.mustEval(t, `document.querySelector('#me-more > summary').click()`, nil)
	submit(t, b, `document.querySelector('#me-more form[data-action=my-name]')`, map[string]string{"friendlyName": "Alex W."})
	got.wait(t, model.OnMyFriendlyNameChange, func(model.Event) bool { return true })
	b.waitFor(t, "the new name in the header", `document.querySelector('#me .name').textContent === 'Alex W.'`)

	// Calls restricted from the World tab.
	b.mustEval(t, `document.querySelector('.tabs button[data-tab=world]').click()`, nil)
	b.mustEval(t, `(() => { const f = document.querySelector('form[data-action=call-policy]'); f.elements.restricted.checked = true; f.requestSubmit(); })()`, nil)
	b.waitFor(t, "the policy applied", `document.querySelector('form[data-action=call-policy] input[name=restricted]').checked && window.fmInspector.stats().snapshots > 0`)
	for i := 0; ; i++ {
		st, err := c.State(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if st.CallPolicy.Restricted && !st.CallPolicy.NoPhoneService {
			break
		}
		if i == 50 {
			t.Fatalf("call policy after the page restricted calls: %+v", st.CallPolicy)
		}
		b.mustEval(t, `new Promise(r => setTimeout(r, 100))`, nil)
	}
	b.screenshot(t, filepath.Join(artifactDir(t), "inspector-actions.png"))
	if logs := b.console(); strings.Contains(logs, "exceptionThrown") {
		t.Errorf("the page threw:\n%s", logs)
	}
}
