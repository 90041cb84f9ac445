package sim_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/fakemessenger/fakemessenger/model"
	"github.com/fakemessenger/fakemessenger/sim"
)

// The journal answers "whom did my code message?": a contact filter finds
// the calls that named jaya@contoso.com as a string, as a contact object
// or as the object called, and every entry says what it returned and
// which events it raised.
func ExampleWorld_Query() {
	ctx := context.Background()
	world := sim.MustNew() // seed 1 and a clock that stands still: the output is the same every run
	m := world.MustMessenger(model.CallerCompiled)

	jaya, _ := m.GetContact(ctx, "jaya@contoso.com", "")
	_, _ = m.InstantMessage(ctx, model.Dispatched(jaya))
	_, _ = m.InstantMessage(ctx, model.BSTR("sam@contoso.com"))
	_, _ = jaya.Status(ctx)

	page, err := world.Query(sim.CallFilter{Member: "InstantMessage", Contact: "Jaya@Contoso.com"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%d of %d calls\n", page.Total, page.All)
	for _, c := range page.Calls {
		fmt.Println(c)
	}
	all, _ := world.Query(sim.CallFilter{Contact: "jaya@contoso.com"})
	fmt.Println(all.Total, "calls involve jaya; the last:", all.Calls[all.Total-1])
	// Output:
	// 1 of 4 calls
	// #2 IMessenger::InstantMessage(VT_DISPATCH(IMessengerContactAdvanced jaya@contoso.com)) -> S_OK (0x00000000) = VT_DISPATCH(IMessengerConversationWndAdvanced hwnd 65554) [OnIMWindowCreated #1]
	// 3 calls involve jaya; the last: #4 IMessengerContact(jaya@contoso.com)::Status() -> S_OK (0x00000000) = VT_I4(2)
}

// Control is the in-process sim.Fake: the same methods a test calls on a
// *client.Client, so code written against sim.Fake runs over either
// transport.
func ExampleMessenger_Control() {
	ctx := context.Background()
	var fake sim.Fake = sim.MustNew().MustMessenger(model.CallerCompiled).Control()

	win, _ := fake.Root().InstantMessage(ctx, model.BSTR("jaya@contoso.com"))
	_ = fake.CloseWindow(ctx, win) // the person clicks X; the code never releases the window
	_, _ = win.IsClosed(ctx)       // and calls it after OnIMWindowDestroyed

	st, _ := fake.State(ctx)
	for _, p := range st.Lifetime {
		fmt.Println(strings.TrimSpace(fmt.Sprint(p.Kind, " ", p.HWND, " ", p.Member)))
	}
	page, _ := fake.Journal(ctx, sim.CallFilter{Failed: true})
	fmt.Println(page.Calls[0])
	// Output:
	// not-released 65554
	// call-after-destroyed 65554 IsClosed
	// #2 IMessengerWindow(hwnd 65554)::IsClosed() -> E_FAIL (0x80004005)
}
