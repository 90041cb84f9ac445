package client

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/fakemessenger/fakemessenger/hresult"
	"github.com/fakemessenger/fakemessenger/model"
)

// The control API: the world and the simulated person, not part of the
// real automation API. Failures the person meets (no such window, not
// signed in, no dialog pending) come back as a *ProtocolError (409/404),
// where the in-process sim returns a plain error.

func (c *Client) control(ctx context.Context, path string, in any) error {
	if in == nil {
		in = struct{}{}
	}
	return c.do(ctx, http.MethodPost, "/v1/control/"+path, nil, in, nil)
}

// Reset returns the world to its scenario: every object but the roots is
// disconnected, faults and the journal are cleared.
func (c *Client) Reset(ctx context.Context) error {
	err := c.control(ctx, "reset", nil)
	if err == nil {
		c.forgetAll()
	}
	return err
}

// LoadScenario replaces the world's scenario (anything that marshals to a
// scenario's JSON, such as sim.Scenario) and resets the world to it.
func (c *Client) LoadScenario(ctx context.Context, scenario any) error {
	err := c.control(ctx, "scenario", scenario)
	if err == nil {
		c.forgetAll()
	}
	return err
}

// SignIn is the person clicking Sign In.
func (c *Client) SignIn(ctx context.Context) error { return c.control(ctx, "signin", nil) }

// SignOut is the person signing out: every conversation window closes.
func (c *Client) SignOut(ctx context.Context) error { return c.control(ctx, "signout", nil) }

// SetMyStatus is the person choosing a status.
func (c *Client) SetMyStatus(ctx context.Context, s model.MISTATUS) error {
	return c.control(ctx, "status", map[string]string{"status": s.String()})
}

// SetContactStatus is a contact's presence changing on the server.
func (c *Client) SetContactStatus(ctx context.Context, signinName string, s model.MISTATUS) error {
	return c.control(ctx, "contacts/status", map[string]string{"signinName": signinName, "status": s.String()})
}

type windowRef struct {
	Object string `json:"object"`
}

func refOf(win model.Dispatch) windowRef {
	if win == nil {
		return windowRef{}
	}
	return windowRef{Object: win.ObjectID()}
}

// CloseWindow is the person clicking the window's close button.
func (c *Client) CloseWindow(ctx context.Context, win model.Dispatch) error {
	return c.control(ctx, "windows/close", refOf(win))
}

// MinimizeWindow is the person minimizing a window.
func (c *Client) MinimizeWindow(ctx context.Context, win model.Dispatch) error {
	return c.control(ctx, "windows/minimize", refOf(win))
}

// StartAction starts an action in the window (a file transfer, say): from
// then on Close raises a confirmation dialog.
func (c *Client) StartAction(ctx context.Context, win model.Dispatch, name string) error {
	return c.control(ctx, "windows/action", struct {
		Object string `json:"object"`
		Name   string `json:"name"`
	}{refOf(win).Object, name})
}

// EndAction ends the window's action in progress.
func (c *Client) EndAction(ctx context.Context, win model.Dispatch) error {
	return c.control(ctx, "windows/action/end", refOf(win))
}

// maxDialogWait is the longest wait the server takes (its limit), asked
// for when ctx has no deadline; ending ctx still ends the wait at once.
const maxDialogWait = 10 * time.Minute

// WaitDialog blocks until a confirmation dialog is pending on the window.
// ctx's deadline becomes the server's timeout; at the timeout the error
// is a *ProtocolError (408) that errors.Is finds context.DeadlineExceeded
// in, as with the in-process sim.
func (c *Client) WaitDialog(ctx context.Context, win model.Dispatch) error {
	if ctx == nil {
		ctx = context.Background()
	}
	wait := maxDialogWait
	if d, ok := ctx.Deadline(); ok {
		wait = min(time.Until(d), maxDialogWait)
		if wait <= 0 {
			return &ProtocolError{Title: "WaitDialog", Detail: "the context's deadline has passed", Err: context.DeadlineExceeded}
		}
	}
	ms := (wait + time.Millisecond - 1) / time.Millisecond
	return c.control(ctx, "windows/dialog/wait", struct {
		Object    string `json:"object"`
		TimeoutMs int64  `json:"timeoutMs"`
	}{refOf(win).Object, int64(ms)})
}

