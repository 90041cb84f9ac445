// Package inspector is the live page of the standalone fake: a picture of
// the simulated Messenger (contact list, main window, one card per
// conversation window), the call journal and the event stream as they
// happen, and the person's actions, each one a control API request.
//
// The page is plain HTML, CSS and JavaScript embedded in the binary: no
// build step, nothing fetched from anywhere but the server that serves it.
// Handler serves only the page's assets; the data comes from the wire
// routes GET /v1/inspect and GET /v1/inspect/stream, with the server's
// token when it has one (the page asks for it and keeps it in the tab's
// sessionStorage, never in a URL).
package inspector
