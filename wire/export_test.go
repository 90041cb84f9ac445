package wire

import "time"

// SetKeepaliveInterval shortens the event streams' keepalive for a test;
// call the returned func (after the server is closed) to restore it.
func SetKeepaliveInterval(d time.Duration) (restore func()) {
	old := keepaliveInterval
	keepaliveInterval = d
	return func() { keepaliveInterval = old }
}
