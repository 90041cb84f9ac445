package sim

import (
	"context"
	"strings"
	"sync"
	"time"

	"go.uber.org/zap"

	"github.com/fakemessenger/fakemessenger/hresult"
	"github.com/fakemessenger/fakemessenger/model"
	"github.com/fakemessenger/fakemessenger/window"
)

// handler runs one member with the world locked. It returns the HRESULT
// and sets c.result; on failure it must change nothing and emit nothing.
type handler func(c *call) hresult.HRESULT

// byMember is the dispatch table: the one place each member's behaviour
// lives, keyed by the member's declaration (which the conversation window
// shares with IMessengerWindow), so finding a handler does no string work.
// The typed Go methods and Invoke (and so the wire server) both come
// through World.invoke to it.
var byMember = map[*model.Member]handler{}

func register(iface string, table map[string]handler) {
	for name, h := range table {
		m, ok := model.LookupMember(iface, name)
		if !ok {
			panic("sim: handler for undeclared member " + iface + "::" + name)
		}
		byMember[m] = h
	}
}

func handlerOf(m *model.Member) handler { return byMember[m] }

// Handles says whether the simulation has a handler for m: the coverage
// table's test of "simulated".
func Handles(m *model.Member) bool { return byMember[m] != nil || m.Interface == model.IUnknown }

// call is one automation call in flight. Calls are pooled: a typed call
// on the hot path allocates nothing of its own.
type call struct {
	ctx    context.Context
	w      *World
	cl     *client
	self   view
	m      *model.Member
	kind   model.InvokeKind
	args   []model.Variant
	argBuf [4]model.Variant
	result model.Variant
	reason string
	// block is set by Close when a confirmation dialog must be answered
	// before the call can finish.
	block *window.Dialog
	conv  *convObj
	// h is the member's handler when the caller resolved it already.
	h handler
	// evFrom is the world's event sequence number when the call began
	// (the journal names the events after it); injected marks an answer
	// an injected fault produced.
	evFrom   uint64
	injected bool
	// orig holds the arguments as sent when coercion changed one.
	orig []model.Variant
}

var callPool = sync.Pool{New: func() any { return new(call) }}

// arg returns argument i (VT_EMPTY when an optional one was left out).
func (c *call) arg(i int) model.Variant {
	if i < len(c.args) {
		return c.args[i]
	}
	return model.Variant{}
}

// fail sets the reason a failure is reported with and returns hr.
func (c *call) fail(hr hresult.HRESULT, reason string) hresult.HRESULT {
	c.reason = reason
	return hr
}

func (c *call) qualifiedName() string {
	if c.m == nil {
		return c.self.base().iface + "::?"
	}
	return c.m.Interface + "::" + c.m.Name
}

// iunknownLocked answers IUnknown's members, which every object has and
// which neither faults nor scripting rules touch.
func (w *World) iunknownLocked(c *call) hresult.HRESULT {
	b := c.self.base()
	if c.m.Name == "Release" {
		w.releaseLocked(b)
		c.result = model.I4(max(b.refs, 0))
		return hresult.S_OK
	}
	// QueryInterface(riid): the riid travels as a VT_BSTR GUID string.
	if len(c.args) != 1 {
		return c.fail(hresult.DISP_E_BADPARAMCOUNT, "QueryInterface takes one argument, the IID")
	}
	a := c.args[0]
	if a.VT != model.VT_BSTR {
		return c.fail(hresult.DISP_E_TYPEMISMATCH, "riid must be a VT_BSTR GUID string")
	}
	if model.NormalizeGUID(a.Str) == "" {
		// What IIDFromString answers for a string that is no GUID.
		return c.fail(hresult.E_INVALIDARG, "riid "+quote(a.Str)+" is not a GUID")
	}
	name, ok := model.InterfaceByIID(a.Str)
	if !ok || !model.ObjectImplements(b.iface, name) {
		return c.fail(hresult.E_NOINTERFACE, "the object does not implement "+a.Str)
	}
	// COM identity: the same object. A .NET cast or a pywin32 QI on a
	// wrapper it already holds adds no wrapper reference, so neither do we.
	c.result = dispatchOf(c.self)
	return hresult.S_OK
}

