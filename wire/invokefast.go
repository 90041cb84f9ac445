package wire

import (
	"bytes"
	"context"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/fakemessenger/fakemessenger/hresult"
	"github.com/fakemessenger/fakemessenger/model"
)

// The /v1/invoke hot path. A request is decoded in one pass into pooled
// structs when it is plain (the fields invoke knows, spelled exactly, no
// escapes, no nulls where a field wants a value, no nested arrays); any
// other body goes through encoding/json and the strict checker, which own
// every error message. So the fast path never decides that a body is bad:
// it only recognises bodies that the slow path would accept, and decodes
// them to the same invokeRequest.

// invokeState is one request's scratch: the body, the decoded request and
// its arguments, the call's context. Pooled, so a plain request allocates
// only what outlives it (argument strings the sim keeps).
type invokeState struct {
	body  bytes.Buffer
	req   invokeRequest
	strs  [4]string // object, member, kind, dispid's text is not kept
	dis   int64
	vars  [maxFastArgs]jsonVariant
	vts   [maxFastArgs]string
	ifs   [maxFastArgs]string
	args  [maxFastArgs]model.Variant
	ctx   callCtx
	reply []byte
}

// maxFastArgs: no member takes more than a few arguments; a request with
// more is decoded the general way.
const maxFastArgs = 8

var invokePool = sync.Pool{New: func() any { return &invokeState{reply: make([]byte, 0, 512)} }}

// release drops every reference the request held and pools the state
// unless a big body made it big.
func (st *invokeState) release() {
	st.req = invokeRequest{}
	st.strs = [4]string{}
	clear(st.vars[:])
	clear(st.vts[:])
	clear(st.ifs[:])
	clear(st.args[:])
	st.ctx = callCtx{}
	if st.body.Cap() > 64<<10 || cap(st.reply) > 64<<10 {
		return
	}
	invokePool.Put(st)
}

// intern returns a string for b without allocating when it was seen
// before: member names, "kind" and "vt" tags come from small sets. The
// table is copied on write and read without a lock (every request reads
// it, on every core; a new name is rare), and bounded, so odd names
// cannot grow it without limit.
var (
	internTab atomic.Pointer[map[string]string]
	internMu  sync.Mutex
)

const maxInterned = 4096

func intern(b []byte) string {
	if len(b) > 64 {
		return string(b)
	}
	if tab := internTab.Load(); tab != nil {
		if s, ok := (*tab)[string(b)]; ok {
			return s
		}
	}
	s := string(b)
	internMu.Lock()
	defer internMu.Unlock()
	old := internTab.Load()
	if old != nil && len(*old) >= maxInterned {
		return s
	}
	tab := make(map[string]string, 1+lenOf(old))
	if old != nil {
		for k, v := range *old {
			tab[k] = v
		}
	}
	tab[s] = s
	internTab.Store(&tab)
	return s
}

func lenOf(m *map[string]string) int {
	if m == nil {
		return 0
	}
	return len(*m)
}

// fastScan walks a body the fast path may decode; every method answers
// false for anything it does not recognise.
type fastScan struct {
	d        []byte
	i        int
	nonASCII bool
}

func (s *fastScan) ws() {
	for s.i < len(s.d) {
		switch s.d[s.i] {
		case ' ', '\t', '\n', '\r':
			s.i++
		default:
			return
		}
	}
}

func (s *fastScan) byte(c byte) bool {
	s.ws()
	if s.i < len(s.d) && s.d[s.i] == c {
		s.i++
		return true
	}
	return false
}

// str reads a string with no escapes and no control characters and
// returns its bytes (which are its value).
func (s *fastScan) str() ([]byte, bool) {
	s.ws()
	if s.i >= len(s.d) || s.d[s.i] != '"' {
		return nil, false
	}
	start := s.i + 1
	for j := start; j < len(s.d); j++ {
		c := s.d[j]
		switch {
		case c == '"':
			s.i = j + 1
			return s.d[start:j], true
		case c == '\\' || c < 0x20:
			return nil, false
		case c >= utf8.RuneSelf:
			s.nonASCII = true
		}
	}
	return nil, false
}

