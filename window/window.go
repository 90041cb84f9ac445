package window

import (
	"github.com/fakemessenger/fakemessenger/hresult"
)

// Kind tells the main window from a conversation window: their Close differs.
type Kind uint8

const (
	Main Kind = iota
	Conversation
)

func (k Kind) String() string {
	if k == Main {
		return "main"
	}
	return "conversation"
}

// State is where a window is in its life.
type State uint8

const (
	// Open: visible, with a valid HWND.
	Open State = iota
	// Minimized: still has its HWND; geometry reads the Win32 parking spot.
	Minimized
	// Tray: the main window after Close; the object lives, IsClosed is true.
	Tray
	// Destroyed: a conversation window after Close; every member fails.
	Destroyed
)

func (s State) String() string {
	return [...]string{"open", "minimized", "tray", "destroyed"}[s]
}

// MinimizedPos is what Win32 reports as the left/top of a minimized window;
// the reference notes the "out of range" value (>= -32000).
const MinimizedPos = -32000

// Rect is a window's geometry in screen pixels.
type Rect struct{ Left, Top, Width, Height int32 }

// Window is one window's state. It is not safe for concurrent use: the sim
// owns it under its world lock. Methods return the HRESULT the member
// returns; they never block (a pending confirmation dialog is state, and the
// sim waits for its answer outside its lock).
//
// The small fields come first so that they share one word: a window is
// embedded in every open conversation's state.
type Window struct {
	kind  Kind
	state State
	props [2]bool // MWINDOWPROP_VIEW_SIDEBAR, MWINDOWPROP_VIEW_TOOLBAR
	hwnd  int32
	rect  Rect
	busy  *busy // an action in progress or a pending dialog; nil for most windows
}

// busy is the rarely used part of a window's state, kept out of line so
// that the window every open conversation embeds is 32 bytes.
type busy struct {
	action string // non-empty while an action (a file transfer, say) is in progress
	dialog *Dialog
}

func (w *Window) setAction(a string) {
	if w.busy == nil {
		if a == "" {
			return
		}
		w.busy = &busy{}
	}
	w.busy.action = a
	w.tidy()
}

func (w *Window) setDialog(d *Dialog) {
	if w.busy == nil {
		if d == nil {
			return
		}
		w.busy = &busy{}
	}
	w.busy.dialog = d
	w.tidy()
}

// tidy drops busy once it holds nothing.
func (w *Window) tidy() {
	if w.busy.action == "" && w.busy.dialog == nil {
		w.busy = nil
	}
}

// Dialog is a confirmation dialog raised by Close while an action is in
// progress. The person answers it; Answer carries true for "close anyway".
type Dialog struct {
	Action string
	Answer chan bool
}

// New makes an open window with its handle and geometry.
func New(kind Kind, hwnd int32, r Rect) *Window {
	w := Make(kind, hwnd, r)
	return &w
}

// Make is New as a value, for owners that embed the window (no allocation).
func Make(kind Kind, hwnd int32, r Rect) Window {
	return Window{kind: kind, hwnd: hwnd, rect: r, props: [2]bool{true, true}}
}

func (w *Window) Kind() Kind   { return w.kind }
func (w *Window) State() State { return w.state }
func (w *Window) Rect() Rect   { return w.rect }
func (w *Window) Action() string {
	if w.busy == nil {
		return ""
	}
	return w.busy.action
}

func (w *Window) Dialog() *Dialog {
	if w.busy == nil {
		return nil
	}
	return w.busy.dialog
}

// Alive reports whether member calls can reach the window at all.
func (w *Window) Alive() bool { return w.state != Destroyed }

// hasHandle: IsClosed's VARIANT_FALSE case, "visible or minimized, valid HWND".
func (w *Window) hasHandle() bool { return w.state == Open || w.state == Minimized }

// HWND returns the handle; E_FAIL "cannot get a window handle" when closed.
func (w *Window) HWND() (int32, hresult.HRESULT) {
	if !w.hasHandle() {
		return 0, hresult.E_FAIL
	}
	return w.hwnd, hresult.S_OK
}

// Handle is the HWND the window was given, whatever its state (for the
// sim's bookkeeping, not for members).
func (w *Window) Handle() int32 { return w.hwnd }

// Geometry getters: E_FAIL when the window has no handle (the Top, Width,
// Height pages and the Show page; see the README's decision on Left).
// A minimized window reports the Win32 parking position.
func (w *Window) Left() (int32, hresult.HRESULT) {
	if !w.hasHandle() {
		return 0, hresult.E_FAIL
	}
	if w.state == Minimized {
		return MinimizedPos, hresult.S_OK
	}
	return w.rect.Left, hresult.S_OK
}

func (w *Window) Top() (int32, hresult.HRESULT) {
	if !w.hasHandle() {
		return 0, hresult.E_FAIL
	}
	if w.state == Minimized {
		return MinimizedPos, hresult.S_OK
	}
	return w.rect.Top, hresult.S_OK
}

func (w *Window) Width() (int32, hresult.HRESULT) {
	if !w.hasHandle() {
		return 0, hresult.E_FAIL
	}
	return w.rect.Width, hresult.S_OK
}

func (w *Window) Height() (int32, hresult.HRESULT) {
	if !w.hasHandle() {
		return 0, hresult.E_FAIL
	}
	return w.rect.Height, hresult.S_OK
}

