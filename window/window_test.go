package window

import (
	"math"
	"testing"

	"github.com/fakemessenger/fakemessenger/hresult"
)

var testRect = Rect{Left: 100, Top: 50, Width: 400, Height: 300}

// step is one thing done to a window and what it must answer.
type step struct {
	do     string
	v      int32
	wantHR hresult.HRESULT
	want   int32 // the value a getter returns (ignored for puts and on failure)
}

func run(t *testing.T, w *Window, steps []step) {
	t.Helper()
	for i, s := range steps {
		var got int32
		var hr hresult.HRESULT
		switch s.do {
		case "HWND":
			got, hr = w.HWND()
		case "Left":
			got, hr = w.Left()
		case "Top":
			got, hr = w.Top()
		case "Width":
			got, hr = w.Width()
		case "Height":
			got, hr = w.Height()
		case "SetLeft":
			hr = w.SetLeft(s.v)
		case "SetTop":
			hr = w.SetTop(s.v)
		case "SetWidth":
			hr = w.SetWidth(s.v)
		case "SetHeight":
			hr = w.SetHeight(s.v)
		case "Show":
			hr = w.Show()
		case "Minimize":
			hr = w.Minimize()
		case "IsClosed":
			var closed bool
			closed, hr = w.IsClosed()
			if closed {
				got = 1
			}
		case "Close":
			var res CloseResult
			res, hr = w.Close()
			got = int32(res)
		default:
			t.Fatalf("unknown step %q", s.do)
		}
		if hr != s.wantHR {
			t.Fatalf("step %d %s(%d): hr %v, want %v", i, s.do, s.v, hr, s.wantHR)
		}
		if hr == hresult.S_OK && !isPut(s.do) && got != s.want {
			t.Fatalf("step %d %s: got %d, want %d", i, s.do, got, s.want)
		}
	}
}

func isPut(do string) bool {
	switch do {
	case "SetLeft", "SetTop", "SetWidth", "SetHeight", "Show", "Minimize":
		return true
	}
	return false
}

const (
	ok     = hresult.S_OK
	fail   = hresult.E_FAIL
	badArg = hresult.E_INVALIDARG
	sFalse = hresult.S_FALSE
)

