// Package fmtest asserts what the code under test did to a fakemessenger
// world, the same way in process and over HTTP: it reads the journal and
// the state through sim.Fake, which (*sim.Messenger).Control() and
// *client.Client both satisfy.
//
//	fake := fmtest.InProcess(t) // or fmtest.OverHTTP(t)
//	notify(ctx, fake.Root(), "jaya@contoso.com")
//	fmtest.Exactly(t, fake, 1, fmtest.Member("InstantMessage").Contact("jaya@contoso.com"))
//
// Counting: Exactly, AtLeast, Never; ordering: InOrder; object lifetimes:
// NoCallAfterDestroyed and DestroyedWindowsReleased. An Expectation names
// a member and narrows it by interface, contact, arguments (Any,
// ContactArg, Str, ArgWhere), HRESULT or any predicate. A failure says
// what was expected, lists the closest calls that did happen and what
// each lacked (a near-miss list, as WireMock's verify and gomock's
// missing-call report do), and the journal's tail; an expectation naming
// a contact the world never saw says so. Once a test has used a fake with
// fmtest, a failure of that test for any reason logs the journal's tail
// at cleanup.
//
// NewServer is httptest.NewServer for the fake: a wire server on a
// loopback port for tests of code that speaks HTTP itself.
package fmtest
