package sim

import (
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/fakemessenger/fakemessenger/hresult"
	"github.com/fakemessenger/fakemessenger/model"
)

// Call is one journal entry: an automation call, what it returned and
// what it caused. Every object in Args and Result carries its identity
// (the contact's sign-in name, the window's HWND), so an entry still names
// its contact after the object was released.
type Call struct {
	Seq       uint64    `json:"seq"`
	Time      time.Time `json:"time"`
	Object    string    `json:"object"`
	Interface string    `json:"interface"`
	Member    string    `json:"member"`
	// ObjectInterface is the interface the object called presents (its
	// most derived one); Interface is the member's declaring interface.
	ObjectInterface string           `json:"objectInterface"`
	Kind            model.InvokeKind `json:"kind"`
	Caller          model.CallerKind `json:"caller"`
	Client          int              `json:"client"`
	// Self is the identity of the object the call was made on (zero for
	// the root object and collections).
	Self Identity `json:"self"`
	Args []Value  `json:"-"`
	// Result is what the call returned; nil when it returned nothing.
	Result *Value          `json:"-"`
	HR     hresult.HRESULT `json:"hresult"`
	Events []CallEvent     `json:"events"`
	Fault  bool            `json:"fault"`
}

// Value is a VARIANT as the journal shows it: the value and, for an
// object, the identity that object had in the world.
type Value struct {
	model.Variant
	Identity Identity
}

// String renders the value as VT_DISPATCH(IMessengerContactAdvanced jaya@contoso.com).
func (v Value) String() string {
	if v.VT == model.VT_DISPATCH && v.Obj != nil && !v.Identity.IsZero() {
		return "VT_DISPATCH(" + v.Obj.InterfaceName() + " " + v.Identity.String() + ")"
	}
	return v.Variant.String()
}

// CallEvent is one event a call raised.
type CallEvent struct {
	Name string `json:"name"`
	Seq  uint64 `json:"seq"`
}

// Identity is what an object is in the world, beside its ID: a contact's
// sign-in name, a window's HWND and whether it is the main window, a
// group's name. The zero Identity is an object with none (the root
// object, a collection).
type Identity struct {
	SigninName string `json:"signinName,omitempty"` // a contact
	HWND       int32  `json:"hwnd,omitempty"`       // a window (never 0)
	MainWindow bool   `json:"mainWindow,omitempty"` // the window is Communicator's main window
	Name       string `json:"name,omitempty"`       // a group
}

// IsZero reports whether the identity names nothing.
func (id Identity) IsZero() bool { return id == Identity{} }

func (id Identity) String() string {
	switch {
	case id.SigninName != "":
		return id.SigninName
	case id.HWND != 0 && id.MainWindow:
		return "main window hwnd " + strconv.Itoa(int(id.HWND))
	case id.HWND != 0:
		return "hwnd " + strconv.Itoa(int(id.HWND))
	case id.Name != "":
		return "group " + strconv.Quote(id.Name)
	}
	return ""
}

// identified is a world object that can name itself. Each kind of object
// (contacts, windows, and any kind added later, such as groups)
// implements it beside its own code; the journal and the state ask it at
// read time, so recording a call resolves nothing.
type identified interface{ identity() Identity }

func (c *contactObj) identity() Identity { return Identity{SigninName: c.signin} }
func (c *convObj) identity() Identity    { return Identity{HWND: c.win.Handle()} }
func (m *mainObj) identity() Identity    { return Identity{HWND: m.win.Handle(), MainWindow: true} }

// identityOf names the object behind a view, live, released or from a
// world that was reset (a view keeps its world object; a tombstone keeps
// the identity it had).
func identityOf(d any) Identity {
	switch v := d.(type) {
	case *tombstone:
		return v.ident
	case view:
		if x, ok := v.base().target.(identified); ok {
			return x.identity()
		}
	}
	return Identity{}
}