func TestStateMachine(t *testing.T) {
	const h = 0x10010
	cases := []struct {
		name  string
		kind  Kind
		steps []step
		final State
	}{
		{"open window answers every getter", Conversation, []step{
			{"HWND", 0, ok, h}, {"Left", 0, ok, 100}, {"Top", 0, ok, 50}, {"Width", 0, ok, 400}, {"Height", 0, ok, 300}, {"IsClosed", 0, ok, 0},
		}, Open},
		{"main window Close goes to the tray; Show brings it back", Main, []step{
			{"Close", 0, ok, int32(Closed)}, {"IsClosed", 0, ok, 1},
			{"HWND", 0, fail, 0}, {"Left", 0, fail, 0}, {"Top", 0, fail, 0}, {"Width", 0, fail, 0}, {"Height", 0, fail, 0},
			{"SetLeft", 5, fail, 0}, {"SetWidth", 5, fail, 0}, {"Minimize", 0, fail, 0},
			{"Close", 0, sFalse, int32(AlreadyClosed)},
			{"Show", 0, ok, 0}, {"IsClosed", 0, ok, 0}, {"HWND", 0, ok, h}, {"Left", 0, ok, 100},
			{"Close", 0, ok, int32(Closed)},
		}, Tray},
		{"conversation Close destroys it; every member fails", Conversation, []step{
			{"Close", 0, ok, int32(Closed)},
			{"IsClosed", 0, fail, 0}, {"Show", 0, fail, 0}, {"Close", 0, fail, int32(Failed)},
			{"HWND", 0, fail, 0}, {"Left", 0, fail, 0}, {"Top", 0, fail, 0}, {"Width", 0, fail, 0}, {"Height", 0, fail, 0},
			{"SetLeft", 1, fail, 0}, {"SetTop", 1, fail, 0}, {"SetWidth", 1, fail, 0}, {"SetHeight", 1, fail, 0}, {"Minimize", 0, fail, 0},
		}, Destroyed},
		{"minimized window parks at -32000 and keeps its handle", Conversation, []step{
			{"Minimize", 0, ok, 0}, {"Left", 0, ok, MinimizedPos}, {"Top", 0, ok, MinimizedPos},
			{"Width", 0, ok, 400}, {"Height", 0, ok, 300}, {"HWND", 0, ok, h}, {"IsClosed", 0, ok, 0},
			{"Show", 0, ok, 0}, {"Left", 0, ok, 100}, {"Top", 0, ok, 50},
		}, Open},
		{"minimized main window closes to the tray", Main, []step{
			{"Minimize", 0, ok, 0}, {"Close", 0, ok, int32(Closed)}, {"IsClosed", 0, ok, 1},
		}, Tray},
		{"geometry puts; negative positions accepted", Conversation, []step{
			{"SetLeft", 10, ok, 0}, {"SetTop", -70, ok, 0}, {"SetWidth", 640, ok, 0}, {"SetHeight", 480, ok, 0},
			{"Left", 0, ok, 10}, {"Top", 0, ok, -70}, {"Width", 0, ok, 640}, {"Height", 0, ok, 480},
		}, Open},
		{"Left is clamped at minus half the width", Conversation, []step{
			{"SetLeft", -199, ok, 0}, {"Left", 0, ok, -199},
			{"SetLeft", -200, ok, 0}, {"Left", 0, ok, -200},
			{"SetLeft", -201, ok, 0}, {"Left", 0, ok, -200},
			{"SetLeft", math.MinInt32, ok, 0}, {"Left", 0, ok, -200},
			{"SetWidth", 100, ok, 0}, {"SetLeft", -1000, ok, 0}, {"Left", 0, ok, -50},
		}, Open},
		{"zero or negative sizes E_INVALIDARG and change nothing", Conversation, []step{
			{"SetWidth", 0, badArg, 0}, {"SetWidth", -1, badArg, 0}, {"SetWidth", math.MinInt32, badArg, 0},
			{"SetHeight", 0, badArg, 0}, {"SetHeight", -300, badArg, 0},
			{"Width", 0, ok, 400}, {"Height", 0, ok, 300},
			{"SetWidth", 1, ok, 0}, {"Width", 0, ok, 1},
		}, Open},
		{"minimized window accepts geometry puts", Conversation, []step{
			{"Minimize", 0, ok, 0}, {"SetWidth", 500, ok, 0}, {"Width", 0, ok, 500}, {"SetLeft", 7, ok, 0}, {"Left", 0, ok, MinimizedPos},
			{"Show", 0, ok, 0}, {"Left", 0, ok, 7},
		}, Open},
		{"Show on an open window S_OK", Conversation, []step{
			{"Show", 0, ok, 0}, {"Show", 0, ok, 0}, {"IsClosed", 0, ok, 0},
		}, Open},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			w := New(tc.kind, h, testRect)
			if w.Kind() != tc.kind || w.Handle() != h || w.Rect() != testRect || !w.Alive() {
				t.Fatalf("New: kind %v handle %#x rect %+v alive %v", w.Kind(), w.Handle(), w.Rect(), w.Alive())
			}
			run(t, w, tc.steps)
			if w.State() != tc.final {
				t.Errorf("final state %v, want %v", w.State(), tc.final)
			}
			if w.Handle() != h {
				t.Errorf("Handle changed to %#x", w.Handle())
			}
		})
	}
}

func TestConfirmationDialog(t *testing.T) {
	cases := []struct {
		name string
		kind Kind
		// answer does what the person or the sim does with the pending dialog.
		answer     func(w *Window, d *Dialog) CloseResult
		wantResult CloseResult
		wantState  State
		wantAction string
	}{
		{"accept closes a conversation window", Conversation, func(w *Window, _ *Dialog) CloseResult { return w.Confirm(true) }, Closed, Destroyed, ""},
		{"accept sends the main window to the tray", Main, func(w *Window, _ *Dialog) CloseResult { return w.Confirm(true) }, Closed, Tray, ""},
		{"refuse keeps the window and its action", Conversation, func(w *Window, _ *Dialog) CloseResult { return w.Confirm(false) }, Failed, Open, "file transfer"},
		{"withdraw keeps the window and its action", Conversation, func(w *Window, _ *Dialog) CloseResult { w.Withdraw(); return Failed }, Failed, Open, "file transfer"},
		{"destroy answers the dialog with accept", Conversation, func(w *Window, d *Dialog) CloseResult {
			w.Destroy()
			select {
			case a := <-d.Answer:
				if !a {
					return Failed
				}
				return Closed
			default:
				return NeedsConfirmation // not answered
			}
		}, Closed, Destroyed, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			w := New(tc.kind, 0x10012, testRect)
			if hr := w.StartAction("file transfer"); hr != ok {
				t.Fatalf("StartAction = %v", hr)
			}
			res, hr := w.Close()
			if res != NeedsConfirmation || hr != ok {
				t.Fatalf("Close with an action = %v, %v; want NeedsConfirmation, S_OK", res, hr)
			}
			d := w.Dialog()
			if d == nil || d.Action != "file transfer" || cap(d.Answer) != 1 {
				t.Fatalf("dialog %+v, want one for the file transfer with a buffered answer", d)
			}
			if w.State() != Open {
				t.Errorf("state while the dialog is up = %v, want open", w.State())
			}
			if res, hr := w.Close(); res != Failed || hr != fail {
				t.Errorf("second Close while the dialog is up = %v, %v; want Failed, E_FAIL", res, hr)
			}
			if w.Dialog() != d {
				t.Error("the second Close replaced the pending dialog")
			}
			if got := tc.answer(w, d); got != tc.wantResult {
				t.Errorf("answer gave %v, want %v", got, tc.wantResult)
			}
			if w.Dialog() != nil {
				t.Error("the dialog is still pending after its answer")
			}
			if w.State() != tc.wantState || w.Action() != tc.wantAction {
				t.Errorf("after the answer: state %v action %q, want %v %q", w.State(), w.Action(), tc.wantState, tc.wantAction)
			}
		})
	}
}

