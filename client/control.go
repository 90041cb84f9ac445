package client

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/fakemessenger/fakemessenger/hresult"
	"github.com/fakemessenger/fakemessenger/model"
	"github.com/fakemessenger/fakemessenger/sim"
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

// dialogPolicyNames are the wire's names of the dialog policies.
var dialogPolicyNames = map[sim.DialogPolicy]string{sim.DialogWait: "wait", sim.DialogAccept: "accept", sim.DialogRefuse: "refuse"}

// SetDialogPolicy says how the person answers confirmation dialogs:
// sim.DialogWait (until AnswerDialog), DialogAccept or DialogRefuse at once.
func (c *Client) SetDialogPolicy(ctx context.Context, p sim.DialogPolicy) error {
	name, ok := dialogPolicyNames[p]
	if !ok {
		name = strconv.Itoa(int(p)) // the server says why it is wrong
	}
	return c.control(ctx, "dialog-policy", map[string]string{"policy": name})
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

// Fault tells a member to fail, or to take time, on purpose: the same
// type as in process. The protocol carries whole milliseconds, so a
// smaller Delay is rounded up to 1 ms.
type Fault = sim.Fault

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

// CallFilter, Call and JournalPage are the journal's types, the same as
// in process: GET /v1/journal takes every filter but Arg.
type (
	CallFilter  = sim.CallFilter
	Call        = sim.Call
	JournalPage = sim.JournalPage
)

type wireCall struct {
	Seq             uint64            `json:"seq"`
	Time            time.Time         `json:"time"`
	Object          string            `json:"object"`
	Self            sim.Identity      `json:"self"`
	Interface       string            `json:"interface"`
	ObjectInterface string            `json:"objectInterface"`
	Member          string            `json:"member"`
	Kind            string            `json:"kind"`
	Caller          string            `json:"caller"`
	Client          int               `json:"client"`
	Args            []json.RawMessage `json:"args"`
	Result          json.RawMessage   `json:"result"`
	HResult         string            `json:"hresult"`
	Fault           bool              `json:"fault"`
	Events          []sim.CallEvent   `json:"events"`
}

// journalQuery is f as GET /v1/journal's query.
func journalQuery(f CallFilter) (url.Values, error) {
	if f.Arg != nil {
		return nil, &ProtocolError{Title: "Journal", Detail: "CallFilter.Arg does not travel over HTTP: use Contact, or filter the calls"}
	}
	q := url.Values{}
	set := func(k, v string) {
		if v != "" {
			q.Set(k, v)
		}
	}
	set("object", f.Object)
	set("member", f.Member)
	set("interface", f.Interface)
	set("contact", f.Contact)
	check := f
	if check.Object == DefaultRoot {
		check.Object = "" // the server's alias of the default root
	}
	if err := check.Validate(); err != nil {
		return nil, &ProtocolError{Title: "Journal", Detail: err.Error(), Err: err}
	}
	if f.HR != nil {
		set("hresult", f.HR.Hex())
	} else if f.Failed {
		set("hresult", "failed")
	}
	if f.Client != nil {
		set("client", strconv.Itoa(*f.Client))
	}
	if f.After != 0 {
		set("after", strconv.FormatUint(f.After, 10))
	}
	if f.Before != 0 {
		set("before", strconv.FormatUint(f.Before, 10))
	}
	return q, nil
}

// Journal reads the retained journal entries that match (oldest first),
// how many matched and how many calls were made in all. Object arguments
// and results come back as this client's proxies when it knows the ID,
// each with its identity. A malformed filter is a 400 *ProtocolError
// naming it (a filter the server would refuse is refused here).
func (c *Client) Journal(ctx context.Context, f CallFilter) (JournalPage, error) {
	q, err := journalQuery(f)
	if err != nil {
		return JournalPage{}, err
	}
	var out struct {
		Total       int        `json:"total"`
		All         uint64     `json:"all"`
		ContactSeen bool       `json:"contactSeen"`
		Calls       []wireCall `json:"calls"`
	}
	if err := c.do(ctx, http.MethodGet, "/v1/journal", q, nil, &out); err != nil {
		return JournalPage{}, err
	}
	page := JournalPage{Total: out.Total, All: out.All, ContactSeen: out.ContactSeen, Calls: make([]Call, 0, len(out.Calls))}
	bad := func(i int, what string, err error) (JournalPage, error) {
		return JournalPage{}, &ProtocolError{Status: http.StatusOK, Title: "bad reply", Detail: fmt.Sprintf("journal call %d: %s", i, what), Err: err}
	}
	for i, wc := range out.Calls {
		hr, err := hresult.Parse(wc.HResult)
		if err != nil {
			return bad(i, "hresult "+strconv.Quote(wc.HResult), err)
		}
		call := Call{Seq: wc.Seq, Time: wc.Time, Object: wc.Object, Self: wc.Self, Interface: wc.Interface, ObjectInterface: wc.ObjectInterface, Member: wc.Member,
			Kind: journalKind(wc.Kind), Client: wc.Client, HR: hr, Fault: wc.Fault, Events: wc.Events,
			Args: make([]sim.Value, len(wc.Args))}
		if wc.Caller == "script" {
			call.Caller = model.CallerScript
		}
		for j, a := range wc.Args {
			if call.Args[j], err = c.decodeValue(a); err != nil {
				return bad(i, fmt.Sprintf("argument %d", j), err)
			}
		}
		if len(wc.Result) > 0 {
			r, err := c.decodeValue(wc.Result)
			if err != nil {
				return bad(i, "result", err)
			}
			call.Result = &r
		}
		page.Calls = append(page.Calls, call)
	}
	return page, nil
}

// decodeValue reads a journal VARIANT and the identity beside its object.
func (c *Client) decodeValue(raw json.RawMessage) (sim.Value, error) {
	v, err := c.decodeVariant(raw)
	if err != nil {
		return sim.Value{}, err
	}
	x := sim.Value{Variant: v}
	if v.VT == model.VT_DISPATCH {
		if err := json.Unmarshal(raw, &x.Identity); err != nil {
			return sim.Value{}, err
		}
	}
	return x, nil
}

// journalKind reads a journal entry's kind; the server writes only valid
// ones.
func journalKind(s string) model.InvokeKind {
	k, _ := model.ParseInvokeKind(s)
	return k
}