// invoke is IDispatch::Invoke for every object of the world.
func (w *World) invoke(ctx context.Context, self view, name string, kind model.InvokeKind, args []model.Variant) (model.Variant, error) {
	m, _ := model.LookupMember(self.base().iface, name)
	return w.invokeResolved(ctx, self, m, nil, name, kind, args)
}

// invokeResolved is invoke once the member is looked up (m is nil for an
// unknown name); a typed method on the hot path resolves its member and
// handler (h) once, at start-up.
func (w *World) invokeResolved(ctx context.Context, self view, m *model.Member, h handler, name string, kind model.InvokeKind, args []model.Variant) (model.Variant, error) {
	if ctx == nil {
		ctx = context.Background()
	}
	b := self.base()
	known := m != nil

	// A fault's delay is served before the call takes the lock, so a slow
	// member never stalls other callers.
	abandoned := false
	if known {
		if d := w.faultDelay(b, m); d > 0 {
			abandoned = sleepCtx(ctx, d) != nil
		}
	}

	c := callPool.Get().(*call)
	c.ctx, c.w, c.cl, c.self, c.m, c.kind, c.h = ctx, w, b.cl, self, nil, kind, h
	n := copy(c.argBuf[:], args)
	if len(args) > len(c.argBuf) {
		c.args = append([]model.Variant(nil), args...)
	} else {
		c.args = c.argBuf[:n]
	}

	w.mu.Lock()
	late := b.destroyedSeq != 0 // made after its OnIMWindowDestroyed
	c.evFrom = w.eventSeq
	var hr hresult.HRESULT
	if abandoned {
		// journaled like any call: the client did make it
		c.m, c.injected = m, true
		hr = c.fail(hresult.E_ABORT, "the caller's context ended during an injected delay")
	} else if known {
		c.m = m
		hr = w.dispatchLocked(c)
	} else if strings.HasPrefix(name, "#") {
		// "#<dispid>": a late-bound call by a DISPID the interface does
		// not have; IDispatch::Invoke answers DISP_E_MEMBERNOTFOUND
		// (DISP_E_UNKNOWNNAME is GetIDsOfNames' answer for a name).
		hr = c.fail(hresult.DISP_E_MEMBERNOTFOUND, "no member with DISPID "+name[1:])
	} else {
		hr = c.fail(hresult.DISP_E_UNKNOWNNAME, "no member named "+quote(name))
	}
	if c.block != nil {
		hr = w.waitDialog(c) // unlocks while waiting, returns locked
	}
	w.recordLocked(c, name, hr, late)
	result := c.result
	var err error
	if hr != hresult.S_OK {
		err = &hresult.Error{HR: hr, Member: c.qualifiedName(), Reason: c.reason}
	}
	w.mu.Unlock()

	*c = call{}
	callPool.Put(c)
	return result, err
}

