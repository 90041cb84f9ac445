package wire

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	"github.com/fakemessenger/fakemessenger/hresult"
	"github.com/fakemessenger/fakemessenger/model"
)

// MessengerAlias names the world's default root object in any object
// field: the compiled caller the server made with the world.
const MessengerAlias = "messenger"

// maxMemberName bounds a member name: the sim journals names as given,
// and no member is longer than a few dozen characters.
const maxMemberName = 256

type invokeRequest struct {
	Object *string       `json:"object"`
	Member *string       `json:"member"`
	DISPID *int64        `json:"dispid"`
	Kind   *string       `json:"kind"`
	Args   []jsonVariant `json:"args"`
}

// parseKind reads the wire spelling of IDispatch::Invoke's wFlags.
func parseKind(s string) (model.InvokeKind, bool) {
	switch s {
	case "method":
		return model.DISPATCH_METHOD, true
	case "propget":
		return model.DISPATCH_PROPERTYGET, true
	case "propput":
		return model.DISPATCH_PROPERTYPUT, true
	case "propputref":
		return model.DISPATCH_PROPERTYPUTREF, true
	case "method|propget", "propget|method":
		return model.DISPATCH_METHOD | model.DISPATCH_PROPERTYGET, true
	}
	return 0, false
}

// resolveObject finds objects of one world, "messenger" included.
func (e *worldEntry) resolveObject(id string) (model.Dispatch, bool) {
	if id == MessengerAlias {
		return e.defaultRoot(), true
	}
	return e.world.Object(id)
}

// resolver is resolveObject as a function value.
func (e *worldEntry) resolver() func(id string) (model.Dispatch, bool) { return e.resolveObject }

// callContext is the request's context, also ended by the world's end, so
// a call blocked in the sim (Close waiting on a dialog) ends with it.
func (e *worldEntry) callContext(r *http.Request) (context.Context, func()) {
	ctx, cancel := context.WithCancel(r.Context())
	stop := context.AfterFunc(e.ctx, cancel)
	return ctx, func() { stop(); cancel() }
}

func (s *Server) handleInvoke(w http.ResponseWriter, r *http.Request) {
	e, herr := s.worldFor(r)
	if herr != nil {
		writeHTTPError(w, herr)
		return
	}
	st := invokePool.Get().(*invokeState)
	defer st.release()
	data, herr := readBody(w, r, &st.body)
	if herr != nil {
		writeHTTPError(w, herr)
		return
	}
	if !st.decodeFast(data) {
		st.req = invokeRequest{}
		if herr := decodeJSON(data, &st.req); herr != nil {
			writeHTTPError(w, herr)
			return
		}
	}
	obj, name, kind, args, herr := e.prepareInvoke(&st.req, st.args[:0])
	if herr != nil {
		writeHTTPError(w, herr)
		return
	}
	st.ctx.Context, st.ctx.world = r.Context(), e.ctx
	result, err := obj.Invoke(&st.ctx, name, kind, args...)
	st.ctx.end()

	st.reply = appendInvokeReply(st.reply[:0], err, result)
	writeInvokeReply(w, st.reply)
}

// prepareInvoke checks an invoke request and resolves what it names,
// without touching the world: every failure here is a protocol error.
func (e *worldEntry) prepareInvoke(req *invokeRequest, argBuf []model.Variant) (model.Dispatch, string, model.InvokeKind, []model.Variant, *httpError) {
	if req.Object == nil {
		return nil, "", 0, nil, badRequest("\"object\" is required: an object ID or %q", MessengerAlias)
	}
	obj, ok := e.resolveObject(*req.Object)
	if !ok {
		return nil, "", 0, nil, errorf(http.StatusNotFound, "unknown-object", "no object %q in this world", *req.Object)
	}
	iface := obj.InterfaceName()
	var name string
	switch {
	case req.Member == nil && req.DISPID == nil:
		return nil, "", 0, nil, badRequest("\"member\" or \"dispid\" is required")
	case req.DISPID != nil:
		d := *req.DISPID
		if d < -1<<31 || d > 1<<31-1 {
			return nil, "", 0, nil, badRequest("\"dispid\" %d is not a 32-bit DISPID", d)
		}
		if m, ok := model.LookupDISPID(iface, int32(d)); ok {
			name = m.Name
		} else {
			// Still a call: the sim answers and journals an unknown member.
			name = "#" + strconv.FormatInt(d, 10)
		}
		if req.Member != nil && !strings.EqualFold(*req.Member, name) {
			return nil, "", 0, nil, badRequest("\"member\" %q and \"dispid\" %d name different members of %s", *req.Member, d, iface)
		}
	default:
		name = *req.Member
		if len(name) > maxMemberName {
			return nil, "", 0, nil, badRequest("\"member\" is longer than %d bytes", maxMemberName)
		}
	}
	kind := model.DISPATCH_METHOD
	if req.Kind != nil {
		k, ok := parseKind(*req.Kind)
		if !ok {
			return nil, "", 0, nil, badRequest("\"kind\" %q: use method, propget, propput, propputref or method|propget", *req.Kind)
		}
		kind = k
	}
	args := argBuf[:0]
	for i := range req.Args {
		v, herr := decodeVariant(&req.Args[i], e, argWhere(i), 0)
		if herr != nil {
			return nil, "", 0, nil, herr
		}
		args = append(args, v)
	}
	return obj, name, kind, args, nil
}

type createObjectRequest struct {
	ProgID *string `json:"progid"`
	Caller *string `json:"caller"`
}

// progIDs are the names CoCreateInstance of the Messenger class answers to.
var progIDs = map[string]bool{
	"communicator.uiautomation":              true,
	"communicator.uiautomation.1":            true,
	"{8885370d-b33e-44b7-875d-28e403cf9270}": true,
}

func (s *Server) handleCreateObject(w http.ResponseWriter, r *http.Request) {
	e, herr := s.worldFor(r)
	if herr != nil {
		writeHTTPError(w, herr)
		return
	}
	var req createObjectRequest
	if herr := readJSON(w, r, &req); herr != nil {
		writeHTTPError(w, herr)
		return
	}
	if req.ProgID == nil || !progIDs[strings.ToLower(*req.ProgID)] {
		got := "none"
		if req.ProgID != nil {
			got = strconv.Quote(*req.ProgID)
		}
		writeHTTPError(w, badRequest("\"progid\" must be \"Communicator.UIAutomation\" (got %s)", got))
		return
	}
	kind := model.CallerCompiled
	if req.Caller != nil {
		switch *req.Caller {
		case "compiled":
		case "script":
			kind = model.CallerScript
		default:
			writeHTTPError(w, badRequest("\"caller\" %q: use compiled or script", *req.Caller))
			return
		}
	}
	m, err := e.world.Messenger(kind)
	if err != nil {
		if hresult.Code(err) == hresult.CLASS_E_CLASSNOTAVAILABLE {
			writeHTTPError(w, hrProblem(http.StatusServiceUnavailable, "class-not-available", err))
			return
		}
		if hresult.Code(err) == hresult.E_OUTOFMEMORY {
			// The world's root-object limit (--max-roots): 507, as the
			// server cannot store another object for this world.
			writeHTTPError(w, hrProblem(http.StatusInsufficientStorage, "too-many-objects", err))
			return
		}
		writeHTTPError(w, hrProblem(http.StatusInternalServerError, "internal", err))
		return
	}
	writeJSON(w, http.StatusCreated, objectRef{Object: m.ObjectID(), Interface: m.InterfaceName()})
}

type objectRef struct {
	Object    string `json:"object"`
	Interface string `json:"interface"`
}
