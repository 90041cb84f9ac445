// Command fakemessenger is the standalone fake: the in-process simulator
// (package sim) behind the HTTP/JSON wire protocol (package wire), so that
// client code in any language, or a test in another process, can drive a
// simulated Office Communicator.
//
// Usage:
//
//	fakemessenger [flags]
//	fakemessenger version
//
// The first line on stdout is exactly
//
//	fakemessenger listening on http://HOST:PORT
//
// printed once the socket accepts connections (the real port when --listen
// asks for port 0); --ready-file gets the same URL, written atomically, and
// is removed on exit. Logs go to stderr. SIGINT or SIGTERM stops accepting,
// ends event streams, lets in-flight calls finish (at most 1.5 s) and exits 0.
// Bad flags or a bad scenario file exit 2.
//
// This package is a thin main: flag parsing, logging, listening and
// shutdown live in small functions that the tests call directly.
package main
