// Package client is a Go client of the fakemessenger wire protocol: the
// same object model as the in-process simulator (package sim), reached
// over HTTP/JSON from a separate fakemessenger process.
//
// A Client addresses one world of one server. Its Messenger (the world's
// default root, "messenger") and everything the calls return are proxies
// that satisfy the model interfaces, so code written against
// model.Messenger runs unchanged over either transport:
//
//	c, _ := client.New("http://127.0.0.1:7070")
//	w, err := c.Messenger().InstantMessage(ctx, model.BSTR("jaya@contoso.com"))
//	if errors.Is(err, hresult.MSGR_E_NOT_LOGGED_ON) { ... }
//
// What carries over from the sim, and how:
//   - Errors. A call the server ran answers with its HRESULT; anything but
//     S_OK comes back as an *hresult.Error (Member "IMessenger::GetContact",
//     Reason the server's message), so errors.Is(err, hresult.E_FAIL) works
//     across the wire, and success codes such as S_FALSE are non-nil errors
//     exactly as the sim returns them (use hresult.Failed to test failure).
//     A call that never reached the sim (a 4xx problem, a 5xx, no
//     connection) is a *ProtocolError instead, which is not an HRESULT:
//     a VT_DISPATCH argument that is not an object of this client's world
//     (a sim value, another world's proxy) is sent by its ObjectID and the
//     server rejects it with 400. When ctx ends before the reply arrives
//     the *ProtocolError wraps both ctx.Err() and E_ABORT (what the sim
//     answers a caller that gave up); whether the server finished the call
//     cannot be known then.
//   - Identity. The client keeps one proxy per object ID, so the window
//     InstantMessage returns is == to the pIMWindow of its events, as
//     ReferenceEquals is in a COM client. Proxies whose last reference
//     was released (Release answers 0) stay mapped, the newest 4096 of
//     them, so an event already on its way still decodes to the caller's
//     proxy; Reset and LoadScenario forget all but the root objects.
//   - Events. Messenger.Subscribe reads GET /v1/events (Server-Sent
//     Events), delivers in order on one goroutine, reconnects a dropped
//     stream with Last-Event-ID, and reports events the server could no
//     longer replay as one Event named GapEvent ("gap"). Client.Drain waits
//     until every subscription has delivered what the world had raised.
//   - The person and the world. *Client is a sim.Fake: the control API
//     (Reset, SignIn, CloseWindow, AnswerDialog, InjectFault, Journal,
//     State...) has the names, argument and result types of
//     (*sim.Messenger).Control(), so a test switches transport by changing
//     its constructor. Its failures are *ProtocolError values.
//
// CreateWorld gives a test its own isolated world on a shared server.
package client
