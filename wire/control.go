package wire

import (
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/fakemessenger/fakemessenger/hresult"
	"github.com/fakemessenger/fakemessenger/model"
	"github.com/fakemessenger/fakemessenger/scenarios"
	"github.com/fakemessenger/fakemessenger/sim"
)

// The control API: the world and the simulated person. None of it is
// part of the automation API, so none of it is journaled; each handler is
// one call of sim.World or sim.Person.

// control reads the world and the body, then runs do; do's *httpError is
// the answer, nil means 200 {}.
func control[T any](s *Server, w http.ResponseWriter, r *http.Request, do func(e *worldEntry, req *T) *httpError) {
	e, herr := s.worldFor(r)
	if herr != nil {
		writeHTTPError(w, herr)
		return
	}
	var req T
	if herr := readJSON(w, r, &req); herr != nil {
		writeHTTPError(w, herr)
		return
	}
	if herr := do(e, &req); herr != nil {
		writeHTTPError(w, herr)
		return
	}
	e.world.Touch() // the inspector page redraws what the person did
	writeRaw(w, http.StatusOK, []byte("{}"))
}

type empty struct{}

// personError maps what the simulated person could not do: an object that
// is not a window of this world is the caller's mistake (400); the rest is
// the world's state (409).
func personError(err error) *httpError {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, sim.ErrNoSuchObject):
		return badRequest("%v", err)
	default:
		return errorf(http.StatusConflict, "conflict", "%v", err)
	}
}

// window resolves a control request's "object" to an object of the world.
func (e *worldEntry) object(id *string) (model.Dispatch, *httpError) {
	if id == nil || *id == "" {
		return nil, badRequest("\"object\" is required")
	}
	obj, ok := e.resolver()(*id)
	if !ok {
		return nil, errorf(http.StatusNotFound, "unknown-object", "no object %q in this world", *id)
	}
	return obj, nil
}

func required[T any](p *T, name string) (T, *httpError) {
	if p == nil {
		var zero T
		return zero, badRequest("%q is required", name)
	}
	return *p, nil
}

func (s *Server) handleReset(w http.ResponseWriter, r *http.Request) {
	control(s, w, r, func(e *worldEntry, _ *empty) *httpError {
		e.clearHistory(e.world.ResetSeq())
		if err := e.afterReset(); err != nil {
			return hrProblem(http.StatusInternalServerError, "internal", err)
		}
		return nil
	})
}

// rawScenario keeps a scenario body as sent, so the schema check can
// name lines of the body.
type rawScenario struct{ data []byte }

func (r *rawScenario) UnmarshalJSON(b []byte) error {
	r.data = append([]byte(nil), b...)
	return nil
}

func (s *Server) handleScenario(w http.ResponseWriter, r *http.Request) {
	control(s, w, r, func(e *worldEntry, raw *rawScenario) *httpError {
		// the published schema first (scenarios/scenario.schema.json), then
		// the rules it cannot say; both name the field and its line
		var se *scenarios.Error
		if err := scenarios.Validate(raw.data); errors.As(err, &se) {
			return errorf(http.StatusBadRequest, "invalid-scenario", "%v", err)
		}
		sc, err := sim.ParseScenario(raw.data)
		if err != nil {
			return errorf(http.StatusBadRequest, "invalid-scenario", "%v%s", err, scenarios.Where(raw.data, err))
		}
		seq, err := e.world.LoadSeq(sc)
		if err != nil {
			return badRequest("%v", err)
		}
		e.clearHistory(seq)
		if err := e.afterReset(); err != nil {
			return hrProblem(http.StatusInternalServerError, "internal", err)
		}
		return nil
	})
}

func (s *Server) handleSignIn(w http.ResponseWriter, r *http.Request) {
	control(s, w, r, func(e *worldEntry, _ *empty) *httpError {
		return personError(e.world.Person().SignIn())
	})
}

