// Package hresult holds the COM status codes the Messenger automation API
// returns, with the exact values and symbolic names of the Windows SDK
// (winerror.h: https://learn.microsoft.com/en-us/windows/win32/seccrypto/common-hresult-values)
// and of Msgrua.h, as the Communicator 2007 reference lists them for each
// member (https://learn.microsoft.com/en-us/previous-versions/office/developer/communicator-client-2007/bb758788(v=office.12)).
//
// An HRESULT is a Go error, so code reads like the COM docs:
//
//	if errors.Is(err, hresult.MSGR_E_NOT_LOGGED_ON) { ... }
//
// Two codes are fakemessenger's own: E_INVALIDINDEX and
// E_INVALIDAVAILABILITY are named by the PresenceProperties page, which
// gives no value, so their values are invented (invented.go; Invented()).
//
// A success code other than S_OK (S_FALSE) is also returned as a non-nil
// error by the simulator's typed API; use Failed(err) for FAILED(hr).
package hresult
