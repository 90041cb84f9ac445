// Package sim is the simulated Messenger world: the signed-in user, the
// contact list, windows, the person at the keyboard, and the automation
// surface a client calls. One dispatch table (dispatch.go) holds every
// member's behaviour; typed methods and late-bound Invoke both go through
// it, and so does the wire server. It records every call in a bounded
// journal, injects faults on demand, and delivers DMessengerEvents to each
// subscriber in order on the subscriber's own goroutine. Observe and
// Inspect (observe.go, inspect.go) let a watcher that is no client follow
// all of it: the standalone fake's inspector page.
//
// In tests, RunT gives a ready messenger in one line. Fake is the control
// surface a test uses (the person, faults, the journal, the state), the
// same interface in process ((*Messenger).Control) and over HTTP
// (*client.Client); package fmtest asserts over it.
package sim
