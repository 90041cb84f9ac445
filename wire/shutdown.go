package wire

import (
	"context"
	"net/http"
)

// isStream says whether a request is an event stream: streams are not
// calls in flight, since they never finish on their own; Shutdown ends
// them after the calls.
func isStream(r *http.Request) bool {
	return r.Method == http.MethodGet && r.URL.Path == "/v1/events"
}

// enter admits a routed request unless the server is draining or closed,
// counting it as in flight.
func (s *Server) enter(r *http.Request) bool {
	s.flightMu.Lock()
	defer s.flightMu.Unlock()
	if s.draining || s.ctx.Err() != nil {
		return false
	}
	if !isStream(r) {
		s.inFlight++
	}
	return true
}

func (s *Server) leave(r *http.Request) {
	if isStream(r) {
		return
	}
	s.flightMu.Lock()
	s.inFlight--
	if s.draining && s.inFlight == 0 {
		s.closeDrained()
	}
	s.flightMu.Unlock()
}

// closeDrained closes drained once; flightMu is held.
func (s *Server) closeDrained() {
	select {
	case <-s.drained:
	default:
		close(s.drained)
	}
}

// Shutdown drains the server: new requests get 503 (with Connection:
// close), calls in flight run to their end until ctx ends; then calls
// still running are aborted (a sim call answers E_ABORT) and event streams
// end with a final ": shutdown" comment. It returns ctx's error when the
// deadline cut calls off. Run it alongside http.Server.Shutdown, whose
// own deadline must be later than ctx's so that aborted calls can still
// send their answers.
func (s *Server) Shutdown(ctx context.Context) error {
	s.flightMu.Lock()
	s.draining = true
	if s.inFlight == 0 {
		s.closeDrained()
	}
	s.flightMu.Unlock()
	var err error
	select {
	case <-s.drained:
	case <-ctx.Done():
		err = ctx.Err()
	}
	s.Close()
	return err
}

// InFlight is how many calls (requests other than event streams) are
// being served now.
func (s *Server) InFlight() int {
	s.flightMu.Lock()
	defer s.flightMu.Unlock()
	return s.inFlight
}