func (s *Server) handleSignOut(w http.ResponseWriter, r *http.Request) {
	control(s, w, r, func(e *worldEntry, _ *empty) *httpError {
		return personError(e.world.Person().SignOut())
	})
}

func parseStatus(p *string) (model.MISTATUS, *httpError) {
	v, herr := required(p, "status")
	if herr != nil {
		return 0, herr
	}
	st, ok := model.ParseMISTATUS(v)
	if !ok {
		return 0, badRequest("%q is not a MISTATUS", v)
	}
	return st, nil
}

type statusRequest struct {
	Status *string `json:"status"`
}

func (s *Server) handleMyStatus(w http.ResponseWriter, r *http.Request) {
	control(s, w, r, func(e *worldEntry, req *statusRequest) *httpError {
		st, herr := parseStatus(req.Status)
		if herr != nil {
			return herr
		}
		return personError(e.world.Person().SetMyStatus(st))
	})
}

type contactStatusRequest struct {
	SigninName *string `json:"signinName"`
	Status     *string `json:"status"`
}

func (s *Server) handleContactStatus(w http.ResponseWriter, r *http.Request) {
	control(s, w, r, func(e *worldEntry, req *contactStatusRequest) *httpError {
		name, herr := required(req.SigninName, "signinName")
		if herr != nil {
			return herr
		}
		st, herr := parseStatus(req.Status)
		if herr != nil {
			return herr
		}
		if err := e.world.Person().SetContactStatus(name, st); err != nil {
			// the status is valid, so the contact is not on the list
			return errorf(http.StatusNotFound, "unknown-contact", "%v", err)
		}
		return nil
	})
}

type windowRequest struct {
	Object *string `json:"object"`
}

func (s *Server) windowAction(w http.ResponseWriter, r *http.Request, act func(*sim.Person, model.Dispatch) error) {
	control(s, w, r, func(e *worldEntry, req *windowRequest) *httpError {
		obj, herr := e.object(req.Object)
		if herr != nil {
			return herr
		}
		return personError(act(e.world.Person(), obj))
	})
}

func (s *Server) handleCloseWindow(w http.ResponseWriter, r *http.Request) {
	s.windowAction(w, r, (*sim.Person).CloseWindow)
}

func (s *Server) handleMinimizeWindow(w http.ResponseWriter, r *http.Request) {
	s.windowAction(w, r, (*sim.Person).MinimizeWindow)
}

func (s *Server) handleEndAction(w http.ResponseWriter, r *http.Request) {
	s.windowAction(w, r, (*sim.Person).EndAction)
}

type actionRequest struct {
	Object *string `json:"object"`
	Name   *string `json:"name"`
}

func (s *Server) handleStartAction(w http.ResponseWriter, r *http.Request) {
	control(s, w, r, func(e *worldEntry, req *actionRequest) *httpError {
		obj, herr := e.object(req.Object)
		if herr != nil {
			return herr
		}
		name := ""
		if req.Name != nil {
			name = *req.Name
		}
		return personError(e.world.Person().StartAction(obj, name))
	})
}

type dialogRequest struct {
	Object *string `json:"object"`
	Accept *bool   `json:"accept"`
}

func (s *Server) handleAnswerDialog(w http.ResponseWriter, r *http.Request) {
	control(s, w, r, func(e *worldEntry, req *dialogRequest) *httpError {
		obj, herr := e.object(req.Object)
		if herr != nil {
			return herr
		}
		accept, herr := required(req.Accept, "accept")
		if herr != nil {
			return herr
		}
		return personError(e.world.Person().AnswerDialog(obj, accept))
	})
}

type waitDialogRequest struct {
	Object    *string `json:"object"`
	TimeoutMs *int64  `json:"timeoutMs"`
}

// Bounds of dialog/wait's timeoutMs.
const (
	defaultDialogWait = 10 * time.Second
	maxDialogWait     = 10 * time.Minute
)

