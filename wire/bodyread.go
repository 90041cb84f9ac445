package wire

import (
	"bytes"
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"sync"
	"time"
)

// bodyBuf is a request body the server has already read in full: handlers
// decode it from memory (readJSON). It is pooled.
type bodyBuf struct{ buf bytes.Buffer }

func (b *bodyBuf) Read(p []byte) (int, error) { return b.buf.Read(p) }
func (b *bodyBuf) Close() error               { return nil }

var bodyBufPool = sync.Pool{New: func() any { return new(bodyBuf) }}

func (b *bodyBuf) release() {
	if b.buf.Cap() <= 64<<10 {
		b.buf.Reset()
		bodyBufPool.Put(b)
	}
}

// drainLimit is how much of an oversize body the server reads and throws
// away before answering 413: a client that writes its whole body before
// reading the answer (Python's urllib and requests do) would otherwise be
// reset mid-write and never see the 413. Past it, the connection closes.
func (s *Server) drainLimit() int64 { return max(16<<20, 4*s.cfg.MaxBodyBytes) }

// hasBody: the methods whose body the server reads.
func hasBody(method string) bool {
	switch method {
	case http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete:
		return true
	}
	return false
}

// readBody reads a request body within MaxBodyBytes and BodyTimeout:
//
//   - over the size: 413, after reading and discarding the rest (up to
//     drainLimit) so the client is never reset while it writes; a client
//     that asked "Expect: 100-continue" is answered at once instead, and
//     never sends the body;
//   - not all there within BodyTimeout: 408, and the connection closes.
func (s *Server) readBody(w http.ResponseWriter, r *http.Request) (*bodyBuf, *httpError) {
	limit := s.cfg.MaxBodyBytes
	tooLarge := func() *httpError {
		return errorf(http.StatusRequestEntityTooLarge, "body-too-large",
			"the body is over the %d byte limit (--max-body-bytes)", limit)
	}
	if r.ContentLength > limit {
		if strings.EqualFold(r.Header.Get("Expect"), "100-continue") || r.ContentLength > s.drainLimit() {
			w.Header().Set("Connection", "close")
			return nil, tooLarge()
		}
	}
	rc := http.NewResponseController(w)
	_ = rc.SetReadDeadline(time.Now().Add(s.cfg.BodyTimeout))
	// A body read in full: the deadline must not outlive it, since
	// net/http's background read, which notices a client hanging up
	// during a long call, would hit it. A body not read in full: the
	// connection is closing, and net/http's own attempt to discard the
	// rest must not wait for a client that sends nothing.
	ok := false
	defer func() {
		if ok {
			_ = rc.SetReadDeadline(time.Time{})
		} else {
			_ = rc.SetReadDeadline(time.Now())
		}
	}()

	b := bodyBufPool.Get().(*bodyBuf)
	if r.ContentLength > 0 && r.ContentLength <= limit {
		b.buf.Grow(int(r.ContentLength))
	}
	n, err := b.buf.ReadFrom(io.LimitReader(r.Body, limit+1))
	if err == nil && n > limit {
		_, err = io.CopyN(io.Discard, r.Body, s.drainLimit())
		if errors.Is(err, io.EOF) {
			ok = true // all read: the connection may serve the next request
		} else {
			w.Header().Set("Connection", "close")
		}
		b.release()
		if isTimeout(err) {
			return nil, s.bodyTimeout()
		}
		return nil, tooLarge()
	}
	if err != nil {
		b.release()
		w.Header().Set("Connection", "close")
		if isTimeout(err) {
			return nil, s.bodyTimeout()
		}
		return nil, errorf(http.StatusBadRequest, "unreadable-body", "reading the body: %v", err)
	}
	ok = true
	return b, nil
}

func (s *Server) bodyTimeout() *httpError {
	return errorf(http.StatusRequestTimeout, "body-timeout",
		"the body did not arrive within %v (--body-timeout)", s.cfg.BodyTimeout)
}

func isTimeout(err error) bool {
	if errors.Is(err, os.ErrDeadlineExceeded) {
		return true
	}
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}
