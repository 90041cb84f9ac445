package model

import "strings"

// Interface names as the type library spells them.
const (
	IMessenger                = "IMessenger"
	IMessengerWindow          = "IMessengerWindow"
	IMessengerConversationWnd = "IMessengerConversationWnd"
	IMessengerContact         = "IMessengerContact"
	IMessengerContacts        = "IMessengerContacts"
)

// DISPID_VALUE is the default member (Item on collections).
const DISPID_VALUE = 0

// ParamSpec is one declared parameter. VT_VARIANT accepts any VARIANT.
type ParamSpec struct {
	Name     string
	VT       VarType
	Optional bool
}

// Support says how much of a member fakemessenger simulates.
type Support int

const (
	// Simulated: the member behaves as the reference documents.
	Simulated Support = iota
	// NotSupported: Communicator 2007 marks the member "Not supported" or
	// "Not implemented"; it answers E_NOTIMPL to every caller.
	NotSupported
)

// Member describes one automation member of an interface, from the type
// library ([tlb] DISPIDs) and the reference's scriptability marks.
type Member struct {
	Interface string
	Name      string
	DISPID    int32
	// Kinds are the Invoke flags the member answers to; Script those a
	// script caller may use (the rest answer it E_NOTIMPL, as the
	// reference documents for "cannot be accessed through scripting").
	Kinds  InvokeKind
	Script InvokeKind
	// Params are the method's arguments, or a property's index arguments
	// (a put's new value is the last argument and is not listed).
	Params  []ParamSpec
	PutVT   VarType // type of the value a propput takes
	Support Support
}

const (
	get    = DISPATCH_PROPERTYGET
	put    = DISPATCH_PROPERTYPUT
	method = DISPATCH_METHOD
	none   = InvokeKind(0)
)

func p(name string, vt VarType) ParamSpec { return ParamSpec{Name: name, VT: vt} }