// String is one readable line: #3 IMessenger::InstantMessage(VT_BSTR("jaya@contoso.com"))
// -> S_OK = VT_DISPATCH(IMessengerConversationWndAdvanced hwnd 65540) [OnIMWindowCreated #1].
func (c Call) String() string {
	var b strings.Builder
	b.WriteString("#")
	b.WriteString(strconv.FormatUint(c.Seq, 10))
	b.WriteString(" ")
	b.WriteString(c.Interface)
	if !c.Self.IsZero() {
		b.WriteString("(" + c.Self.String() + ")")
	}
	b.WriteString("::")
	b.WriteString(c.Member)
	b.WriteString("(")
	for i, a := range c.Args {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(a.String())
	}
	b.WriteString(") -> ")
	b.WriteString(c.HR.String())
	if c.Fault {
		b.WriteString(" (injected fault)")
	}
	if c.Result != nil {
		b.WriteString(" = ")
		b.WriteString(c.Result.String())
	}
	if len(c.Events) > 0 {
		b.WriteString(" [")
		for i, e := range c.Events {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(e.Name)
			b.WriteString(" #")
			b.WriteString(strconv.FormatUint(e.Seq, 10))
		}
		b.WriteString("]")
	}
	if c.Client != 0 {
		b.WriteString(" client " + strconv.Itoa(c.Client))
	}
	return b.String()
}

// entry is the journal's compact form: two arguments inline, the result,
// and the range of event sequence numbers the call raised, so recording a
// typical call allocates nothing. Identities and event names are looked
// up when the journal is read.
type entry struct {
	seq    uint64
	at     time.Duration // since journal.epoch: 8 bytes, not a time.Time's 24
	self   view          // the object called; it keeps its world object for identity
	member string
	evFrom uint64 // events raised: evFrom+1 .. evFrom+evN
	client int32
	hr     hresult.HRESULT
	evN    uint32
	kind   model.InvokeKind
	nargs  uint8
	flags  uint8 // entryScript, entryFault
	args   [2]model.Variant
	result model.Variant
	more   []model.Variant
}

const (
	entryScript uint8 = 1 << iota // a script caller made the call
	entryFault                    // an injected fault produced the answer
)

func (e *entry) caller() model.CallerKind {
	if e.flags&entryScript != 0 {
		return model.CallerScript
	}
	return model.CallerCompiled
}

// journal is a ring: it keeps the newest cap entries and counts them all.
// It grows in fixed blocks, so filling it never copies what it holds.
type journal struct {
	blocks [][]entry
	n      int // entries held
	cap    int
	next   int // slot the next entry overwrites once full
	total  uint64
	// epoch is the time entries count from, taken from the first call
	// after a reset.
	epoch    time.Time
	hasEpoch bool
}

const journalBlock = 1024

func (j *journal) reset(capacity int) {
	*j = journal{cap: capacity}
}

// stamp records when an entry's call was made.
func (j *journal) stamp(e *entry, t time.Time) {
	if !j.hasEpoch {
		j.epoch, j.hasEpoch = t, true
	}
	e.at = t.Sub(j.epoch)
}

func (j *journal) at(i int) *entry { return &j.blocks[i/journalBlock][i%journalBlock] }

// maxJournalString caps a string argument as the journal keeps it, so the
// journal's memory is bounded by entries x this, whatever callers send.
const maxJournalString = 4096

func clip(v model.Variant) model.Variant {
	if v.VT == model.VT_BSTR && len(v.Str) > maxJournalString {
		v.Str = v.Str[:maxJournalString] + "...[" + strconv.Itoa(len(v.Str)-maxJournalString) + " more bytes]"
	}
	return v
}

// add counts a call and returns the slot to record it in, already holding
// its sequence number and (clipped) arguments, or nil when the journal
// keeps nothing. The caller fills in the rest where it lies: an entry is
// never built elsewhere and copied in.
func (j *journal) add(args []model.Variant) *entry {
	j.total++
	if j.cap == 0 {
		return nil
	}
	var e *entry
	if j.n < j.cap {
		if j.n%journalBlock == 0 {
			j.blocks = append(j.blocks, make([]entry, min(journalBlock, j.cap-j.n)))
		}
		e = j.at(j.n)
		j.n++
	} else {
		e = j.at(j.next)
		j.next = (j.next + 1) % j.cap
	}
	*e = entry{seq: j.total} // drop what the slot held, so nothing stale stays reachable
	n := copy(e.args[:], args)
	e.nargs = uint8(n)
	for i := range n {
		e.args[i] = clip(e.args[i])
	}
	if len(args) > len(e.args) {
		e.more = make([]model.Variant, 0, len(args)-len(e.args))
		for _, a := range args[len(e.args):] {
			e.more = append(e.more, clip(a))
		}
	}
	return e
}