// SetLeft and SetTop: "no bounds checking; negative values are accepted",
// but the window never goes further off the left edge than half its width.
func (w *Window) SetLeft(v int32) hresult.HRESULT {
	if !w.hasHandle() {
		return hresult.E_FAIL
	}
	if min := -w.rect.Width / 2; v < min {
		v = min
	}
	w.rect.Left = v
	return hresult.S_OK
}

func (w *Window) SetTop(v int32) hresult.HRESULT {
	if !w.hasHandle() {
		return hresult.E_FAIL
	}
	w.rect.Top = v
	return hresult.S_OK
}

// SetWidth and SetHeight: E_INVALIDARG for zero or negative sizes.
func (w *Window) SetWidth(v int32) hresult.HRESULT {
	if !w.hasHandle() {
		return hresult.E_FAIL
	}
	if v <= 0 {
		return hresult.E_INVALIDARG
	}
	w.rect.Width = v
	return hresult.S_OK
}

func (w *Window) SetHeight(v int32) hresult.HRESULT {
	if !w.hasHandle() {
		return hresult.E_FAIL
	}
	if v <= 0 {
		return hresult.E_INVALIDARG
	}
	w.rect.Height = v
	return hresult.S_OK
}

// IsClosed: true for the main window in the tray; E_FAIL on a destroyed
// conversation window that the client has not released (bb758769).
func (w *Window) IsClosed() (bool, hresult.HRESULT) {
	switch w.state {
	case Destroyed:
		return false, hresult.E_FAIL
	case Tray:
		return true, hresult.S_OK
	}
	return false, hresult.S_OK
}

// Show makes the window visible: S_OK also when it already was; E_FAIL on
// a destroyed window (bb787227).
func (w *Window) Show() hresult.HRESULT {
	if w.state == Destroyed {
		return hresult.E_FAIL
	}
	w.state = Open
	return hresult.S_OK
}

// Minimize is the person clicking the minimize button.
func (w *Window) Minimize() hresult.HRESULT {
	if !w.hasHandle() {
		return hresult.E_FAIL
	}
	w.state = Minimized
	return hresult.S_OK
}

// CloseResult says what a Close request did.
type CloseResult int

const (
	// Closed: the main window went to the tray, or a conversation window
	// was destroyed.
	Closed CloseResult = iota
	// AlreadyClosed: the main window was already in the tray (S_FALSE).
	AlreadyClosed
	// NeedsConfirmation: an action is in progress; a dialog is now pending
	// and the caller must wait for its answer, then call Confirm.
	NeedsConfirmation
	// Failed: nothing changed; the HRESULT says why.
	Failed
)

// Close starts closing. Main window: to the tray. Conversation window:
// destroyed. With an action in progress a dialog is raised first.
func (w *Window) Close() (CloseResult, hresult.HRESULT) {
	switch {
	case w.state == Destroyed:
		// A destroyed window has no handle to close (bb758747's E_FAIL).
		return Failed, hresult.E_FAIL
	case w.Dialog() != nil:
		// The window is modal behind its dialog; a second Close cannot
		// get at it. E_FAIL is Close's documented failure.
		return Failed, hresult.E_FAIL
	case w.state == Tray:
		// [wm-doc]: S_FALSE, the Messenger window was already closed.
		return AlreadyClosed, hresult.S_FALSE
	case w.Action() != "":
		w.setDialog(&Dialog{Action: w.Action(), Answer: make(chan bool, 1)})
		return NeedsConfirmation, hresult.S_OK
	}
	w.finishClose()
	return Closed, hresult.S_OK
}

// Confirm completes a Close that raised a dialog. accept closes the window
// (the action is abandoned); refuse leaves it open with its action.
func (w *Window) Confirm(accept bool) CloseResult {
	w.setDialog(nil)
	if !accept {
		return Failed
	}
	w.setAction("")
	w.finishClose()
	return Closed
}

// Withdraw drops a pending dialog without closing (the caller gave up).
func (w *Window) Withdraw() { w.setDialog(nil) }

// Destroy closes a conversation window (or sends the main window to the
// tray) without asking: the person clicked X and confirmed, or signed out.
func (w *Window) Destroy() {
	if d := w.Dialog(); d != nil {
		select {
		case d.Answer <- true:
		default:
		}
	}
	w.busy = nil
	w.finishClose()
}

func (w *Window) finishClose() {
	if w.kind == Main {
		w.state = Tray
		return
	}
	w.state = Destroyed
}

// StartAction marks an action in progress; EndAction ends it.
func (w *Window) StartAction(name string) hresult.HRESULT {
	if w.state == Destroyed {
		return hresult.E_FAIL
	}
	if name == "" {
		name = "file transfer"
	}
	w.setAction(name)
	return hresult.S_OK
}

func (w *Window) EndAction() { w.setAction("") }

// Property is MWINDOWPROP_VIEW_SIDEBAR (0) or MWINDOWPROP_VIEW_TOOLBAR (1)
// as the Windows Messenger page documents them; the sim answers E_NOTIMPL
// for Communicator 2007 before it gets here, so these serve the person.
func (w *Window) Property(p int32) (bool, hresult.HRESULT) {
	if p < 0 || int(p) >= len(w.props) {
		return false, hresult.E_INVALIDARG
	}
	return w.props[p], hresult.S_OK
}
