package client_test

import (
	"context"
	"fmt"
	"net/http/httptest"

	"github.com/fakemessenger/fakemessenger/client"
	"github.com/fakemessenger/fakemessenger/model"
	"github.com/fakemessenger/fakemessenger/sim"
	"github.com/fakemessenger/fakemessenger/wire"
)

// A test drives a standalone fake over HTTP with the same calls it makes
// in process: the root object, the person, and the journal with its
// contact filter. (Here the fake is a wire server on a loopback port; a
// real test would point client.New at FAKEMESSENGER_URL, or use
// fmtest.NewServer.)
func ExampleClient_Journal() {
	ctx := context.Background()
	srv, _ := wire.NewServer(wire.Config{Clock: sim.NewManualClock(sim.DefaultEpoch)})
	ts := httptest.NewServer(srv)
	defer ts.Close()
	defer srv.Close()

	c, err := client.New(ts.URL)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer c.Close()
	jaya, _ := c.Messenger().GetContact(ctx, "jaya@contoso.com", "")
	win, _ := c.Messenger().InstantMessage(ctx, model.Dispatched(jaya))
	_ = c.CloseWindow(ctx, win)
	_ = win.Release(ctx) // what the code's OnIMWindowDestroyed handler would do
	_ = jaya.Release(ctx)

	page, err := c.Journal(ctx, client.CallFilter{Contact: "jaya@contoso.com"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%d of %d calls involve jaya\n", page.Total, page.All)
	for _, call := range page.Calls {
		fmt.Println(call)
	}
	st, _ := c.State(ctx)
	fmt.Println("lifetime problems:", len(st.Lifetime))
	// Output:
	// 3 of 4 calls involve jaya
	// #1 IMessenger::GetContact(VT_BSTR("jaya@contoso.com"), VT_BSTR("")) -> S_OK (0x00000000) = VT_DISPATCH(IMessengerContactAdvanced jaya@contoso.com)
	// #2 IMessenger::InstantMessage(VT_DISPATCH(IMessengerContactAdvanced jaya@contoso.com)) -> S_OK (0x00000000) = VT_DISPATCH(IMessengerConversationWndAdvanced hwnd 65554) [OnIMWindowCreated #1]
	// #4 IUnknown(jaya@contoso.com)::Release() -> S_OK (0x00000000) = VT_I4(0)
	// lifetime problems: 0
}