// AnswerDialog answers the pending confirmation dialog: accept closes the
// window (the blocked Close returns nil), refuse keeps it open (Close
// returns S_FALSE). With no dialog pending it is a 409 *ProtocolError.
func (c *Client) AnswerDialog(ctx context.Context, win model.Dispatch, accept bool) error {
	return c.control(ctx, "windows/dialog", struct {
		Object string `json:"object"`
		Accept bool   `json:"accept"`
	}{refOf(win).Object, accept})
}

// Say adds a message typed by the local user to a conversation's history.
func (c *Client) Say(ctx context.Context, win model.Dispatch, text string) error {
	return c.control(ctx, "windows/say", struct {
		Object string `json:"object"`
		Text   string `json:"text"`
	}{refOf(win).Object, text})
}

// ContactSays adds a message from a participant to the history.
func (c *Client) ContactSays(ctx context.Context, win model.Dispatch, signinName, text string) error {
	return c.control(ctx, "windows/say", struct {
		Object string `json:"object"`
		From   string `json:"from"`
		Text   string `json:"text"`
	}{refOf(win).Object, signinName, text})
}

// OpenConversation is the person (or an incoming message) opening a
// conversation window: the client meets it through OnIMWindowCreated.
func (c *Client) OpenConversation(ctx context.Context, signinName string) error {
	return c.control(ctx, "conversations", map[string]string{"signinName": signinName})
}

// CloseNextWindows makes the person close the next n windows that
// InstantMessage opens before they are returned (S_FALSE).
func (c *Client) CloseNextWindows(ctx context.Context, n int) error {
	return c.control(ctx, "close-next-windows", map[string]int{"count": n})
}

// SetDialogPolicy says how the person answers confirmation dialogs:
// "wait" (until AnswerDialog), "accept" or "refuse" at once.
func (c *Client) SetDialogPolicy(ctx context.Context, policy string) error {
	return c.control(ctx, "dialog-policy", map[string]string{"policy": policy})
}

// FailNextSignin makes the next sign-in report hr through OnSignin.
func (c *Client) FailNextSignin(ctx context.Context, hr hresult.HRESULT) error {
	return c.control(ctx, "signin-failure", map[string]string{"hresult": hrString(hr)})
}

// Shutdown is Communicator exiting: OnAppShutdown, then every object is
// disconnected.
func (c *Client) Shutdown(ctx context.Context) error { return c.control(ctx, "shutdown", nil) }

func hrString(hr hresult.HRESULT) string {
	if n := hr.Name(); n != "" {
		return n
	}
	return hr.Hex()
}

// Fault tells a member to fail, or to take time, on purpose.
type Fault struct {
	Member    string // required, case-insensitive
	Interface string // "" is any
	Object    string // an object ID; "" is any
	// HR is returned instead of running the member; S_OK with a Delay
	// only slows it down.
	HR hresult.HRESULT
	// Times: 1 for once, N, or -1 for every call.
	Times int
	// Delay is served before the call; the protocol carries whole
	// milliseconds, so a smaller delay is rounded up to 1 ms.
	Delay time.Duration
}

type wireFault struct {
	Member    string `json:"member"`
	Interface string `json:"interface,omitempty"`
	Object    string `json:"object,omitempty"`
	HResult   string `json:"hresult,omitempty"`
	Times     int    `json:"times"`
	DelayMs   int64  `json:"delayMs,omitempty"`
}

// InjectFault arms a fault and returns its ID.
func (c *Client) InjectFault(ctx context.Context, f Fault) (int, error) {
	wf := wireFault{Member: f.Member, Interface: f.Interface, Object: f.Object, Times: f.Times}
	if f.HR != hresult.S_OK {
		wf.HResult = f.HR.Hex()
	}
	if f.Delay > 0 {
		wf.DelayMs = int64((f.Delay + time.Millisecond - 1) / time.Millisecond)
	} else if f.Delay < 0 {
		wf.DelayMs = -1 // the server says why it is wrong
	}
	var out struct {
		ID int `json:"id"`
	}
	err := c.do(ctx, http.MethodPost, "/v1/control/faults", nil, wf, &out)
	return out.ID, err
}

