package model

import (
	"strconv"
	"strings"
)

// The enums of Msgrua.idl with their exact values (reference section 5).
// Type and constant names keep the COM spelling, underscores included, on
// purpose: a reader of the COM docs finds MISTATUS_ONLINE under that name.

// MISTATUS is a presence state, the Communicator 2007 set of values.
type MISTATUS int32

const (
	MISTATUS_UNKNOWN                         MISTATUS = 0x0000
	MISTATUS_OFFLINE                         MISTATUS = 0x0001
	MISTATUS_ONLINE                          MISTATUS = 0x0002
	MISTATUS_INVISIBLE                       MISTATUS = 0x0006
	MISTATUS_BUSY                            MISTATUS = 0x000A
	MISTATUS_BE_RIGHT_BACK                   MISTATUS = 0x000E
	MISTATUS_IDLE                            MISTATUS = 0x0012
	MISTATUS_AWAY                            MISTATUS = 0x0022
	MISTATUS_ON_THE_PHONE                    MISTATUS = 0x0032
	MISTATUS_OUT_TO_LUNCH                    MISTATUS = 0x0042
	MISTATUS_IN_A_MEETING                    MISTATUS = 0x0052
	MISTATUS_OUT_OF_OFFICE                   MISTATUS = 0x0062
	MISTATUS_DO_NOT_DISTURB                  MISTATUS = 0x0072
	MISTATUS_IN_A_CONFERENCE                 MISTATUS = 0x0082
	MISTATUS_ALLOW_URGENT_INTERRUPTIONS      MISTATUS = 0x0092
	MISTATUS_MAY_BE_AVAILABLE                MISTATUS = 0x00A2
	MISTATUS_CUSTOM                          MISTATUS = 0x00B2
	MISTATUS_LOCAL_FINDING_SERVER            MISTATUS = 0x0100
	MISTATUS_LOCAL_CONNECTING_TO_SERVER      MISTATUS = 0x0200
	MISTATUS_LOCAL_SYNCHRONIZING_WITH_SERVER MISTATUS = 0x0300
	MISTATUS_LOCAL_DISCONNECTING_FROM_SERVER MISTATUS = 0x0400
)

var mistatusNames = map[MISTATUS]string{
	MISTATUS_UNKNOWN:                         "MISTATUS_UNKNOWN",
	MISTATUS_OFFLINE:                         "MISTATUS_OFFLINE",
	MISTATUS_ONLINE:                          "MISTATUS_ONLINE",
	MISTATUS_INVISIBLE:                       "MISTATUS_INVISIBLE",
	MISTATUS_BUSY:                            "MISTATUS_BUSY",
	MISTATUS_BE_RIGHT_BACK:                   "MISTATUS_BE_RIGHT_BACK",
	MISTATUS_IDLE:                            "MISTATUS_IDLE",
	MISTATUS_AWAY:                            "MISTATUS_AWAY",
	MISTATUS_ON_THE_PHONE:                    "MISTATUS_ON_THE_PHONE",
	MISTATUS_OUT_TO_LUNCH:                    "MISTATUS_OUT_TO_LUNCH",
	MISTATUS_IN_A_MEETING:                    "MISTATUS_IN_A_MEETING",
	MISTATUS_OUT_OF_OFFICE:                   "MISTATUS_OUT_OF_OFFICE",
	MISTATUS_DO_NOT_DISTURB:                  "MISTATUS_DO_NOT_DISTURB",
	MISTATUS_IN_A_CONFERENCE:                 "MISTATUS_IN_A_CONFERENCE",
	MISTATUS_ALLOW_URGENT_INTERRUPTIONS:      "MISTATUS_ALLOW_URGENT_INTERRUPTIONS",
	MISTATUS_MAY_BE_AVAILABLE:                "MISTATUS_MAY_BE_AVAILABLE",
	MISTATUS_CUSTOM:                          "MISTATUS_CUSTOM",
	MISTATUS_LOCAL_FINDING_SERVER:            "MISTATUS_LOCAL_FINDING_SERVER",
	MISTATUS_LOCAL_CONNECTING_TO_SERVER:      "MISTATUS_LOCAL_CONNECTING_TO_SERVER",
	MISTATUS_LOCAL_SYNCHRONIZING_WITH_SERVER: "MISTATUS_LOCAL_SYNCHRONIZING_WITH_SERVER",
	MISTATUS_LOCAL_DISCONNECTING_FROM_SERVER: "MISTATUS_LOCAL_DISCONNECTING_FROM_SERVER",
}

var mistatusByName = func() map[string]MISTATUS {
	m := make(map[string]MISTATUS, len(mistatusNames))
	for v, n := range mistatusNames {
		m[n] = v
	}
	return m
}()

