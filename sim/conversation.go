package sim

import (
	"github.com/fakemessenger/fakemessenger/hresult"
	"github.com/fakemessenger/fakemessenger/model"
	"github.com/fakemessenger/fakemessenger/window"
)

// Window is the main window (IMessengerWindow). It satisfies model.Window.
type Window struct {
	viewBase
	model.WindowMethods
	obj *mainObj
}

// ConversationWnd is a conversation window (IMessengerConversationWnd).
type ConversationWnd struct {
	viewBase
	model.ConversationWndMethods
	obj *convObj
}

var (
	_ model.Window          = (*Window)(nil)
	_ model.ConversationWnd = (*ConversationWnd)(nil)
)

// winOf finds the window state behind a window view.
func winOf(v view) *window.Window {
	switch x := v.(type) {
	case *Window:
		return x.obj.win
	case *ConversationWnd:
		return &x.obj.win
	}
	return nil
}

func init() {
	geometry := func(get func(*window.Window) (int32, hresult.HRESULT), put func(*window.Window, int32) hresult.HRESULT) handler {
		return func(c *call) hresult.HRESULT {
			win := winOf(c.self)
			if c.kind == model.DISPATCH_PROPERTYGET {
				v, hr := get(win)
				if hr != hresult.S_OK {
					return c.fail(hr, "cannot get a window handle: the window is closed")
				}
				c.result = model.I4(v)
				return hresult.S_OK
			}
			if hr := put(win, int32(c.arg(0).Int)); hr != hresult.S_OK {
				if hr == hresult.E_INVALIDARG {
					return c.fail(hr, "zero or negative size")
				}
				return c.fail(hr, "cannot get a window handle: the window is closed")
			}
			return hresult.S_OK
		}
	}
	register(model.IMessengerWindow, map[string]handler{
		"HWND": func(c *call) hresult.HRESULT {
			h, hr := winOf(c.self).HWND()
			if hr != hresult.S_OK {
				return c.fail(hr, "cannot get a window handle: the window is closed")
			}
			c.result = model.I4(h)
			return hresult.S_OK
		},
		"Left":   geometry((*window.Window).Left, (*window.Window).SetLeft),
		"Top":    geometry((*window.Window).Top, (*window.Window).SetTop),
		"Width":  geometry((*window.Window).Width, (*window.Window).SetWidth),
		"Height": geometry((*window.Window).Height, (*window.Window).SetHeight),
		"Show": func(c *call) hresult.HRESULT {
			if hr := winOf(c.self).Show(); hr != hresult.S_OK {
				return c.fail(hr, "the window instance has been destroyed")
			}
			return hresult.S_OK
		},
		"IsClosed": func(c *call) hresult.HRESULT {
			closed, hr := winOf(c.self).IsClosed()
			if hr != hresult.S_OK {
				return c.fail(hr, "the conversation window is closed but the object was not released")
			}
			c.result = model.Bool(closed)
			return hresult.S_OK
		},
		"Close": hClose,
	})
	register(model.IMessengerConversationWnd, map[string]handler{
		"Contacts":   hConvContacts,
		"History":    hHistory,
		"AddContact": hAddContact,
	})
}

func hClose(c *call) hresult.HRESULT {
	w := c.w
	win := winOf(c.self)
	res, hr := win.Close()
	switch res {
	case window.Failed:
		if win.Dialog() != nil {
			return c.fail(hr, "a confirmation dialog is already pending on this window")
		}
		return c.fail(hr, "cannot get a window handle: the window is closed")
	case window.AlreadyClosed:
		return c.fail(hr, "the window was already closed")
	case window.NeedsConfirmation:
		switch w.person.policy {
		case DialogAccept:
			win.Confirm(true)
		case DialogRefuse:
			win.Confirm(false)
			return c.fail(hresult.S_FALSE, "the person refused to close: "+win.Action()+" in progress")
		default:
			c.block = win.Dialog()
			if cv, ok := c.self.(*ConversationWnd); ok {
				c.conv = cv.obj
			}
			close(w.dialogRaised)
			w.dialogRaised = make(chan struct{})
			return hresult.S_OK
		}
	}
	if cv, ok := c.self.(*ConversationWnd); ok {
		// window.Close already marked it destroyed; finish the bookkeeping.
		w.finishDestroyLocked(cv.obj)
	}
	return hresult.S_OK
}

