package sim

import (
	"sync"
	"time"
)

// Clock tells the sim the time. Journal entries and events are stamped
// with it, so a fixed clock makes them identical run after run.
type Clock interface {
	Now() time.Time
}

// RealClock is the wall clock (the standalone server's default).
type RealClock struct{}

func (RealClock) Now() time.Time { return time.Now() }

// ManualClock stands still until Advance moves it, like miniredis's
// FastForward: tests move time by hand instead of sleeping.
type ManualClock struct {
	mu  sync.Mutex
	now time.Time
}

// DefaultEpoch is where a new ManualClock starts: the day Office
// Communicator 2007 shipped to manufacturing.
var DefaultEpoch = time.Date(2007, 7, 27, 9, 0, 0, 0, time.UTC)

// NewManualClock starts at t (DefaultEpoch when t is zero).
func NewManualClock(t time.Time) *ManualClock {
	if t.IsZero() {
		t = DefaultEpoch
	}
	return &ManualClock{now: t}
}

func (c *ManualClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Advance moves the clock forward by d.
func (c *ManualClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}