// String is the COM name ("MISTATUS_ONLINE"), or "MISTATUS(0x1234)" for a
// value the reference does not list, so logs never show a bare number.
func (s MISTATUS) String() string {
	if n, ok := mistatusNames[s]; ok {
		return n
	}
	return "MISTATUS(" + hex4(int32(s)) + ")"
}

// Valid reports whether s is one of the 21 documented values. A COM caller
// can put any int32 in a MISTATUS, so the simulator has to check.
func (s MISTATUS) Valid() bool {
	_, ok := mistatusNames[s]
	return ok
}

// IsOnline tests the MISTATUS_ONLINE bit: every online state (BUSY, AWAY,
// ...) has it set, which is how the OnMyStatusChange remarks say to test
// "online". INVISIBLE has it too; OFFLINE and the LOCAL_* states do not.
func (s MISTATUS) IsOnline() bool { return s&MISTATUS_ONLINE != 0 }

// ParseMISTATUS reads a status as people write it in configs, scripts and
// the wire protocol: "MISTATUS_ONLINE", "online", "ONLINE", "0x0002" or "2".
// A number must be one of the documented values.
func ParseMISTATUS(s string) (MISTATUS, bool) {
	t := strings.TrimSpace(s)
	if v, ok := parseEnumNumber(t); ok {
		st := MISTATUS(v)
		return st, st.Valid()
	}
	u := strings.ToUpper(t)
	if v, ok := mistatusByName[u]; ok {
		return v, true
	}
	if v, ok := mistatusByName["MISTATUS_"+u]; ok {
		return v, true
	}
	return 0, false
}

// MWINDOWPROPERTY selects an IMessengerWindow::Property.
type MWINDOWPROPERTY int32

const (
	MWINDOWPROP_INVALID_PROPERTY MWINDOWPROPERTY = -1
	MWINDOWPROP_VIEW_SIDEBAR     MWINDOWPROPERTY = 0
	MWINDOWPROP_VIEW_TOOLBAR     MWINDOWPROPERTY = 1
)

var mwindowpropNames = map[MWINDOWPROPERTY]string{
	MWINDOWPROP_INVALID_PROPERTY: "MWINDOWPROP_INVALID_PROPERTY",
	MWINDOWPROP_VIEW_SIDEBAR:     "MWINDOWPROP_VIEW_SIDEBAR",
	MWINDOWPROP_VIEW_TOOLBAR:     "MWINDOWPROP_VIEW_TOOLBAR",
}

func (p MWINDOWPROPERTY) String() string {
	return enumString(mwindowpropNames, p, "MWINDOWPROPERTY")
}

// ParseMWINDOWPROPERTY reads "MWINDOWPROP_VIEW_SIDEBAR", "view_sidebar" or "0".
func ParseMWINDOWPROPERTY(s string) (MWINDOWPROPERTY, bool) {
	return parseEnum(mwindowpropNames, "MWINDOWPROP_", s)
}

// MCONTACTPROPERTY selects an IMessengerContact::Property (and IMessenger::MyProperty).
type MCONTACTPROPERTY int32

const (
	MCONTACTPROP_INVALID_PROPERTY MCONTACTPROPERTY = -1
	MCONTACTPROP_GROUPS_PROPERTY  MCONTACTPROPERTY = 0
	MCONTACTPROP_EMAIL            MCONTACTPROPERTY = 1
)

var mcontactpropNames = map[MCONTACTPROPERTY]string{
	MCONTACTPROP_INVALID_PROPERTY: "MCONTACTPROP_INVALID_PROPERTY",
	MCONTACTPROP_GROUPS_PROPERTY:  "MCONTACTPROP_GROUPS_PROPERTY",
	MCONTACTPROP_EMAIL:            "MCONTACTPROP_EMAIL",
}

func (p MCONTACTPROPERTY) String() string {
	return enumString(mcontactpropNames, p, "MCONTACTPROPERTY")
}

// ParseMCONTACTPROPERTY reads "MCONTACTPROP_EMAIL", "email" or "1".
func ParseMCONTACTPROPERTY(s string) (MCONTACTPROPERTY, bool) {
	return parseEnum(mcontactpropNames, "MCONTACTPROP_", s)
}

// MPHONE_TYPE selects a contact's phone number.
type MPHONE_TYPE int32

const (
	MPHONE_TYPE_ALL    MPHONE_TYPE = -1
	MPHONE_TYPE_HOME   MPHONE_TYPE = 0
	MPHONE_TYPE_WORK   MPHONE_TYPE = 1
	MPHONE_TYPE_MOBILE MPHONE_TYPE = 2
	MPHONE_TYPE_CUSTOM MPHONE_TYPE = 3
)