// scalar reads a string, number, true, false or null and returns its raw
// JSON text, as json.RawMessage would hold it.
func (s *fastScan) scalar() ([]byte, bool) {
	s.ws()
	if s.i >= len(s.d) {
		return nil, false
	}
	start := s.i
	switch c := s.d[s.i]; {
	case c == '"':
		if _, ok := s.str(); !ok {
			return nil, false
		}
	case c == 't':
		return s.literal("true")
	case c == 'f':
		return s.literal("false")
	case c == 'n':
		return s.literal("null")
	case c == '-' || c >= '0' && c <= '9':
		if !s.number() {
			return nil, false
		}
	default:
		return nil, false
	}
	return s.d[start:s.i], true
}

func (s *fastScan) literal(lit string) ([]byte, bool) {
	if !bytes.HasPrefix(s.d[s.i:], []byte(lit)) {
		return nil, false
	}
	start := s.i
	s.i += len(lit)
	return s.d[start:s.i], s.delim()
}

// delim: a scalar must be followed by a delimiter or the end.
func (s *fastScan) delim() bool {
	if s.i >= len(s.d) {
		return true
	}
	switch s.d[s.i] {
	case ',', '}', ']', ' ', '\t', '\n', '\r':
		return true
	}
	return false
}

// number checks JSON's number grammar: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
func (s *fastScan) number() bool {
	d, i := s.d, s.i
	digits := func() bool {
		j := i
		for i < len(d) && d[i] >= '0' && d[i] <= '9' {
			i++
		}
		return i > j
	}
	if i < len(d) && d[i] == '-' {
		i++
	}
	switch {
	case i < len(d) && d[i] == '0':
		i++
	case !digits():
		return false
	}
	if i < len(d) && d[i] == '.' {
		i++
		if !digits() {
			return false
		}
	}
	if i < len(d) && (d[i] == 'e' || d[i] == 'E') {
		i++
		if i < len(d) && (d[i] == '+' || d[i] == '-') {
			i++
		}
		if !digits() {
			return false
		}
	}
	s.i = i
	return s.delim()
}

// decodeFast decodes a plain invoke body (trimmed, as readBody returns it)
// into st.req; false means "use the general decoder", never "bad".
func (st *invokeState) decodeFast(data []byte) bool {
	s := fastScan{d: data}
	if !s.byte('{') {
		return false
	}
	req := &st.req
	var seen uint8
	if s.byte('}') {
		return s.i == len(data)
	}
	for {
		k, ok := s.str()
		if !ok || !s.byte(':') {
			return false
		}
		var bit uint8
		switch string(k) {
		case "object":
			bit = 1
			v, ok := s.str()
			if !ok {
				return false
			}
			if string(v) == MessengerAlias {
				st.strs[0] = MessengerAlias
			} else {
				st.strs[0] = string(v)
			}
			req.Object = &st.strs[0]
		case "member":
			bit = 2
			v, ok := s.str()
			if !ok {
				return false
			}
			st.strs[1] = intern(v)
			req.Member = &st.strs[1]
		case "kind":
			bit = 4
			v, ok := s.str()
			if !ok {
				return false
			}
			st.strs[2] = intern(v)
			req.Kind = &st.strs[2]
		case "dispid":
			bit = 8
			s.ws()
			start := s.i
			if !s.number() {
				return false
			}
			n, err := strconv.ParseInt(string(data[start:s.i]), 10, 64)
			if err != nil { // a fraction, an exponent, out of range: the slow path words it
				return false
			}
			st.dis = n
			req.DISPID = &st.dis
		case "args":
			bit = 16
			if !st.decodeArgs(&s) {
				return false
			}
		default:
			return false
		}
		if seen&bit != 0 {
			return false
		}
		seen |= bit
		if s.byte(',') {
			continue
		}
		if !s.byte('}') {
			return false
		}
		s.ws()
		if s.i != len(data) {
			return false
		}
		return !s.nonASCII || utf8.Valid(data)
	}
}