func (s *Server) handleWaitDialog(w http.ResponseWriter, r *http.Request) {
	control(s, w, r, func(e *worldEntry, req *waitDialogRequest) *httpError {
		obj, herr := e.object(req.Object)
		if herr != nil {
			return herr
		}
		d := defaultDialogWait
		if req.TimeoutMs != nil {
			if *req.TimeoutMs < 0 || time.Duration(*req.TimeoutMs)*time.Millisecond > maxDialogWait {
				return badRequest("\"timeoutMs\" must be between 0 and %d", maxDialogWait.Milliseconds())
			}
			d = time.Duration(*req.TimeoutMs) * time.Millisecond
		}
		ctx, done := e.callContext(r)
		defer done()
		ctx, cancel := context.WithTimeout(ctx, d)
		defer cancel()
		err := e.world.Person().WaitDialog(ctx, obj)
		switch {
		case err == nil:
			return nil
		case errors.Is(err, context.DeadlineExceeded):
			return errorf(http.StatusRequestTimeout, "timeout", "no confirmation dialog was raised within %v", d)
		case errors.Is(err, context.Canceled):
			return errorf(http.StatusServiceUnavailable, "closed", "%v", errClosed)
		}
		return personError(err)
	})
}

type sayRequest struct {
	Object *string `json:"object"`
	From   *string `json:"from"`
	Text   *string `json:"text"`
}

func (s *Server) handleSay(w http.ResponseWriter, r *http.Request) {
	control(s, w, r, func(e *worldEntry, req *sayRequest) *httpError {
		obj, herr := e.object(req.Object)
		if herr != nil {
			return herr
		}
		text, herr := required(req.Text, "text")
		if herr != nil {
			return herr
		}
		p := e.world.Person()
		if req.From == nil || *req.From == "" {
			return personError(p.Say(obj, text))
		}
		return personError(p.ContactSays(obj, *req.From, text))
	})
}

type conversationRequest struct {
	SigninName *string `json:"signinName"`
}

func (s *Server) handleOpenConversation(w http.ResponseWriter, r *http.Request) {
	control(s, w, r, func(e *worldEntry, req *conversationRequest) *httpError {
		name, herr := required(req.SigninName, "signinName")
		if herr != nil {
			return herr
		}
		return personError(e.world.Person().OpenConversation(name))
	})
}

type countRequest struct {
	Count *int `json:"count"`
}

func (s *Server) handleCloseNextWindows(w http.ResponseWriter, r *http.Request) {
	control(s, w, r, func(e *worldEntry, req *countRequest) *httpError {
		n, herr := required(req.Count, "count")
		if herr != nil {
			return herr
		}
		if n < 0 {
			return badRequest("\"count\" must not be negative")
		}
		e.world.Person().CloseNextWindows(n)
		return nil
	})
}

type policyRequest struct {
	Policy *string `json:"policy"`
}

var dialogPolicies = map[string]sim.DialogPolicy{"wait": sim.DialogWait, "accept": sim.DialogAccept, "refuse": sim.DialogRefuse}

func (s *Server) handleDialogPolicy(w http.ResponseWriter, r *http.Request) {
	control(s, w, r, func(e *worldEntry, req *policyRequest) *httpError {
		v, herr := required(req.Policy, "policy")
		if herr != nil {
			return herr
		}
		p, ok := dialogPolicies[v]
		if !ok {
			return badRequest("\"policy\" %q: use wait, accept or refuse", v)
		}
		e.world.Person().SetDialogPolicy(p)
		return nil
	})
}

type hresultRequest struct {
	HResult *string `json:"hresult"`
}

func (s *Server) handleSigninFailure(w http.ResponseWriter, r *http.Request) {
	control(s, w, r, func(e *worldEntry, req *hresultRequest) *httpError {
		v, herr := required(req.HResult, "hresult")
		if herr != nil {
			return herr
		}
		hr, err := hresult.Parse(v)
		if err != nil {
			return badRequest("%v", err)
		}
		if err := e.world.Person().FailNextSignin(hr); err != nil {
			return badRequest("%v", err)
		}
		return nil
	})
}