// messengerMembers is IMessenger3 with what it inherits (reference section 6
// for DISPIDs; parts/imessenger.md for the scriptability marks).
var messengerMembers = []Member{
	{IMessenger, "ReceiveFileDirectory", 1280, get, get, nil, 0, NotSupported},
	{IMessenger, "StartVoice", 1281, method, none, []ParamSpec{p("vContact", VT_VARIANT)}, 0, NotSupported},
	{IMessenger, "MyFriendlyName", 1282, get, get, nil, 0, Simulated},
	{IMessenger, "Window", 1283, get, get, nil, 0, Simulated},
	{IMessenger, "UnreadEmailCount", 1284, get, get, []ParamSpec{p("mFolder", VT_I4)}, 0, NotSupported},
	{IMessenger, "ViewProfile", 1285, method, method, []ParamSpec{p("vContact", VT_VARIANT)}, 0, NotSupported},
	{IMessenger, "GetContact", 1286, method, method, []ParamSpec{p("bstrSigninName", VT_BSTR), p("bstrServiceId", VT_BSTR)}, 0, Simulated},
	{IMessenger, "OptionsPages", 1287, method, method, []ParamSpec{p("hwndParent", VT_I4), p("mDisplayedPage", VT_I4)}, 0, NotSupported},
	{IMessenger, "AddContact", 1288, method, none, []ParamSpec{p("hwndParent", VT_I4), p("bstrEMail", VT_BSTR)}, 0, NotSupported},
	{IMessenger, "FindContact", 1289, method, none, []ParamSpec{p("hwndParent", VT_I4), p("bstrFirstName", VT_BSTR), p("bstrLastName", VT_BSTR),
		{"vbstrCity", VT_VARIANT, true}, {"vbstrState", VT_VARIANT, true}, {"vbstrCountry", VT_VARIANT, true}}, 0, NotSupported},
	{IMessenger, "InstantMessage", 1290, method, method, []ParamSpec{p("vContact", VT_VARIANT)}, 0, Simulated},
	{IMessenger, "Signout", 1291, method, none, nil, 0, Simulated},
	{IMessenger, "SendFile", 1292, method, none, []ParamSpec{p("vContact", VT_VARIANT), p("bstrFileName", VT_BSTR)}, 0, NotSupported},
	{IMessenger, "OpenInbox", 1293, method, method, nil, 0, NotSupported},
	{IMessenger, "MyServiceName", 1294, get, get, nil, 0, Simulated},
	{IMessenger, "InviteApp", 1295, method, none, []ParamSpec{p("vContact", VT_VARIANT), p("bstrAppID", VT_BSTR)}, 0, NotSupported},
	{IMessenger, "MyPhoneNumber", 1296, get, get, []ParamSpec{p("PhoneType", VT_I4)}, 0, NotSupported},
	{IMessenger, "Signin", 1297, method, method, []ParamSpec{p("hwndParent", VT_I4), p("bstrSigninName", VT_BSTR), p("bstrPassword", VT_BSTR)}, 0, Simulated},
	{IMessenger, "SendMail", 1298, method, method, []ParamSpec{p("vContact", VT_VARIANT)}, 0, NotSupported},
	{IMessenger, "AutoSignin", 1299, method, method, nil, 0, Simulated},
	{IMessenger, "Phone", 1300, method, none, []ParamSpec{p("vContact", VT_VARIANT), p("ePhoneNumber", VT_I4), p("bstrNumber", VT_BSTR)}, 0, NotSupported},
	{IMessenger, "MediaWizard", 1301, method, method, []ParamSpec{p("hwndParent", VT_I4)}, 0, NotSupported},
	{IMessenger, "Page", 1302, method, method, []ParamSpec{p("vContact", VT_VARIANT)}, 0, NotSupported},
	{IMessenger, "MyContacts", 1303, get, get, nil, 0, Simulated},
	{IMessenger, "MySigninName", 1304, get, none, nil, 0, Simulated},
	{IMessenger, "MyStatus", 1305, get | put, get, nil, VT_I4, Simulated},
	{IMessenger, "MyProperty", 1306, get | put, get, []ParamSpec{p("ePropType", VT_I4)}, VT_VARIANT, NotSupported},
	{IMessenger, "MyServiceId", 1307, get, get, nil, 0, Simulated},
	{IMessenger, "Services", 1308, get, get, nil, 0, NotSupported},
	{IMessenger, "StartVideo", 1310, method, none, []ParamSpec{p("vContact", VT_VARIANT)}, 0, NotSupported},
	{IMessenger, "MyGroups", 1311, get, get, nil, 0, NotSupported},
	{IMessenger, "CreateGroup", 1312, method, none, []ParamSpec{p("bstrName", VT_BSTR), p("vService", VT_VARIANT)}, 0, NotSupported},
	{IMessenger, "ContactsSortOrder", 1313, get | put, get, nil, VT_I4, NotSupported},
	{IMessenger, "Property", 1314, get | put, get, []ParamSpec{p("ePropType", VT_I4)}, VT_VARIANT, NotSupported},
}

// windowMembers is IMessengerWindow (parts/windows-contacts-events.md §1).
var windowMembers = []Member{
	{IMessengerWindow, "HWND", 2048, get, none, nil, 0, Simulated},
	{IMessengerWindow, "Left", 2049, get | put, none, nil, VT_I4, Simulated},
	{IMessengerWindow, "Top", 2050, get | put, none, nil, VT_I4, Simulated},
	{IMessengerWindow, "Width", 2051, get | put, none, nil, VT_I4, Simulated},
	{IMessengerWindow, "Height", 2052, get | put, none, nil, VT_I4, Simulated},
	{IMessengerWindow, "Close", 2053, method, none, nil, 0, Simulated},
	{IMessengerWindow, "Show", 2054, method, method, nil, 0, Simulated},
	{IMessengerWindow, "IsClosed", 2055, get, get, nil, 0, Simulated},
	// Communicator 2007 lists Property as "Not Implemented" (bb758816).
	{IMessengerWindow, "Property", 2056, get | put, get, []ParamSpec{p("ePropType", VT_I4)}, VT_VARIANT, NotSupported},
}

// conversationMembers are what IMessengerConversationWnd adds (§2).
var conversationMembers = []Member{
	{IMessengerConversationWnd, "Contacts", 2057, get, none, nil, 0, Simulated},
	{IMessengerConversationWnd, "History", 2058, get, none, nil, 0, Simulated},
	{IMessengerConversationWnd, "AddContact", 2059, method, method, []ParamSpec{p("vContact", VT_VARIANT)}, 0, Simulated},
}

