package sim

import (
	"context"
	"math"
	"sync"

	"github.com/fakemessenger/fakemessenger/hresult"
	"github.com/fakemessenger/fakemessenger/model"
)

// evArg is one event argument as the world knows it: a value, or a world
// object that is marshalled to each subscriber's client on delivery.
type evArg struct {
	v   model.Variant
	obj any
}

func evObj(o any) evArg             { return evArg{obj: o} }
func evHR(hr hresult.HRESULT) evArg { return evArg{v: model.I4(int32(hr))} }
func evStatus(s model.MISTATUS) evArg {
	return evArg{v: model.I4(int32(s))}
}

// emitLocked raises a DMessengerEvents event: it takes the next sequence
// number and queues the event for every subscriber, in order. Delivery
// happens on each subscriber's own goroutine, never under the world lock.
// The events the sim raises, looked up once rather than on every emit.
var (
	evOnSignin               = mustEvent(model.OnSignin)
	evOnSignout              = mustEvent(model.OnSignout)
	evOnContactListRemove    = mustEvent(model.OnContactListRemove)
	evOnContactStatusChange  = mustEvent(model.OnContactStatusChange)
	evOnMyStatusChange       = mustEvent(model.OnMyStatusChange)
	evOnAppShutdown          = mustEvent(model.OnAppShutdown)
	evOnContactBlockChange   = mustEvent(model.OnContactBlockChange)
	evOnIMWindowCreated      = mustEvent(model.OnIMWindowCreated)
	evOnIMWindowDestroyed    = mustEvent(model.OnIMWindowDestroyed)
	evOnIMWindowContactAdded = mustEvent(model.OnIMWindowContactAdded)
)

// firstEventDISPID is OnSignin's; the events' DISPIDs run 1024..1050, so
// a small array counts what fired with no map on the emit path.
const firstEventDISPID = 1024

// EventsFired counts the events the world has raised since it was made
// (Reset does not clear it), by name.
func (w *World) EventsFired() map[string]uint64 {
	w.mu.Lock()
	defer w.mu.Unlock()
	out := map[string]uint64{}
	for _, e := range model.Events {
		if n := w.fired[e.DISPID-firstEventDISPID]; n > 0 {
			out[e.Name] = n
		}
	}
	return out
}

func mustEvent(name string) *model.EventSpec {
	spec, ok := model.LookupEvent(name)
	if !ok {
		panic("sim: undeclared event " + name)
	}
	return spec
}

func (w *World) emitLocked(spec *model.EventSpec, args ...evArg) {
	w.eventSeq++
	if i := spec.DISPID - firstEventDISPID; i >= 0 && int(i) < len(w.fired) {
		w.fired[i]++
	}
	w.evLog.add(w.eventSeq, spec)
	if spec == evOnIMWindowDestroyed {
		// the lifetime checks remember which views saw their window go
		if conv, ok := args[0].obj.(*convObj); ok {
			for _, c := range w.clients {
				if v, ok := c.viewOf(conv); ok && v.base().destroyedSeq == 0 {
					v.base().destroyedSeq = uint32(min(w.eventSeq, math.MaxUint32))
				}
			}
		}
	}
	if w.obs != nil {
		w.obs.eventLocked(w, spec, args)
	}
	if len(w.subs) == 0 {
		return
	}
	at := w.cfg.clock.Now()
	for _, s := range w.subs {
		if s.cl.root.dead {
			continue
		}
		e := model.Event{Seq: w.eventSeq, Name: spec.Name, DISPID: spec.DISPID, Time: at, Params: make([]model.Param, len(args))}
		for i, a := range args {
			v := a.v
			if a.obj != nil {
				v = dispatchOf(w.marshalLocked(s.cl, a.obj))
			}
			e.Params[i] = model.Param{Name: spec.Params[i], Value: v}
		}
		s.push(e)
	}
}

// subscription is one connected sink: an unbounded queue drained by its
// own goroutine, so a slow handler delays only itself.
type subscription struct {
	world *World
	cl    *client
	fn    func(model.Event)

	mu      sync.Mutex
	cond    *sync.Cond
	queue   []model.Event
	busy    bool // a handler is running
	stopped bool
	done    chan struct{}
	once    sync.Once
}

func (w *World) subscribeLocked(cl *client, fn func(model.Event)) *subscription {
	s := &subscription{world: w, cl: cl, fn: fn, done: make(chan struct{})}
	s.cond = sync.NewCond(&s.mu)
	w.subs = append(w.subs, s)
	go s.run()
	return s
}

func (s *subscription) push(e model.Event) {
	s.mu.Lock()
	if !s.stopped {
		s.queue = append(s.queue, e)
		s.cond.Broadcast()
	}
	s.mu.Unlock()
}

func (s *subscription) run() {
	defer close(s.done)
	for {
		s.mu.Lock()
		for len(s.queue) == 0 && !s.stopped {
			s.cond.Wait()
		}
		if s.stopped {
			s.queue = nil
			s.busy = false
			s.cond.Broadcast()
			s.mu.Unlock()
			return
		}
		e := s.queue[0]
		s.queue[0] = model.Event{}
		s.queue = s.queue[1:]
		s.busy = true
		s.mu.Unlock()

		s.fn(e)

		s.mu.Lock()
		s.busy = false
		s.cond.Broadcast()
		s.mu.Unlock()
	}
}

// stop disconnects the sink and waits for its goroutine (unless called
// from inside its own handler, where waiting would deadlock).
func (s *subscription) stop() {
	s.once.Do(func() {
		s.mu.Lock()
		s.stopped = true
		s.cond.Broadcast()
		s.mu.Unlock()
	})
}

// Close disconnects the subscription (IConnectionPoint::Unadvise).
func (s *subscription) Close() error {
	s.world.mu.Lock()
	for i, x := range s.world.subs {
		if x == s {
			s.world.subs = append(s.world.subs[:i], s.world.subs[i+1:]...)
			break
		}
	}
	s.world.mu.Unlock()
	s.stop()
	return nil
}

// Wait blocks until the sink's goroutine has ended (after Close).
func (s *subscription) wait() { <-s.done }

// drain waits until everything queued so far has been handled.
func (s *subscription) drain(ctx context.Context) error {
	stop := context.AfterFunc(ctx, func() {
		s.mu.Lock()
		s.cond.Broadcast()
		s.mu.Unlock()
	})
	defer stop()
	s.mu.Lock()
	defer s.mu.Unlock()
	for (len(s.queue) > 0 || s.busy) && !s.stopped {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		s.cond.Wait()
	}
	return nil
}

// Drain blocks until every subscriber has handled every event raised so
// far: the way a test waits for OnIMWindowDestroyed without sleeping.
// Do not call it from inside an event handler.
func (w *World) Drain(ctx context.Context) error {
	w.mu.Lock()
	subs := append([]*subscription(nil), w.subs...)
	w.mu.Unlock()
	for _, s := range subs {
		if err := s.drain(ctx); err != nil {
			return err
		}
	}
	return nil
}

// EventCount is how many events the world has raised since it was made.
func (w *World) EventCount() uint64 {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.eventSeq
}
