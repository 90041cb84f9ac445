// Package wire is the HTTP/JSON face of the simulator: it lets code in any
// language drive a sim.World the way a COM client drives Communicator.
//
// The server only translates. Every automation call becomes one late-bound
// Invoke on the sim object the ID names, so the sim's single dispatch path
// decides the HRESULT, journals the call and raises the events; the wire
// turns JSON into model.Variant values and the result back into JSON.
// Protocol errors (malformed JSON, unknown VT tags, unknown objects) are
// answered before the sim is touched, so they change nothing in the world.
//
// Routes (see openapi.yaml, served at GET /openapi.yaml):
//
//	POST /v1/invoke          IDispatch::Invoke by member name or DISPID
//	POST /v1/objects         another CoCreateInstance onto the same world
//	GET  /v1/events          DMessengerEvents as Server-Sent Events
//	POST /v1/control/...     the simulated person, faults, reset, scenario
//	GET  /v1/journal         the call journal; GET /v1/state the snapshot
//	/v1/worlds               isolated worlds, selected per request by the
//	                         Fakemessenger-World header or ?world=
//	GET  /v1/inspect[/stream] what the inspector page draws, and the journal
//	                         and events live (inspect.go); Config.Page
//	                         serves the page itself at GET /
//
// The server defends the developer's machine from the browser (guard.go:
// Host and Origin checks, JSON Content-Type on every state-changing
// method, CORS only for Config.AllowOrigins) and its memory from greedy
// clients (limits.go: worlds, objects, roots, streams, journal, body size
// and time). Shutdown drains calls before it ends event streams.
//
// Creating a world costs a sim.World and one root object: no goroutine and
// no event buffer exist until someone subscribes to that world's events, so
// a process can hold many idle worlds for parallel test runs.
package wire
