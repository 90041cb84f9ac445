package fmtest_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/fakemessenger/fakemessenger/fmtest"
	"github.com/fakemessenger/fakemessenger/model"
	"github.com/fakemessenger/fakemessenger/sim"
)

// printT stands in for a test's *testing.T in these examples: it prints
// what an assertion reports. In a test, pass t.
type printT struct{ testing.TB }

func (printT) Helper()                      {}
func (printT) Cleanup(func())               {}
func (printT) Failed() bool                 { return false }
func (printT) Error(args ...any)            { fmt.Println(args...) }
func (printT) Errorf(f string, args ...any) { fmt.Printf(f+"\n", args...) }

// The code under test opened a conversation with jaya, passing her as a
// contact object. The first assertion passes (silently); the second names
// the wrong contact, and the report lists what was expected, the closest
// call that happened and what it lacked, and the journal's tail.
func Example() {
	ctx := context.Background()
	t := printT{}
	fake := sim.MustNew().MustMessenger(model.CallerCompiled).Control() // in a test: fmtest.InProcess(t) or fmtest.OverHTTP(t)

	jaya, _ := fake.Root().GetContact(ctx, "jaya@contoso.com", "")
	_, _ = fake.Root().InstantMessage(ctx, model.Dispatched(jaya))

	fmtest.Exactly(t, fake, 1, fmtest.Member("InstantMessage").Contact("jaya@contoso.com"))
	fmtest.Exactly(t, fake, 1, fmtest.Member("InstantMessage").Contact("sam@contoso.com"))
	// Output:
	// fmtest: want exactly 1 call(s) to InstantMessage, involving contact sam@contoso.com; got 0
	// closest calls:
	//   #2 IMessenger::InstantMessage(VT_DISPATCH(IMessengerContactAdvanced jaya@contoso.com)) -> S_OK (0x00000000) = VT_DISPATCH(IMessengerConversationWndAdvanced hwnd 65554) [OnIMWindowCreated #1]
	//       does not involve contact sam@contoso.com
	// journal tail (2 of 2 calls):
	//   #1 IMessenger::GetContact(VT_BSTR("jaya@contoso.com"), VT_BSTR("")) -> S_OK (0x00000000) = VT_DISPATCH(IMessengerContactAdvanced jaya@contoso.com)
	//   #2 IMessenger::InstantMessage(VT_DISPATCH(IMessengerContactAdvanced jaya@contoso.com)) -> S_OK (0x00000000) = VT_DISPATCH(IMessengerConversationWndAdvanced hwnd 65554) [OnIMWindowCreated #1]
}

// A named lifetime check: the person closed the window, the code never
// released it, and then called it anyway.
func ExampleNoCallAfterDestroyed() {
	ctx := context.Background()
	t := printT{}
	fake := sim.MustNew().MustMessenger(model.CallerCompiled).Control()

	win, _ := fake.Root().InstantMessage(ctx, model.BSTR("jaya@contoso.com"))
	_ = fake.CloseWindow(ctx, win)
	_, _ = win.HWND(ctx)

	ok := fmtest.NoCallAfterDestroyed(t, fake)
	fmt.Println("passed:", ok)
	// Output:
	// fmtest: check "no call on a window after its OnIMWindowDestroyed" failed:
	//   conversation window 3b122366-ef7f-4a58-b208-465b00000001 (hwnd 65554, client 0): HWND called after OnIMWindowDestroyed
	//       #2 IMessengerWindow(hwnd 65554)::HWND() -> E_FAIL (0x80004005)
	// passed: false
}

// In-order expectations: other calls may come between the steps.
func ExampleInOrder() {
	ctx := context.Background()
	fake := sim.MustNew().MustMessenger(model.CallerCompiled).Control()
	_, _ = fake.Root().MyStatus(ctx)
	win, _ := fake.Root().InstantMessage(ctx, model.BSTR("jaya@contoso.com"))
	_, _ = win.HWND(ctx)
	_ = win.Close(ctx)

	fmt.Println(fmtest.InOrder(printT{}, fake,
		fmtest.Member("InstantMessage").Contact("jaya@contoso.com"),
		fmtest.Member("Close").On(model.IMessengerConversationWnd).Where("it succeeded", func(c sim.Call) bool { return c.HR == 0 })))
	// Output:
	// true
}
