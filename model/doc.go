// Package model holds the values and shapes of the Messenger object model:
// VARIANTs with explicit VT tags, sign-in name rules, the enums with their
// exact values, member and event names with DISPIDs, and the Go interfaces
// (Messenger, Window, ConversationWnd, Contact, Contacts) that both the
// in-process sim and the wire client satisfy.
package model
