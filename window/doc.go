// Package window is the state machine of Messenger windows: the main window
// (Close sends it to the tray; Show brings it back) and conversation windows
// (Close destroys them; every later call fails), their geometry, HWNDs, and
// the confirmation dialog that Close raises while an action is in progress.
//
// It holds no lock and never blocks: the sim owns each Window under its
// world lock and waits for a dialog's answer outside it.
package window
