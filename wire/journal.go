package wire

import (
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/fakemessenger/fakemessenger/hresult"
	"github.com/fakemessenger/fakemessenger/model"
	"github.com/fakemessenger/fakemessenger/sim"
)

// journalParams are the query parameters GET /v1/journal takes; any other
// is a mistake the caller should hear about, not a filter silently
// ignored. "world" selects the world, as on every route.
var journalParams = []string{"member", "interface", "object", "hresult", "client", "after", "before", "contact", "world"}

// journalFilter reads GET /v1/journal's query into a sim.CallFilter.
func journalFilter(q url.Values, root string) (sim.CallFilter, *httpError) {
	var f sim.CallFilter
	var unknown []string
	for k := range q {
		if !slices.Contains(journalParams, k) {
			unknown = append(unknown, strconv.Quote(k))
		}
	}
	if len(unknown) > 0 {
		slices.Sort(unknown)
		what := "parameter"
		if len(unknown) > 1 {
			what = "parameters"
		}
		return f, badRequest("unknown journal query %s %s (known: %s)", what, strings.Join(unknown, ", "), strings.Join(journalParams, ", "))
	}
	for k, vs := range q {
		if len(vs) > 1 {
			return f, badRequest("journal query parameter %q given %d times", k, len(vs))
		}
	}
	f.Member, f.Interface, f.Contact = q.Get("member"), q.Get("interface"), q.Get("contact")
	f.Object = q.Get("object")
	if f.Object == MessengerAlias {
		f.Object = root
	}
	if v := q.Get("hresult"); v != "" {
		if strings.EqualFold(v, "failed") {
			f.Failed = true
		} else {
			hr, err := hresult.Parse(v)
			if err != nil {
				return f, badRequest("hresult=%q: not an HRESULT name (such as E_INVALIDARG), a hex value or \"failed\"", v)
			}
			f.HR = &hr
		}
	}
	if v := q.Get("client"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return f, badRequest("client=%q: not a client index (0, 1, ...)", v)
		}
		f.Client = &n
	}
	for _, p := range []struct {
		name string
		to   *uint64
	}{{"after", &f.After}, {"before", &f.Before}} {
		if v := q.Get(p.name); v != "" {
			n, err := strconv.ParseUint(v, 10, 64)
			if err != nil {
				return f, badRequest("%s=%q: not a sequence number", p.name, v)
			}
			*p.to = n
		}
	}
	return f, nil
}

// handleJournal lists the retained calls that match the query, oldest
// first. total is how many matched; all counts every call since the last
// reset, including those the bounded journal has dropped.
func (s *Server) handleJournal(w http.ResponseWriter, r *http.Request) {
	e, herr := s.worldFor(r)
	if herr != nil {
		writeHTTPError(w, herr)
		return
	}
	f, herr := journalFilter(r.URL.Query(), e.defaultRoot().ObjectID())
	if herr != nil {
		writeHTTPError(w, herr)
		return
	}
	page, err := e.world.Query(f)
	if err != nil {
		var fe *sim.FilterError
		if errors.As(err, &fe) {
			writeHTTPError(w, badRequest("%s=%q: %s", fe.Field, fe.Value, fe.Reason))
			return
		}
		writeHTTPError(w, badRequest("%v", err))
		return
	}

	b := make([]byte, 0, 128+300*len(page.Calls))
	b = append(b, `{"total":`...)
	b = strconv.AppendInt(b, int64(page.Total), 10)
	b = append(b, `,"all":`...)
	b = strconv.AppendUint(b, page.All, 10)
	if f.Contact != "" {
		b = append(b, `,"contactSeen":`...)
		b = strconv.AppendBool(b, page.ContactSeen)
	}
	b = append(b, `,"calls":[`...)
	for i := range page.Calls {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendCall(b, &page.Calls[i])
	}
	b = append(b, "]}"...)
	writeRaw(w, http.StatusOK, b)
}

func appendCall(b []byte, c *sim.Call) []byte {
	b = append(b, `{"seq":`...)
	b = strconv.AppendUint(b, c.Seq, 10)
	b = append(b, `,"time":"`...)
	b = c.Time.UTC().AppendFormat(b, time.RFC3339Nano)
	b = append(b, `","object":`...)
	b = model.AppendJSONString(b, c.Object)
	if !c.Self.IsZero() {
		b = append(b, `,"self":{`...)
		b = appendIdentity(b, c.Self)
		b = append(b, '}')
	}
	b = append(b, `,"interface":`...)
	b = model.AppendJSONString(b, c.Interface)
	b = append(b, `,"objectInterface":`...)
	b = model.AppendJSONString(b, c.ObjectInterface)
	b = append(b, `,"member":`...)
	b = model.AppendJSONString(b, c.Member)
	b = append(b, `,"kind":`...)
	b = model.AppendJSONString(b, c.Kind.String())
	b = append(b, `,"caller":`...)
	b = model.AppendJSONString(b, c.Caller.String())
	b = append(b, `,"client":`...)
	b = strconv.AppendInt(b, int64(c.Client), 10)
	b = append(b, `,"args":[`...)
	for i, a := range c.Args {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendValue(b, a)
	}
	b = append(b, ']')
	if c.Result != nil {
		b = append(b, `,"result":`...)
		b = appendValue(b, *c.Result)
	}
	b = append(b, `,"hresult":"`...)
	b = append(b, c.HR.Hex()...)
	b = append(b, `","name":`...)
	b = model.AppendJSONString(b, c.HR.Name())
	b = append(b, `,"fault":`...)
	b = strconv.AppendBool(b, c.Fault)
	b = append(b, `,"events":[`...)
	for i, ev := range c.Events {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"name":`...)
		b = model.AppendJSONString(b, ev.Name)
		b = append(b, `,"seq":`...)
		b = strconv.AppendUint(b, ev.Seq, 10)
		b = append(b, '}')
	}
	return append(b, "]}"...)
}

// appendValue writes a VARIANT as the invoke replies do, with an object's
// identity beside its ID.
func appendValue(b []byte, v sim.Value) []byte {
	b = model.AppendVariantJSON(b, v.Variant)
	if v.Identity.IsZero() || len(b) == 0 || b[len(b)-1] != '}' {
		return b
	}
	b = append(b[:len(b)-1], ',')
	b = appendIdentity(b, v.Identity)
	return append(b, '}')
}

// appendIdentity writes an identity's members (no braces). A window
// always says whether it is the main window.
func appendIdentity(b []byte, id sim.Identity) []byte {
	sep := false
	field := func(name string) {
		if sep {
			b = append(b, ',')
		}
		sep = true
		b = append(b, '"')
		b = append(b, name...)
		b = append(b, `":`...)
	}
	if id.SigninName != "" {
		field("signinName")
		b = model.AppendJSONString(b, id.SigninName)
	}
	if id.HWND != 0 {
		field("hwnd")
		b = strconv.AppendInt(b, int64(id.HWND), 10)
		field("mainWindow")
		b = strconv.AppendBool(b, id.MainWindow)
	}
	if id.Name != "" {
		field("name")
		b = model.AppendJSONString(b, id.Name)
	}
	return b
}

func (s *Server) handleState(w http.ResponseWriter, r *http.Request) {
	e, herr := s.worldFor(r)
	if herr != nil {
		writeHTTPError(w, herr)
		return
	}
	writeJSON(w, http.StatusOK, s.stateReply(e))
}