// contactMembers is IMessengerContact (§3).
var contactMembers = []Member{
	{IMessengerContact, "FriendlyName", 1536, get, get, nil, 0, Simulated},
	{IMessengerContact, "Status", 1537, get, get, nil, 0, Simulated},
	{IMessengerContact, "SigninName", 1538, get, get, nil, 0, Simulated},
	{IMessengerContact, "ServiceName", 1539, get, get, nil, 0, Simulated},
	{IMessengerContact, "Blocked", 1540, get | put, none, nil, VT_BOOL, Simulated},
	{IMessengerContact, "IsSelf", 1541, get, get, nil, 0, Simulated},
	{IMessengerContact, "Property", 1542, get | put, get, []ParamSpec{p("ePropType", VT_I4)}, VT_VARIANT, NotSupported},
	{IMessengerContact, "CanPage", 1543, get, get, nil, 0, NotSupported},
	{IMessengerContact, "PhoneNumber", 1544, get, none, []ParamSpec{p("PhoneType", VT_I4)}, 0, NotSupported},
	{IMessengerContact, "ServiceId", 1545, get, get, nil, 0, Simulated},
}

// contactsMembers is IMessengerContacts (§4): all four Not scriptable in
// Communicator 2007.
var contactsMembers = []Member{
	{IMessengerContacts, "Item", DISPID_VALUE, method | get, none, []ParamSpec{p("Index", VT_I4)}, 0, Simulated},
	{IMessengerContacts, "Count", 1792, get, none, nil, 0, Simulated},
	{IMessengerContacts, "Remove", 1793, method, none, []ParamSpec{p("pMContact", VT_DISPATCH)}, 0, Simulated},
	{IMessengerContacts, "_NewEnum", -4, get | method, none, nil, 0, NotSupported},
}

// releaseMember is IUnknown::Release, reachable by name so that a remote
// client can release what it holds; it has no DISPID in the type library.
var releaseMember = Member{"IUnknown", "Release", -1000, method, method, nil, 0, Simulated}

// MembersOf lists the members an interface answers, inherited ones included.
func MembersOf(iface string) []Member {
	switch iface {
	case IMessenger:
		return messengerMembers
	case IMessengerWindow:
		return windowMembers
	case IMessengerConversationWnd:
		return append(append([]Member(nil), windowMembers...), conversationMembers...)
	case IMessengerContact:
		return contactMembers
	case IMessengerContacts:
		return contactsMembers
	}
	return nil
}

type memberKey struct{ iface, name string }

var (
	membersExact    = map[memberKey]*Member{} // as the type library spells them
	membersByName   = map[memberKey]*Member{}
	membersByDISPID = map[string]map[int32]*Member{}
)

// declared lists an interface's members as pointers into the tables
// above, so an inherited member is the same *Member on every interface
// that has it (the sim keys its handlers by it).
func declared(iface string) []*Member {
	var out []*Member
	add := func(ms []Member) {
		for i := range ms {
			out = append(out, &ms[i])
		}
	}
	switch iface {
	case IMessenger:
		add(messengerMembers)
	case IMessengerWindow:
		add(windowMembers)
	case IMessengerConversationWnd:
		add(windowMembers)
		add(conversationMembers)
	case IMessengerContact:
		add(contactMembers)
	case IMessengerContacts:
		add(contactsMembers)
	}
	return out
}

func init() {
	for _, iface := range []string{IMessenger, IMessengerWindow, IMessengerConversationWnd, IMessengerContact, IMessengerContacts} {
		byID := map[int32]*Member{}
		for _, m := range declared(iface) {
			membersByName[memberKey{iface, strings.ToLower(m.Name)}] = m
			membersExact[memberKey{iface, m.Name}] = m
			byID[m.DISPID] = m
		}
		membersByName[memberKey{iface, "release"}] = &releaseMember
		membersExact[memberKey{iface, "Release"}] = &releaseMember
		membersByDISPID[iface] = byID
	}
}

// LookupMember finds a member by name, case-insensitively as
// IDispatch::GetIDsOfNames does.
func LookupMember(iface, name string) (*Member, bool) {
	if m, ok := membersExact[memberKey{iface, name}]; ok {
		return m, true // the usual spelling, without lower-casing a copy
	}
	m, ok := membersByName[memberKey{iface, strings.ToLower(name)}]
	return m, ok
}