// each visits the retained entries oldest first until fn returns false.
func (j *journal) each(fn func(*entry) bool) {
	start := 0
	if j.n == j.cap {
		start = j.next
	}
	for i := 0; i < j.n; i++ {
		if !fn(j.at((start + i) % j.n)) {
			return
		}
	}
}

func valueOf(v model.Variant) Value {
	x := Value{Variant: v}
	if v.VT == model.VT_DISPATCH && v.Obj != nil {
		x.Identity = identityOf(v.Obj)
	}
	return x
}

// slabs hold the values and events of many Calls, so reading the journal
// allocates per call only the object ID's string.
type slabs struct {
	values []Value
	events []CallEvent
}

// need is how much of the slabs e takes.
func (e *entry) need() (values, events int) {
	values = int(e.nargs) + len(e.more)
	if e.result.VT != model.VT_EMPTY {
		values++
	}
	return values, int(e.evN)
}

func (s *slabs) take(n int) []Value {
	if n > len(s.values) {
		s.values = make([]Value, max(n, 256))
	}
	out := s.values[:n:n]
	s.values = s.values[n:]
	return out
}

// call builds the readable entry; the world is locked.
// declaringInterface names the interface that declares a member, as the
// docs name it (IMessenger::InstantMessage, IUnknown::Release), looked up
// at read time so recording a call stores no second string; an unknown
// member keeps the object's interface.
func declaringInterface(iface, member string) string {
	if m, ok := model.LookupMember(iface, member); ok {
		return m.Interface
	}
	return iface
}

func (e *entry) call(w *World, s *slabs) Call {
	b := e.self.base()
	c := Call{Seq: e.seq, Time: w.journal.epoch.Add(e.at), Object: b.id.String(), Interface: declaringInterface(b.iface, e.member), ObjectInterface: b.iface,
		Member: e.member, Kind: e.kind, Caller: e.caller(), Client: int(e.client), HR: e.hr,
		Fault: e.flags&entryFault != 0, Self: identityOf(e.self)}
	nv, _ := e.need()
	vs := s.take(nv)
	i := 0
	for _, a := range e.args[:e.nargs] {
		vs[i] = valueOf(a)
		i++
	}
	for _, a := range e.more {
		vs[i] = valueOf(a)
		i++
	}
	c.Args = vs[:i:i]
	if e.result.VT != model.VT_EMPTY {
		vs[i] = valueOf(e.result)
		c.Result = &vs[i]
	}
	if e.evN > 0 {
		if int(e.evN) > len(s.events) {
			s.events = make([]CallEvent, max(int(e.evN), 256))
		}
		c.Events = s.events[:e.evN:e.evN]
		s.events = s.events[e.evN:]
		for i := range c.Events {
			seq := e.evFrom + 1 + uint64(i)
			c.Events[i] = CallEvent{Name: w.evLog.name(seq), Seq: seq}
		}
	}
	return c
}

// CallFilter selects journal entries; zero fields match everything. The
// wire server's GET /v1/journal takes the same filters as query
// parameters.
type CallFilter struct {
	Object string // object ID
	Member string // case-insensitive
	// Interface, e.g. "IMessenger": calls on objects that implement it
	// (a conversation window is an IMessengerWindow); case-insensitive.
	Interface string
	// HR, when set, must be the call's HRESULT.
	HR *hresult.HRESULT
	// Failed keeps only calls that failed (FAILED(hr); S_FALSE succeeded).
	Failed bool
	// Client, when set, is the index of the root object (client) that
	// made the call: 0 for the first.
	Client *int
	// After and Before bound the sequence number, both exclusive (0: no
	// bound).
	After, Before uint64
	// Contact, a sign-in name, keeps calls whose arguments or result
	// denote that contact (a string or a contact object) and calls made
	// on that contact's object. Compared as the client compares names:
	// case-insensitive, with or without "sip:".
	Contact string
	// Arg, when set, must equal one of the call's arguments (VT and value,
	// objects by identity).
	Arg *model.Variant
}

