// Command fakemessenger is the standalone fake: the in-process simulator
// (package sim) behind the HTTP/JSON wire protocol (package wire), so that
// client code in any language, or a test in another process, can drive a
// simulated Office Communicator.
//
// Usage:
//
//	fakemessenger [flags]
//	fakemessenger --version
//
// The first line on stdout is exactly
//
//	fakemessenger listening on http://HOST:PORT
//
// printed once the socket accepts connections (the real port when --listen
// asks for port 0); --ready-file gets the same URL, written atomically, and
// is removed on exit. Logs go to stderr. SIGINT or SIGTERM stops accepting,
// lets in-flight calls finish (at most --shutdown-timeout, 1.5 s; a call
// still running then answers E_ABORT), ends event streams with a
// ": shutdown" comment and exits 0. Every usage error (a bad flag, listen
// address, token file or scenario file) exits 2.
//
// The token comes from --token, --token-file or the FAKEMESSENGER_TOKEN
// environment variable; the last two keep it out of ps. --allow-origin,
// --allow-host and --allow-remote widen what the wire server's browser
// defences (Origin, Host) admit; the --max-* flags, --journal-size and
// --body-timeout set its limits.
//
// This package is a thin main: flag parsing, logging, listening and
// shutdown live in small functions that the tests call directly.
package main