var mphoneTypeNames = map[MPHONE_TYPE]string{
	MPHONE_TYPE_ALL:    "MPHONE_TYPE_ALL",
	MPHONE_TYPE_HOME:   "MPHONE_TYPE_HOME",
	MPHONE_TYPE_WORK:   "MPHONE_TYPE_WORK",
	MPHONE_TYPE_MOBILE: "MPHONE_TYPE_MOBILE",
	MPHONE_TYPE_CUSTOM: "MPHONE_TYPE_CUSTOM",
}

func (p MPHONE_TYPE) String() string { return enumString(mphoneTypeNames, p, "MPHONE_TYPE") }

// ParseMPHONE_TYPE reads "MPHONE_TYPE_MOBILE", "mobile" or "2".
func ParseMPHONE_TYPE(s string) (MPHONE_TYPE, bool) {
	return parseEnum(mphoneTypeNames, "MPHONE_TYPE_", s)
}

// MMESSENGERPROPERTY selects an IMessenger::Property.
type MMESSENGERPROPERTY int32

const (
	MMESSENGERPROP_VERSION MMESSENGERPROPERTY = 0
	MMESSENGERPROP_PLCID   MMESSENGERPROPERTY = 1
)

var mmessengerpropNames = map[MMESSENGERPROPERTY]string{
	MMESSENGERPROP_VERSION: "MMESSENGERPROP_VERSION",
	MMESSENGERPROP_PLCID:   "MMESSENGERPROP_PLCID",
}

func (p MMESSENGERPROPERTY) String() string {
	return enumString(mmessengerpropNames, p, "MMESSENGERPROPERTY")
}

// ParseMMESSENGERPROPERTY reads "MMESSENGERPROP_VERSION", "version" or "0".
func ParseMMESSENGERPROPERTY(s string) (MMESSENGERPROPERTY, bool) {
	return parseEnum(mmessengerpropNames, "MMESSENGERPROP_", s)
}

// MUAFOLDER selects the folder of IMessenger::UnreadEmailCount.
type MUAFOLDER int32

const (
	MUAFOLDER_INBOX             MUAFOLDER = 0
	MUAFOLDER_ALL_OTHER_FOLDERS MUAFOLDER = 1
)

var muafolderNames = map[MUAFOLDER]string{
	MUAFOLDER_INBOX:             "MUAFOLDER_INBOX",
	MUAFOLDER_ALL_OTHER_FOLDERS: "MUAFOLDER_ALL_OTHER_FOLDERS",
}

func (f MUAFOLDER) String() string { return enumString(muafolderNames, f, "MUAFOLDER") }

// ParseMUAFOLDER reads "MUAFOLDER_INBOX", "inbox" or "0".
func ParseMUAFOLDER(s string) (MUAFOLDER, bool) {
	return parseEnum(muafolderNames, "MUAFOLDER_", s)
}

// enumString names a value, or writes TYPE(0x...) for one the reference does not list.
func enumString[E ~int32](names map[E]string, v E, typeName string) string {
	if n, ok := names[v]; ok {
		return n
	}
	return typeName + "(" + hex4(int32(v)) + ")"
}

// parseEnum accepts the full COM name, the name without its prefix, either
// case, or a documented number (decimal or 0x hex).
func parseEnum[E ~int32](names map[E]string, prefix, s string) (E, bool) {
	t := strings.TrimSpace(s)
	if n, ok := parseEnumNumber(t); ok {
		_, known := names[E(n)]
		return E(n), known
	}
	u := strings.ToUpper(t)
	for v, n := range names {
		if u == n || prefix+u == n {
			return v, true
		}
	}
	return 0, false
}

// parseEnumNumber reads a signed decimal ("-1", "2") or 0x hex ("0x0002");
// hex is taken as the 32-bit pattern, so "0xFFFFFFFF" is -1 as in C.
func parseEnumNumber(t string) (int32, bool) {
	if len(t) > 2 && (t[:2] == "0x" || t[:2] == "0X") {
		v, err := strconv.ParseUint(t[2:], 16, 32)
		return int32(uint32(v)), err == nil
	}
	v, err := strconv.ParseInt(t, 10, 32)
	return int32(v), err == nil
}

// hex4 formats like the reference tables (0x0002); negative values keep
// their sign rather than showing a 32-bit pattern.
func hex4(v int32) string {
	if v < 0 {
		return "-0x" + pad4(strings.ToUpper(strconv.FormatInt(-int64(v), 16)))
	}
	return "0x" + pad4(strings.ToUpper(strconv.FormatInt(int64(v), 16)))
}

func pad4(h string) string {
	if len(h) < 4 {
		return strings.Repeat("0", 4-len(h)) + h
	}
	return h
}