// Validate reports a filter that can match nothing because it is
// malformed: an object ID that is not a UUID, a malformed sign-in name.
func (f CallFilter) Validate() error {
	if f.Object != "" {
		if _, err := uuid.Parse(f.Object); err != nil {
			return &FilterError{Field: "object", Value: f.Object, Reason: "not an object ID"}
		}
	}
	if f.Contact != "" {
		if p := model.CheckSigninName(f.Contact); p != model.ProblemNone {
			return &FilterError{Field: "contact", Value: f.Contact, Reason: "sign-in name: " + p.String()}
		}
	}
	if f.HR != nil && f.Failed {
		// over the wire both are the one hresult parameter
		return &FilterError{Field: "hresult", Value: f.HR.Hex(), Reason: "give HR or Failed, not both"}
	}
	if f.After != 0 && f.Before != 0 && f.Before <= f.After+1 {
		return &FilterError{Field: "before", Value: strconv.FormatUint(f.Before, 10),
			Reason: "leaves no sequence number after " + strconv.FormatUint(f.After, 10)}
	}
	return nil
}

// FilterError is a malformed journal filter: which field, what it held.
type FilterError struct {
	Field, Value, Reason string
}

func (e *FilterError) Error() string {
	return "journal filter " + e.Field + "=" + strconv.Quote(e.Value) + ": " + e.Reason
}

// matcher is a CallFilter prepared for a scan: parsed once, so matching
// an entry allocates nothing.
type matcher struct {
	f       CallFilter
	object  uuid.UUID
	hasObj  bool
	contact string // normalized
}

func (f CallFilter) compile() matcher {
	m := matcher{f: f}
	if f.Object != "" {
		u, err := uuid.Parse(f.Object)
		m.object, m.hasObj = u, true
		if err != nil {
			m.object = uuid.Nil // matches nothing: no view has the nil ID
		}
	}
	if f.Contact != "" {
		m.contact = model.NormalizeSigninName(f.Contact)
	}
	return m
}

func (m *matcher) match(e *entry) bool {
	f := &m.f
	if f.After != 0 && e.seq <= f.After || f.Before != 0 && e.seq >= f.Before {
		return false
	}
	if f.HR != nil && e.hr != *f.HR || f.Failed && !e.hr.Failed() {
		return false
	}
	if f.Client != nil && int(e.client) != *f.Client {
		return false
	}
	if f.Member != "" && !strings.EqualFold(f.Member, e.member) {
		return false
	}
	b := e.self.base()
	if f.Interface != "" && !model.ObjectImplements(b.iface, f.Interface) {
		return false
	}
	if m.hasObj && m.object != b.id {
		return false
	}
	if f.Arg != nil && !e.anyArg(func(a model.Variant) bool { return sameVariant(a, *f.Arg) }) {
		return false
	}
	if m.contact != "" && !isContact(e.self, m.contact) && !denotes(e.result, m.contact) &&
		!e.anyArg(func(a model.Variant) bool { return denotes(a, m.contact) }) {
		return false
	}
	return true
}

func (e *entry) anyArg(fn func(model.Variant) bool) bool {
	for _, a := range e.args[:e.nargs] {
		if fn(a) {
			return true
		}
	}
	for _, a := range e.more {
		if fn(a) {
			return true
		}
	}
	return false
}

// denotes reports whether a value names the contact whose normalized
// sign-in name is key: as a string, or as a contact object.
func denotes(v model.Variant, key string) bool {
	switch v.VT {
	case model.VT_BSTR:
		return !v.NullStr && sameKey(v.Str, key)
	case model.VT_DISPATCH:
		return v.Obj != nil && isContact(v.Obj, key)
	case model.VT_ARRAY | model.VT_VARIANT:
		for _, a := range v.Array {
			if denotes(a, key) {
				return true
			}
		}
	}
	return false
}

func isContact(d any, key string) bool {
	switch x := d.(type) {
	case *Contact:
		return x.obj.key == key
	case *tombstone:
		return x.ident.SigninName != "" && sameKey(x.ident.SigninName, key)
	}
	return false
}

// sameKey compares a sign-in name with a normalized one without
// allocating: one "sip:" dropped, case folded.
func sameKey(s, key string) bool {
	if len(s) >= 4 && strings.EqualFold(s[:4], "sip:") {
		s = s[4:]
	}
	return len(s) == len(key) && strings.EqualFold(s, key)
}

