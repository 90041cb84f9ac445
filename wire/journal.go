package wire

import (
	"net/http"
	"strconv"
	"time"

	"github.com/fakemessenger/fakemessenger/model"
	"github.com/fakemessenger/fakemessenger/sim"
)

// handleJournal lists the retained calls that match ?object=, ?member=
// and ?interface=, oldest first. total counts every call since the last
// reset, including those the bounded journal has dropped.
func (s *Server) handleJournal(w http.ResponseWriter, r *http.Request) {
	e, herr := s.worldFor(r)
	if herr != nil {
		writeHTTPError(w, herr)
		return
	}
	q := r.URL.Query()
	f := sim.CallFilter{Object: q.Get("object"), Member: q.Get("member"), Interface: q.Get("interface")}
	if f.Object == MessengerAlias {
		f.Object = e.defaultRoot().ObjectID()
	}
	total := e.world.CallCount()
	calls := e.world.Calls(f)

	b := make([]byte, 0, 128+200*len(calls))
	b = append(b, `{"total":`...)
	b = strconv.AppendUint(b, total, 10)
	b = append(b, `,"calls":[`...)
	for i := range calls {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendCall(b, &calls[i])
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
	b = append(b, `,"interface":`...)
	b = model.AppendJSONString(b, c.Interface)
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
		b = model.AppendVariantJSON(b, a)
	}
	b = append(b, `],"hresult":"`...)
	b = append(b, c.HR.Hex()...)
	b = append(b, `","name":`...)
	b = model.AppendJSONString(b, c.HR.Name())
	return append(b, '}')
}

func (s *Server) handleState(w http.ResponseWriter, r *http.Request) {
	e, herr := s.worldFor(r)
	if herr != nil {
		writeHTTPError(w, herr)
		return
	}
	writeJSON(w, http.StatusOK, s.stateReply(e))
}