// decodeArgs reads "args": an array of flat VARIANT objects.
func (st *invokeState) decodeArgs(s *fastScan) bool {
	if !s.byte('[') {
		return false
	}
	st.req.Args = st.vars[:0]
	if s.byte(']') {
		return true
	}
	for n := 0; ; n++ {
		if n == maxFastArgs || !s.byte('{') {
			return false
		}
		jv := &st.vars[n]
		var seen uint8
		for !s.byte('}') {
			if seen != 0 && !s.byte(',') {
				return false
			}
			k, ok := s.str()
			if !ok || !s.byte(':') {
				return false
			}
			var bit uint8
			switch string(k) {
			case "vt":
				bit = 1
				v, ok := s.str()
				if !ok {
					return false
				}
				st.vts[n] = intern(v)
				jv.VT = &st.vts[n]
			case "value":
				bit = 2
				v, ok := s.scalar()
				if !ok {
					return false
				}
				jv.Value = v
			case "object":
				bit = 4
				v, ok := s.scalar()
				if !ok || v[0] != '"' && v[0] != 'n' {
					return false
				}
				jv.Object = v
			case "interface":
				bit = 8
				v, ok := s.str()
				if !ok {
					return false
				}
				st.ifs[n] = intern(v)
				jv.Interface = &st.ifs[n]
			default:
				return false
			}
			if seen&bit != 0 {
				return false
			}
			seen |= bit
		}
		st.req.Args = st.vars[:n+1]
		if s.byte(',') {
			continue
		}
		return s.byte(']')
	}
}

// callCtx is the call's context: the request's, also ended by the
// world's end, so that a call blocked in the sim (Close waiting on a
// dialog) ends with its world. Joining the two contexts costs a goroutine
// registration and three allocations, and only a call that blocks ever
// asks for Done, so the join is made on the first Done.
type callCtx struct {
	context.Context // the request's
	world           context.Context
	once            sync.Once
	joined          context.Context
	stop            func() bool
	cancel          context.CancelFunc
}

func (c *callCtx) join() {
	c.joined, c.cancel = context.WithCancel(c.Context)
	c.stop = context.AfterFunc(c.world, c.cancel)
}

func (c *callCtx) Done() <-chan struct{} {
	c.once.Do(c.join)
	return c.joined.Done()
}

func (c *callCtx) Err() error {
	if err := c.Context.Err(); err != nil {
		return err
	}
	if c.world.Err() != nil {
		return context.Canceled // what the joined context reports
	}
	return nil
}

func (c *callCtx) Deadline() (time.Time, bool) { return c.Context.Deadline() }

// end releases the join, if one was made.
func (c *callCtx) end() {
	c.once.Do(func() {}) // orders this read after a join on another goroutine
	if c.stop != nil {
		c.stop()
		c.cancel()
	}
}

// argWhere names argument i in error details without formatting for the
// usual few.
func argWhere(i int) string {
	if i < len(argNames) {
		return argNames[i]
	}
	return "args[" + strconv.Itoa(i) + "]"
}

var argNames = [...]string{"args[0]", "args[1]", "args[2]", "args[3]", "args[4]", "args[5]", "args[6]", "args[7]"}

// okPrefix is the start of every successful invoke reply, encoded once.
const okPrefix = `{"hresult":"0x00000000","name":"S_OK","message":"","result":`

// appendInvokeReply writes the reply to a call that got as far as the sim:
// the HRESULT, its name, the failure's message and the result.
func appendInvokeReply(b []byte, err error, result model.Variant) []byte {
	if err == nil {
		b = append(b, okPrefix...)
	} else {
		hr := hresult.Code(err)
		b = append(b, `{"hresult":"`...)
		b = appendHRHex(b, hr)
		b = append(b, `","name":`...)
		b = model.AppendJSONString(b, hr.Name())
		b = append(b, `,"message":`...)
		b = model.AppendJSONString(b, err.Error())
		b = append(b, `,"result":`...)
	}
	b = appendResult(b, result)
	return append(b, "}\n"...)
}

// appendHRHex is hresult's Hex (0x80004005: upper-case, 8 digits) without
// fmt.
func appendHRHex(b []byte, hr hresult.HRESULT) []byte {
	const digits = "0123456789ABCDEF"
	u := uint32(hr)
	b = append(b, '0', 'x')
	for shift := 28; shift >= 0; shift -= 4 {
		b = append(b, digits[u>>uint(shift)&0xf])
	}
	return b
}

// jsonContentType is the Content-Type header value of every JSON reply;
// net/http only reads header values, so one slice serves every reply.
var jsonContentType = []string{"application/json"}

// writeInvokeReply sends a ready reply (newline included) with status 200.
// A reply shorter than net/http's chunking buffer gets its Content-Length
// from net/http (documented on ResponseWriter.Header), which saves
// formatting it on every call.
func writeInvokeReply(w http.ResponseWriter, b []byte) {
	h := w.Header()
	h["Content-Type"] = jsonContentType
	if len(b) >= 2048 {
		h["Content-Length"] = []string{strconv.Itoa(len(b))}
	}
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(b)
}