// dispatchLocked applies what IDispatch and the object do before the
// member's own behaviour, in this order: a dead proxy, the kind of
// invocation, the argument count and types, "Not supported", scripting,
// injected faults, then the handler.
func (w *World) dispatchLocked(c *call) hresult.HRESULT {
	b, m := c.self.base(), c.m
	if b.dead {
		// RPC_E_DISCONNECTED: what a COM client sees on a proxy whose
		// object is gone (released, the world reset, the app shut down).
		return c.fail(hresult.RPC_E_DISCONNECTED, "the object was released or its world was reset")
	}
	if w.shutdown {
		return c.fail(hresult.RPC_E_DISCONNECTED, "Communicator has shut down")
	}
	if m.Interface == model.IUnknown {
		return w.iunknownLocked(c)
	}
	kind, ok := effectiveKind(c.kind, m.Kinds)
	if !ok {
		return c.fail(hresult.DISP_E_MEMBERNOTFOUND, "the member does not support "+c.kind.String())
	}
	c.kind = kind
	want := len(m.Params)
	if kind == model.DISPATCH_PROPERTYPUT {
		want++
	}
	required := want
	for _, p := range m.Params {
		if p.Optional {
			required--
		}
	}
	if len(c.args) < required || len(c.args) > want {
		return c.fail(hresult.DISP_E_BADPARAMCOUNT, "wrong number of arguments")
	}
	for i, a := range c.args {
		var spec model.ParamSpec
		if i < len(m.Params) {
			spec = m.Params[i]
		} else {
			spec = model.ParamSpec{Name: "value", VT: m.PutVT}
		}
		v, hr := w.coerceArgLocked(a, spec)
		if hr != hresult.S_OK {
			return c.fail(hr, "argument "+spec.Name+" cannot be "+a.VT.String())
		}
		if !unchanged(v, a) {
			c.keepOriginalArgs()
			c.args[i] = v
		}
	}
	marks := &m.Marks[w.cfg.product]
	if marks.Support == model.NotSupported {
		// The product's docs mark these "Not supported"/"Not implemented".
		return c.fail(hresult.E_NOTIMPL, "not supported by "+w.cfg.product.String())
	}
	if b.cl.kind == model.CallerScript && marks.Script&kind == 0 {
		// The reference's code for "cannot be accessed through scripting".
		return c.fail(hresult.E_NOTIMPL, "not scriptable")
	}
	if hr, ok := w.faultLocked(b, m); ok {
		c.injected = true
		return c.fail(hr, "injected fault")
	}
	h := c.h
	if h == nil {
		h = handlerOf(m)
	}
	if h == nil {
		return c.fail(hresult.E_NOTIMPL, "not simulated")
	}
	return h(c)
}

// effectiveKind picks the invocation a request means: a put must be a put;
// "method|propget" (a late-bound coll(i)) is whichever the member has.
func effectiveKind(k, allowed model.InvokeKind) (model.InvokeKind, bool) {
	switch {
	case k&(model.DISPATCH_PROPERTYPUT|model.DISPATCH_PROPERTYPUTREF) != 0:
		return model.DISPATCH_PROPERTYPUT, allowed&model.DISPATCH_PROPERTYPUT != 0 && k&(model.DISPATCH_METHOD|model.DISPATCH_PROPERTYGET) == 0
	case k&model.DISPATCH_PROPERTYGET != 0 && allowed&model.DISPATCH_PROPERTYGET != 0:
		return model.DISPATCH_PROPERTYGET, true
	case k&model.DISPATCH_METHOD != 0 && allowed&model.DISPATCH_METHOD != 0:
		return model.DISPATCH_METHOD, true
	}
	return 0, false
}

// recordLocked writes the journal entry and the debug log line.
func (w *World) recordLocked(c *call, name string, hr hresult.HRESULT, late bool) {
	b := c.self.base()
	member := name
	if c.m != nil {
		member = c.m.Name
	}
	if late && member != "Release" {
		b.lateCalls = append(b.lateCalls, member)
	}
	args := c.args
	if c.orig != nil {
		args = c.orig // the journal shows what the caller sent, not the coercion
	}
	if e := w.journal.add(args); e != nil {
		w.journal.stamp(e, w.cfg.clock.Now())
		e.self, e.member, e.kind, e.client, e.hr = c.self, member, c.kind, int32(b.cl.index), hr
		if b.cl.kind == model.CallerScript {
			e.flags |= entryScript
		}
		if c.injected {
			e.flags |= entryFault
		}
		e.result = clip(c.result)
		e.evFrom, e.evN = c.evFrom, uint32(min(w.eventSeq-c.evFrom, 1<<32-1))
	}
	if w.obs != nil {
		w.obs.wake()
	}
	if ce := w.log.Check(zap.DebugLevel, "automation call"); ce != nil {
		ce.Write(zap.String("object", b.id.String()), zap.String("interface", b.iface),
			zap.String("member", member), zap.Stringer("kind", c.kind),
			zap.Stringer("caller", b.cl.kind), zap.Stringer("hresult", hr), zap.String("reason", c.reason))
	}
}

func quote(s string) string {
	if len(s) > 64 {
		s = s[:64] + "..."
	}
	return "\"" + s + "\""
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