func (s *Server) handleShutdown(w http.ResponseWriter, r *http.Request) {
	control(s, w, r, func(e *worldEntry, _ *empty) *httpError {
		e.world.Person().Shutdown()
		return nil
	})
}

type faultRequest struct {
	Member    *string `json:"member"`
	Interface *string `json:"interface"`
	Object    *string `json:"object"`
	HResult   *string `json:"hresult"`
	Times     *int    `json:"times"`
	DelayMs   *int64  `json:"delayMs"`
}

// faultJSON is an armed fault as GET /v1/control/faults lists it.
type faultJSON struct {
	Member    string `json:"member"`
	Interface string `json:"interface,omitempty"`
	Object    string `json:"object,omitempty"`
	HResult   string `json:"hresult"`
	Name      string `json:"name"`
	Times     int    `json:"times"`
	DelayMs   int64  `json:"delayMs"`
}

const maxFaultDelay = 10 * time.Minute

func (s *Server) handleInjectFault(w http.ResponseWriter, r *http.Request) {
	e, herr := s.worldFor(r)
	if herr != nil {
		writeHTTPError(w, herr)
		return
	}
	var req faultRequest
	if herr := readJSON(w, r, &req); herr != nil {
		writeHTTPError(w, herr)
		return
	}
	f, herr := e.fault(&req)
	if herr != nil {
		writeHTTPError(w, herr)
		return
	}
	id, err := e.world.InjectFault(f)
	if err != nil {
		writeHTTPError(w, badRequest("%v", err))
		return
	}
	e.world.Touch()
	writeJSON(w, http.StatusCreated, struct {
		ID int `json:"id"`
	}{id})
}

func (e *worldEntry) fault(req *faultRequest) (sim.Fault, *httpError) {
	var f sim.Fault
	var herr *httpError
	if f.Member, herr = required(req.Member, "member"); herr != nil {
		return f, herr
	}
	if f.Times, herr = required(req.Times, "times"); herr != nil {
		return f, herr
	}
	if req.Interface != nil {
		f.Interface = *req.Interface
	}
	if req.Object != nil && *req.Object != "" {
		obj, herr := e.object(req.Object)
		if herr != nil {
			return f, herr
		}
		f.Object = obj.ObjectID()
	}
	if req.HResult != nil {
		hr, err := hresult.Parse(*req.HResult)
		if err != nil {
			return f, badRequest("%v", err)
		}
		f.HR = hr
	}
	if req.DelayMs != nil {
		d := time.Duration(*req.DelayMs) * time.Millisecond
		if *req.DelayMs < 0 || d > maxFaultDelay {
			return f, badRequest("\"delayMs\" must be between 0 and %d", maxFaultDelay.Milliseconds())
		}
		f.Delay = d
	}
	return f, nil
}

func (s *Server) handleListFaults(w http.ResponseWriter, r *http.Request) {
	e, herr := s.worldFor(r)
	if herr != nil {
		writeHTTPError(w, herr)
		return
	}
	fs := e.world.Faults()
	out := make([]faultJSON, len(fs))
	for i, f := range fs {
		out[i] = faultJSON{Member: f.Member, Interface: f.Interface, Object: f.Object,
			HResult: f.HR.Hex(), Name: f.HR.Name(), Times: f.Times, DelayMs: f.Delay.Milliseconds()}
	}
	writeJSON(w, http.StatusOK, struct {
		Faults []faultJSON `json:"faults"`
	}{out})
}

func (s *Server) handleClearFaults(w http.ResponseWriter, r *http.Request) {
	e, herr := s.worldFor(r)
	if herr != nil {
		writeHTTPError(w, herr)
		return
	}
	e.world.ClearFaults()
	e.world.Touch()
	w.WriteHeader(http.StatusNoContent)
}