// finishDestroyLocked does the world's part of destroying a window whose
// window.Window is already Destroyed.
func (w *World) finishDestroyLocked(conv *convObj) {
	if conv.idx < 0 || conv.idx >= len(w.convList) || w.convList[conv.idx] != conv {
		return
	}
	w.handles.Free(conv.win.Handle())
	// swap-remove: O(1), no hashing on the InstantMessage/Close path
	last := w.convList[len(w.convList)-1]
	w.convList[conv.idx], last.idx = last, conv.idx
	w.convList[len(w.convList)-1] = nil
	w.convList = w.convList[:len(w.convList)-1]
	conv.idx = -1
	for _, ct := range conv.parts {
		if ct.conv == conv {
			ct.conv = nil
		}
		w.dropContactHolder(ct)
	}
	w.emitLocked(evOnIMWindowDestroyed, evObj(conv))
}

// waitDialog is Close blocked on its confirmation dialog: the lock is let
// go while the person decides, so everything else goes on.
func (w *World) waitDialog(c *call) hresult.HRESULT {
	d := c.block
	c.block = nil
	win := winOf(c.self)
	w.mu.Unlock()
	var accept, answered bool
	select {
	case accept = <-d.Answer:
		answered = true
	case <-c.ctx.Done():
	}
	w.mu.Lock()
	c.evFrom = w.eventSeq // events raised while it waited are not the call's
	if !answered {
		// The caller gave up; the dialog goes away and nothing changes.
		if win.Dialog() == d {
			win.Withdraw()
		}
		return c.fail(hresult.E_ABORT, "the caller's context ended while the confirmation dialog was pending")
	}
	if !win.Alive() {
		// Destroyed meanwhile (sign-out): the close happened.
		if c.conv != nil {
			w.finishDestroyLocked(c.conv)
		}
		return hresult.S_OK
	}
	if win.Dialog() == d {
		if win.Confirm(accept) == window.Failed {
			return c.fail(hresult.S_FALSE, "the person refused to close: "+d.Action+" in progress")
		}
	}
	if c.conv != nil {
		w.finishDestroyLocked(c.conv)
	}
	return hresult.S_OK
}

func hConvContacts(c *call) hresult.HRESULT {
	conv := c.self.(*ConversationWnd).obj
	if !conv.win.Alive() {
		return c.fail(hresult.E_FAIL, "the conversation window is closed")
	}
	if conv.coll == nil {
		conv.coll = &partsColl{conv: conv}
	}
	c.result = dispatchOf(c.w.marshalLocked(c.cl, conv.coll))
	return hresult.S_OK
}

func hHistory(c *call) hresult.HRESULT {
	conv := c.self.(*ConversationWnd).obj
	if !conv.win.Alive() {
		return c.fail(hresult.E_FAIL, "the conversation window is closed")
	}
	c.result = model.BSTR(renderHistory(conv.history))
	return hresult.S_OK
}

func hAddContact(c *call) hresult.HRESULT {
	w := c.w
	conv := c.self.(*ConversationWnd).obj
	r, hr := c.resolveContactArg(c.arg(0))
	if hr != hresult.S_OK {
		return hr
	}
	if !w.signedIn {
		return c.fail(hresult.E_FAIL, "not signed in")
	}
	if !conv.win.Alive() {
		return c.fail(hresult.E_FAIL, "the conversation window is closed")
	}
	if r.isSelf(w) {
		return c.fail(hresult.E_FAIL, "the contact is the signed-in user")
	}
	for _, p := range conv.parts {
		if p == r.obj || p.key == r.key {
			// "The API does not stop you adding a contact who is already
			// in the conference": S_OK, and nothing changes.
			c.reason = "already in the conversation"
			return hresult.S_OK
		}
	}
	if conv.extv().media {
		// bb787244: the window is hosting a voice or video conversation.
		return c.fail(hresult.MSGR_E_SESSION_FULL, "the window hosts a call, which takes no added contacts")
	}
	if len(conv.parts) >= w.cfg.maxParticipants {
		return c.fail(hresult.MSGR_E_SESSION_FULL, "the conversation has the maximum number of participants")
	}
	ct := w.contactFor(r)
	w.holdContact(ct)
	conv.parts = append(conv.parts, ct)
	conv.history = append(conv.history, message{from: ct.signin, name: ct.friendlyName(), at: w.cfg.clock.Now(), text: ct.friendlyName() + " has joined the conversation.", action: true})
	w.emitLocked(evOnIMWindowContactAdded, evObj(ct), evObj(conv))
	return hresult.S_OK
}