func TestActions(t *testing.T) {
	w := New(Conversation, 2, testRect)
	if w.StartAction("") != ok || w.Action() != "file transfer" {
		t.Errorf("StartAction(\"\") action %q, want the default \"file transfer\"", w.Action())
	}
	w.EndAction()
	if res, hr := w.Close(); res != Closed || hr != ok {
		t.Errorf("Close after EndAction = %v, %v; want Closed without a dialog", res, hr)
	}
	if hr := w.StartAction("video"); hr != fail {
		t.Errorf("StartAction on a destroyed window = %v, want E_FAIL", hr)
	}
	d := New(Conversation, 4, testRect)
	d.StartAction("video")
	d.Destroy()
	if d.Action() != "" || d.State() != Destroyed {
		t.Errorf("Destroy left action %q, state %v", d.Action(), d.State())
	}
}

func TestProperty(t *testing.T) {
	w := New(Conversation, 2, testRect)
	for _, p := range []int32{0, 1} {
		if v, hr := w.Property(p); hr != ok || !v {
			t.Errorf("Property(%d) = %v, %v; want true, S_OK", p, v, hr)
		}
	}
	for _, p := range []int32{-1, 2, math.MaxInt32} {
		if _, hr := w.Property(p); hr != badArg {
			t.Errorf("Property(%d) hr %v, want E_INVALIDARG", p, hr)
		}
	}
}

func TestMakeIsNewAsAValue(t *testing.T) {
	v := Make(Main, 9, testRect)
	p := New(Main, 9, testRect)
	if v.Kind() != p.Kind() || v.Handle() != p.Handle() || v.Rect() != p.Rect() || v.State() != p.State() {
		t.Errorf("Make %+v and New %+v differ", v, *p)
	}
}

func TestHandles(t *testing.T) {
	a, b := NewHandles(), NewHandles()
	seen := map[int32]bool{}
	var seqA, seqB []int32
	for range 1000 {
		x, y := a.Alloc(), b.Alloc()
		seqA, seqB = append(seqA, x), append(seqB, y)
		if x == 0 || seen[x] {
			t.Fatalf("Alloc returned %#x: zero or repeated", x)
		}
		if x%2 != 0 {
			t.Errorf("handle %#x is odd; real HWNDs are even", x)
		}
		seen[x] = true
	}
	for i := range seqA {
		if seqA[i] != seqB[i] {
			t.Fatalf("two allocators differ at %d: %#x vs %#x", i, seqA[i], seqB[i])
		}
	}
	if a.Live() != 1000 {
		t.Errorf("Live = %d, want 1000", a.Live())
	}
	a.Free(seqA[0])
	if a.Live() != 999 {
		t.Errorf("Live after Free = %d, want 999", a.Live())
	}
	if next := a.Alloc(); next == seqA[0] || seen[next] {
		t.Errorf("Alloc after Free reused %#x at once", next)
	}
}

func TestHandlesWrapSkipsLiveHandles(t *testing.T) {
	h := NewHandles()
	first := h.Alloc() // firstHandle, still live
	second := h.Alloc()
	h.Free(second)
	h.LiveNow = func() []int32 { return []int32{first} }
	h.next = math.MaxInt32 - 1
	last := h.Alloc()
	if last != math.MaxInt32-1 {
		t.Fatalf("Alloc = %#x, want %#x", last, math.MaxInt32-1)
	}
	// The counter wrapped; the first handle is live, so it is skipped, and
	// the freed second one is handed out again.
	if got := h.Alloc(); got != second {
		t.Errorf("after the wrap Alloc = %#x; want %#x (skipping the live %#x)", got, second, first)
	}
	if h.Live() != 3 {
		t.Errorf("Live = %d, want 3", h.Live())
	}
	// After the wrap a second Free of one handle is ignored.
	h.Free(second)
	h.Free(second)
	if h.Live() != 2 {
		t.Errorf("Live after a double Free past the wrap = %d, want 2", h.Live())
	}
}

func TestStrings(t *testing.T) {
	for v, want := range map[interface{ String() string }]string{
		Main: "main", Conversation: "conversation",
		Open: "open", Minimized: "minimized", Tray: "tray", Destroyed: "destroyed",
	} {
		if got := v.String(); got != want {
			t.Errorf("String() = %q, want %q", got, want)
		}
	}
}