func sameVariant(a, b model.Variant) bool {
	if a.VT != b.VT || a.Int != b.Int || a.Float != b.Float || a.Str != b.Str || a.NullStr != b.NullStr || len(a.Array) != len(b.Array) {
		return false
	}
	if a.Obj != b.Obj {
		if a.Obj == nil || b.Obj == nil || a.Obj.ObjectID() != b.Obj.ObjectID() {
			return false
		}
	}
	for i := range a.Array {
		if !sameVariant(a.Array[i], b.Array[i]) {
			return false
		}
	}
	return true
}

// JournalPage is a journal query's answer.
type JournalPage struct {
	// Calls are the retained matching calls, oldest first.
	Calls []Call
	// Total is how many retained calls matched.
	Total int
	// All is how many calls were made since the last reset, including
	// those the bounded journal dropped.
	All uint64
	// ContactSeen, for a Contact filter, says whether the world knows that
	// contact at all: on the contact list, held as an object, or named by
	// a retained call. A query for a contact the world never saw is
	// usually a typo in the test.
	ContactSeen bool
}

// Query reads the journal with a filter. A malformed filter is a
// *FilterError and reads nothing.
func (w *World) Query(f CallFilter) (JournalPage, error) {
	if err := f.Validate(); err != nil {
		return JournalPage{}, err
	}
	m := f.compile()
	w.mu.Lock()
	defer w.mu.Unlock()
	p := JournalPage{All: w.journal.total}
	// Two passes: the first sizes the slabs, so the second allocates
	// each kind of thing once rather than growing it call by call.
	var nv, ne int
	w.journal.each(func(e *entry) bool {
		if m.match(e) {
			p.Total++
			v, ev := e.need()
			nv, ne = nv+v, ne+ev
		}
		return true
	})
	if p.Total > 0 {
		p.Calls = make([]Call, 0, p.Total)
		s := slabs{values: make([]Value, nv), events: make([]CallEvent, ne)}
		w.journal.each(func(e *entry) bool {
			if m.match(e) {
				p.Calls = append(p.Calls, e.call(w, &s))
			}
			return true
		})
	}
	if m.contact != "" {
		_, known := w.byName[m.contact]
		p.ContactSeen = p.Total > 0 || known
		if !p.ContactSeen {
			only := CallFilter{Contact: f.Contact}.compile()
			w.journal.each(func(e *entry) bool {
				p.ContactSeen = only.match(e)
				return !p.ContactSeen
			})
		}
	}
	return p, nil
}

// CountCalls is how many retained calls match, without building them.
func (w *World) CountCalls(f CallFilter) (int, error) {
	if err := f.Validate(); err != nil {
		return 0, err
	}
	m := f.compile()
	w.mu.Lock()
	defer w.mu.Unlock()
	n := 0
	w.journal.each(func(e *entry) bool {
		if m.match(e) {
			n++
		}
		return true
	})
	return n, nil
}

// Calls returns the retained journal entries that match, oldest first; a
// malformed filter matches nothing (Query says why).
func (w *World) Calls(f CallFilter) []Call {
	p, _ := w.Query(f)
	return p.Calls
}

// Journal returns every retained call, oldest first.
func (w *World) Journal() []Call { return w.Calls(CallFilter{}) }

// CallCount is how many automation calls were made since the last reset,
// including those the bounded journal no longer holds.
func (w *World) CallCount() uint64 {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.journal.total
}

// LastCall is the newest call to member (any member when ""), if any.
func (w *World) LastCall(member string) (Call, bool) {
	cs := w.Calls(CallFilter{Member: member})
	if len(cs) == 0 {
		return Call{}, false
	}
	return cs[len(cs)-1], true
}

// eventLog remembers the names of the newest events by sequence number,
// so a journal entry stores only its range. It grows to maxEventLog and
// then wraps; an older event's name reads as "".
type eventLog struct {
	specs []*model.EventSpec
	last  uint64
}

const maxEventLog = 1 << 16

func (l *eventLog) add(seq uint64, spec *model.EventSpec) {
	l.last = seq
	if len(l.specs) < maxEventLog {
		l.specs = append(l.specs, spec)
		return
	}
	l.specs[(seq-1)%maxEventLog] = spec
}

func (l *eventLog) name(seq uint64) string {
	if seq == 0 || seq > l.last || l.last-seq >= uint64(len(l.specs)) {
		return ""
	}
	return l.specs[(seq-1)%maxEventLog].Name
}