// LookupDISPID finds a member by DISPID.
func LookupDISPID(iface string, dispid int32) (*Member, bool) {
	m, ok := membersByDISPID[iface][dispid]
	return m, ok
}

// EventSpec is one DMessengerEvents event: DISPID and parameter names in
// documented order (reference section 6).
type EventSpec struct {
	Name   string
	DISPID int32
	Params []string
}

// DMessengerEvents event names.
const (
	OnSignin                    = "OnSignin"
	OnSignout                   = "OnSignout"
	OnContactListAdd            = "OnContactListAdd"
	OnContactListRemove         = "OnContactListRemove"
	OnContactFriendlyNameChange = "OnContactFriendlyNameChange"
	OnMyFriendlyNameChange      = "OnMyFriendlyNameChange"
	OnContactStatusChange       = "OnContactStatusChange"
	OnMyStatusChange            = "OnMyStatusChange"
	OnAppShutdown               = "OnAppShutdown"
	OnContactBlockChange        = "OnContactBlockChange"
	OnIMWindowCreated           = "OnIMWindowCreated"
	OnIMWindowDestroyed         = "OnIMWindowDestroyed"
	OnIMWindowContactAdded      = "OnIMWindowContactAdded"
	OnIMWindowContactRemoved    = "OnIMWindowContactRemoved"
)

// Events is the DMessengerEvents table, in DISPID order.
var Events = []EventSpec{
	{OnSignin, 1024, []string{"hr"}},
	{OnSignout, 1025, nil},
	{OnContactListAdd, 1026, []string{"hr", "pMContact"}},
	{OnContactListRemove, 1027, []string{"hr", "pMContact"}},
	{OnContactFriendlyNameChange, 1028, []string{"hr", "pMContact", "bstrPrevFriendlyName"}},
	{OnMyFriendlyNameChange, 1029, []string{"hr", "bstrPrevFriendlyName"}},
	{OnContactStatusChange, 1030, []string{"pMContact", "mStatus"}},
	{OnMyStatusChange, 1031, []string{"hr", "mMyStatus"}},
	{OnAppShutdown, 1032, nil},
	{"OnMyPropertyChange", 1033, []string{"hr", "ePropType", "vPropVal"}},
	{"OnContactPropertyChange", 1034, []string{"hr", "pContact", "ePropType", "vPropVal"}},
	{OnContactBlockChange, 1035, []string{"hr", "pContact", "pBoolBlock"}},
	{"OnContactPagerChange", 1036, []string{"hr", "pContact", "pBoolPage"}},
	{"OnContactPhoneChange", 1037, []string{"hr", "pContact", "PhoneType", "bstrNumber"}},
	{"OnMyPhoneChange", 1038, []string{"PhoneType", "bstrNumber"}},
	{"OnUnreadEmailChange", 1039, []string{"mFolder", "cUnreadEmail", "pBoolfEnableDefault"}},
	{OnIMWindowCreated, 1041, []string{"pIMWindow"}},
	{OnIMWindowDestroyed, 1042, []string{"pIMWindow"}},
	{OnIMWindowContactAdded, 1043, []string{"pContact", "pIMWindow"}},
	{OnIMWindowContactRemoved, 1044, []string{"pContact", "pIMWindow"}},
	{"OnGroupAdded", 1045, []string{"hr", "pMGroup"}},
	{"OnGroupRemoved", 1046, []string{"hr", "pMGroup"}},
	{"OnGroupNameChanged", 1047, []string{"hr", "pMGroup"}},
	{"OnContactAddedToGroup", 1048, []string{"hr", "pMGroup", "pMContact"}},
	{"OnContactRemovedFromGroup", 1049, []string{"hr", "pMGroup", "pMContact"}},
	{"OnEmoticonListChange", 1050, nil},
}

var eventsByName = func() map[string]*EventSpec {
	m := map[string]*EventSpec{}
	for i := range Events {
		m[Events[i].Name] = &Events[i]
	}
	return m
}()

// LookupEvent finds an event by its exact name.
func LookupEvent(name string) (*EventSpec, bool) {
	e, ok := eventsByName[name]
	return e, ok
}