// ClearFaults disarms every fault.
func (c *Client) ClearFaults(ctx context.Context) error {
	return c.do(ctx, http.MethodDelete, "/v1/control/faults", nil, nil, nil)
}

// Faults lists the armed faults, each with the calls it still hits.
func (c *Client) Faults(ctx context.Context) ([]Fault, error) {
	var out struct {
		Faults []wireFault `json:"faults"`
	}
	if err := c.do(ctx, http.MethodGet, "/v1/control/faults", nil, nil, &out); err != nil {
		return nil, err
	}
	fs := make([]Fault, 0, len(out.Faults))
	for _, wf := range out.Faults {
		f := Fault{Member: wf.Member, Interface: wf.Interface, Object: wf.Object, Times: wf.Times,
			Delay: time.Duration(wf.DelayMs) * time.Millisecond}
		if wf.HResult != "" {
			hr, err := hresult.Parse(wf.HResult)
			if err != nil {
				return nil, &ProtocolError{Status: http.StatusOK, Title: "bad reply", Detail: "fault hresult " + wf.HResult, Err: err}
			}
			f.HR = hr
		}
		fs = append(fs, f)
	}
	return fs, nil
}

// CallFilter selects journal entries; empty fields match everything.
type CallFilter struct {
	Object    string
	Member    string
	Interface string
}

// Call is one journal entry: an automation call and what it returned.
type Call struct {
	Seq       uint64
	Time      time.Time
	Object    string
	Interface string
	Member    string
	Kind      model.InvokeKind
	Caller    model.CallerKind
	Client    int
	Args      []model.Variant
	HR        hresult.HRESULT
}

type wireCall struct {
	Seq       uint64            `json:"seq"`
	Time      time.Time         `json:"time"`
	Object    string            `json:"object"`
	Interface string            `json:"interface"`
	Member    string            `json:"member"`
	Kind      string            `json:"kind"`
	Caller    string            `json:"caller"`
	Client    int               `json:"client"`
	Args      []json.RawMessage `json:"args"`
	HResult   string            `json:"hresult"`
}

// Journal reads the retained journal entries that match (oldest first)
// and how many calls were made in all, including those the bounded
// journal no longer holds. Object arguments come back as this client's
// proxies when it knows the ID.
func (c *Client) Journal(ctx context.Context, f CallFilter) ([]Call, uint64, error) {
	q := url.Values{}
	if f.Object != "" {
		q.Set("object", f.Object)
	}
	if f.Member != "" {
		q.Set("member", f.Member)
	}
	if f.Interface != "" {
		q.Set("interface", f.Interface)
	}
	var out struct {
		Total uint64     `json:"total"`
		Calls []wireCall `json:"calls"`
	}
	if err := c.do(ctx, http.MethodGet, "/v1/journal", q, nil, &out); err != nil {
		return nil, 0, err
	}
	calls := make([]Call, 0, len(out.Calls))
	for i, wc := range out.Calls {
		hr, err := hresult.Parse(wc.HResult)
		if err != nil {
			return nil, 0, &ProtocolError{Status: http.StatusOK, Title: "bad reply", Detail: fmt.Sprintf("journal call %d: hresult %q", i, wc.HResult), Err: err}
		}
		call := Call{Seq: wc.Seq, Time: wc.Time, Object: wc.Object, Interface: wc.Interface, Member: wc.Member,
			Kind: parseKind(wc.Kind), Client: wc.Client, HR: hr, Args: make([]model.Variant, len(wc.Args))}
		if wc.Caller == "script" {
			call.Caller = model.CallerScript
		}
		for j, a := range wc.Args {
			if call.Args[j], err = c.decodeVariant(a); err != nil {
				return nil, 0, &ProtocolError{Status: http.StatusOK, Title: "bad reply", Detail: fmt.Sprintf("journal call %d argument %d", i, j), Err: err}
			}
		}
		calls = append(calls, call)
	}
	return calls, out.Total, nil
}
