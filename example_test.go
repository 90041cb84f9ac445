package fakemessenger_test

import (
	"context"
	"fmt"
	"strings"
	"sync"

	"github.com/fakemessenger/fakemessenger/hresult"
	"github.com/fakemessenger/fakemessenger/model"
	"github.com/fakemessenger/fakemessenger/sim"
)

// The reference's sample client (IMessenger::InstantMessage, bb787229):
// GetContact, a null check, InstantMessage inside an error handler that
// prints the HRESULT, and an OnIMWindowDestroyed handler that releases the
// window. The simulated person then closes the window; the journal shows
// every automation call the client made.
func Example_instantMessage() {
	ctx := context.Background()
	world, err := sim.New() // signed in as alex@contoso.com; seed 1, a clock that stands still
	if err != nil {
		fmt.Println(err)
		return
	}
	defer world.Close()
	communicator, err := world.Messenger(model.CallerCompiled) // new Messenger()
	if err != nil {
		fmt.Println(err)
		return
	}

	// The sample releases the window in OnIMWindowDestroyed, as
	// Marshal.ReleaseComObject(pIMWindow).
	var mu sync.Mutex
	var seen []string
	sub, err := communicator.Subscribe(ctx, func(e model.Event) {
		mu.Lock()
		seen = append(seen, e.Name)
		mu.Unlock()
		if e.Name == model.OnIMWindowDestroyed {
			_ = e.Window().Release(ctx)
		}
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer sub.Close()

	serviceID, _ := communicator.MyServiceId(ctx)
	contact, err := communicator.GetContact(ctx, "jaya@contoso.com", serviceID)
	if contact == nil {
		fmt.Println("no contact:", hresult.Code(err).String())
		return
	}
	window, err := communicator.InstantMessage(ctx, model.Dispatched(contact))
	if err != nil {
		fmt.Println("InstantMessage failed:", hresult.Code(err).String())
		return
	}
	if parts, err := window.Contacts(ctx); err == nil {
		first, _ := parts.Item(ctx, 0)
		name, _ := first.FriendlyName(ctx)
		fmt.Println("conversation with", name)
	}

	// The person closes the window; wait until the handler has run.
	_ = world.Person().CloseWindow(window)
	_ = world.Drain(ctx)

	mu.Lock()
	fmt.Println("events:", strings.Join(seen, ", "))
	mu.Unlock()
	for _, c := range world.Journal() {
		fmt.Printf("%d %s::%s(%s) -> %s\n", c.Seq, c.Interface, c.Member, journalArgs(c.Args), c.HR.Name())
	}
	// Output:
	// conversation with Jaya Rao
	// events: OnIMWindowCreated, OnIMWindowDestroyed
	// 1 IMessenger::MyServiceId() -> S_OK
	// 2 IMessenger::GetContact("jaya@contoso.com", "{8C6E2F4A-1D3B-4E5F-9A70-C2B1D0E3F456}") -> S_OK
	// 3 IMessenger::InstantMessage(IMessengerContactAdvanced) -> S_OK
	// 4 IMessengerConversationWnd::Contacts() -> S_OK
	// 5 IMessengerContacts::Item(VT_I4(0)) -> S_OK
	// 6 IMessengerContact::FriendlyName() -> S_OK
	// 7 IUnknown::Release() -> S_OK
}

// journalArgs prints a call's arguments without object IDs, so the output
// reads like the call a client made.
func journalArgs(args []sim.Value) string {
	parts := make([]string, len(args))
	for i, a := range args {
		switch {
		case a.VT == model.VT_BSTR && !a.NullStr:
			parts[i] = fmt.Sprintf("%q", a.Str)
		case a.VT == model.VT_DISPATCH && a.Obj != nil:
			parts[i] = a.Obj.InterfaceName()
		default:
			parts[i] = a.String()
		}
	}
	return strings.Join(parts, ", ")
}

// Fault injection makes InstantMessage fail the way the reference says it
// can: E_FAIL ("could not get window handle") once, then normally. A
// failed call creates nothing, and the journal records both outcomes.
func Example_faultInjection() {
	ctx := context.Background()
	world, err := sim.New()
	if err != nil {
		fmt.Println(err)
		return
	}
	defer world.Close()
	communicator, _ := world.Messenger(model.CallerCompiled)

	if _, err := world.InjectFault(sim.Fault{Member: "InstantMessage", HR: hresult.E_FAIL, Times: 1}); err != nil {
		fmt.Println(err)
		return
	}
	for range 2 {
		window, err := communicator.InstantMessage(ctx, model.BSTR("jaya@contoso.com"))
		fmt.Printf("%s, window %v, %d open\n", hresult.Code(err).String(), window != nil, len(world.State().Conversations))
	}

	// The person closing the window before InstantMessage returns is the
	// world state behind the seed's S_FALSE ("the window is already closed").
	world.Person().CloseNextWindows(1)
	_, err = communicator.InstantMessage(ctx, model.BSTR("sam@contoso.com"))
	fmt.Println(hresult.Code(err).String(), "failed:", hresult.Failed(err))

	for _, c := range world.Calls(sim.CallFilter{Member: "InstantMessage"}) {
		fmt.Println(c.Args[0].Str, c.HR.Name(), "injected:", c.Fault, "events:", len(c.Events))
	}
	// Output:
	// E_FAIL (0x80004005), window false, 0 open
	// S_OK (0x00000000), window true, 1 open
	// S_FALSE (0x00000001) failed: false
	// jaya@contoso.com E_FAIL injected: true events: 0
	// jaya@contoso.com S_OK injected: false events: 1
	// sam@contoso.com S_FALSE injected: false events: 2
}
