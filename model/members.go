package model

import (
	"sort"
	"strings"
)

// Interface names as the type library spells them.
const (
	IUnknown                          = "IUnknown"
	IDispatch                         = "IDispatch"
	IMessenger                        = "IMessenger"
	IMessenger2                       = "IMessenger2"
	IMessenger3                       = "IMessenger3"
	IMessengerAdvanced                = "IMessengerAdvanced"
	IMessengerContactResolution       = "IMessengerContactResolution"
	IMessengerWindow                  = "IMessengerWindow"
	IMessengerConversationWnd         = "IMessengerConversationWnd"
	IMessengerConversationWndAdvanced = "IMessengerConversationWndAdvanced"
	IMessengerContact                 = "IMessengerContact"
	IMessengerContactAdvanced         = "IMessengerContactAdvanced"
	IMessengerContacts                = "IMessengerContacts"
	IMessengerGroups                  = "IMessengerGroups"
	IMessengerGroup                   = "IMessengerGroup"
	IMessengerServices                = "IMessengerServices"
	IMessengerService                 = "IMessengerService"
	IEnumVARIANT                      = "IEnumVARIANT"
)

// DISPID_VALUE is the default member (Item on collections);
// DISPID_NEWENUM is _NewEnum, which For Each asks for.
const (
	DISPID_VALUE   = 0
	DISPID_NEWENUM = -4
)

// ParamSpec is one declared parameter. VT_VARIANT accepts any VARIANT.
type ParamSpec struct {
	Name     string
	VT       VarType
	Optional bool
}

// Support says how much of a member fakemessenger simulates.
type Support int

const (
	// Simulated: the member behaves as the documentation describes.
	Simulated Support = iota
	// NotSupported: the product's documentation marks the member "Not
	// supported" or "Not implemented"; it answers E_NOTIMPL to every caller.
	NotSupported
)

func (s Support) String() string {
	if s == NotSupported {
		return "not supported"
	}
	return "simulated"
}

// Product is a column of support marks: the products document some
// members differently, so the marks are data per product, not code.
type Product int

const (
	// Communicator2007 is Office Communicator 2007 (CommunicatorAPI).
	Communicator2007 Product = iota
	// NumProducts is how many columns the table has. A Windows Messenger
	// column is one more constant and one more mark per member.
	NumProducts
)

func (p Product) String() string {
	if p == Communicator2007 {
		return "Office Communicator 2007"
	}
	return "unknown product"
}

// Marks are one product's documentation of a member.
type Marks struct {
	// Script holds the invoke kinds a script caller may use; the rest
	// answer it E_NOTIMPL ("Not scriptable").
	Script InvokeKind
	// Support is whether the product implements the member at all.
	Support Support
	// Doc names the public documentation page the marks come from.
	Doc string
}

// Member describes one automation member of an interface: DISPID and
// signature from the type library, marks from each product's pages.
type Member struct {
	Interface string // the interface that declares it
	Name      string
	DISPID    int32
	// Kinds are the Invoke flags the member answers to.
	Kinds InvokeKind
	// Params are the method's arguments, or a property's index arguments
	// (a put's new value is the last argument and is not listed).
	Params []ParamSpec
	PutVT  VarType // type of the value a propput takes
	Marks  [NumProducts]Marks
}

// Script is the kinds a script caller may use under product p.
func (m *Member) Script(p Product) InvokeKind { return m.Marks[p].Script }

// Support is whether product p implements the member.
func (m *Member) Support(p Product) Support { return m.Marks[p].Support }

const (
	get    = DISPATCH_PROPERTYGET
	put    = DISPATCH_PROPERTYPUT
	method = DISPATCH_METHOD
	none   = InvokeKind(0)
)

func p(name string, vt VarType) ParamSpec   { return ParamSpec{Name: name, VT: vt} }
func opt(name string, vt VarType) ParamSpec { return ParamSpec{Name: name, VT: vt, Optional: true} }

// oc is the Communicator 2007 column: scriptable kinds, support, page.
func oc(script InvokeKind, s Support, doc string) [NumProducts]Marks {
	return [NumProducts]Marks{Communicator2007: {Script: script, Support: s, Doc: doc}}
}

const (
	sim = Simulated
	ns  = NotSupported
)

// Interface is one interface of the CommunicatorAPI type library.
type Interface struct {
	Name string
	// IID in registry form.
	IID string
	// Base is the interface it derives from ("" for IDispatch, or for
	// IUnknown where Dispatchable is false).
	Base string
	// Dispatchable is false for IEnumVARIANT, which COM reaches only
	// through the vtable; fakemessenger lets it be called by name so
	// that a remote client can enumerate.
	Dispatchable bool
	Doc          string
	// Own are the members the interface declares itself.
	Own []Member
}

// The type library's interfaces. Members declared without [id] carry the
// DISPIDs MIDL gives them: 0x60000000 + inheritance level<<16 + index,
// IDispatch being level 1 (tested against this table).
var interfaceTable = []*Interface{
	{Name: IMessenger, IID: "{D50C3186-0F89-48F8-B204-3604629DEE10}", Dispatchable: true, Doc: docOC + "bb758788(v=office.12)", Own: []Member{
		{IMessenger, "ReceiveFileDirectory", 1280, get, nil, 0, oc(get, sim, "winmessenger/im-imessenger-receivefiledirectory")},
		{IMessenger, "StartVoice", 1281, method, []ParamSpec{p("vContact", VT_VARIANT)}, 0, oc(none, sim, "bb787248")},
		{IMessenger, "MyFriendlyName", 1282, get, nil, 0, oc(get, sim, "bb758788")},
		{IMessenger, "Window", 1283, get, nil, 0, oc(get, sim, "bb758788")},
		{IMessenger, "UnreadEmailCount", 1284, get, []ParamSpec{p("mFolder", VT_I4)}, 0, oc(get, sim, "winmessenger/im-imessenger-unreademailcount")},
		{IMessenger, "ViewProfile", 1285, method, []ParamSpec{p("vContact", VT_VARIANT)}, 0, oc(method, sim, "winmessenger/im-imessenger-viewprofile")},
		{IMessenger, "GetContact", 1286, method, []ParamSpec{p("bstrSigninName", VT_BSTR), p("bstrServiceId", VT_BSTR)}, 0, oc(method, sim, "bb758743")},
		// bb758788 lists two "Not sup..." rows after MyProperty; in the
		// table's alphabetical order they are OpenInbox and OptionsPages.
		{IMessenger, "OptionsPages", 1287, method, []ParamSpec{p("hwndParent", VT_I4), p("mDisplayedPage", VT_I4)}, 0, oc(method, ns, "bb758788")},
		{IMessenger, "AddContact", 1288, method, []ParamSpec{p("hwndParent", VT_I4), p("bstrEMail", VT_BSTR)}, 0, oc(none, sim, "bb787209")},
		{IMessenger, "FindContact", 1289, method, []ParamSpec{p("hwndParent", VT_I4), p("bstrFirstName", VT_BSTR), p("bstrLastName", VT_BSTR),
			opt("vbstrCity", VT_VARIANT), opt("vbstrState", VT_VARIANT), opt("vbstrCountry", VT_VARIANT)}, 0, oc(none, sim, "bb758788")},
		{IMessenger, "InstantMessage", 1290, method, []ParamSpec{p("vContact", VT_VARIANT)}, 0, oc(method, sim, "bb787229")},
		{IMessenger, "Signout", 1291, method, nil, 0, oc(none, sim, "bb787258")},
		{IMessenger, "SendFile", 1292, method, []ParamSpec{p("vContact", VT_VARIANT), p("bstrFileName", VT_BSTR)}, 0, oc(none, sim, "winmessenger/im-imessenger-sendfile")},
		{IMessenger, "OpenInbox", 1293, method, nil, 0, oc(method, ns, "bb758788")},
		{IMessenger, "MyServiceName", 1294, get, nil, 0, oc(get, sim, "bb758788")},
		// bb758788's one "Not supported." row between InstantMessage and
		// MyPhoneNumber: InviteApp (Communicator has no MSN applications).
		{IMessenger, "InviteApp", 1295, method, []ParamSpec{p("vContact", VT_VARIANT), p("bstrAppID", VT_BSTR)}, 0, oc(none, ns, "bb758788")},
		{IMessenger, "MyPhoneNumber", 1296, get, []ParamSpec{p("PhoneType", VT_I4)}, 0, oc(get, sim, "bb758788")},
		{IMessenger, "Signin", 1297, method, []ParamSpec{p("hwndParent", VT_I4), p("bstrSigninName", VT_BSTR), p("bstrPassword", VT_BSTR)}, 0, oc(method, sim, "bb787261")},
		{IMessenger, "SendMail", 1298, method, []ParamSpec{p("vContact", VT_VARIANT)}, 0, oc(method, sim, "winmessenger/im-imessenger-sendmail")},
		{IMessenger, "AutoSignin", 1299, method, nil, 0, oc(method, sim, "bb787260")},
		{IMessenger, "Phone", 1300, method, []ParamSpec{p("vContact", VT_VARIANT), p("ePhoneNumber", VT_I4), p("bstrNumber", VT_BSTR)}, 0, oc(none, sim, "bb758788")},
		{IMessenger, "MediaWizard", 1301, method, []ParamSpec{p("hwndParent", VT_I4)}, 0, oc(method, sim, "winmessenger/im-imessenger-mediawizard")},
		// Paging is not in Communicator 2007: CanPage (bb758754) and
		// OnContactPagerChange are "Not supported", and so, we decide, is Page.
		{IMessenger, "Page", 1302, method, []ParamSpec{p("vContact", VT_VARIANT)}, 0, oc(method, ns, "bb758754")},
		{IMessenger, "MyContacts", 1303, get, nil, 0, oc(get, sim, "bb758815")},
		{IMessenger, "MySigninName", 1304, get, nil, 0, oc(none, sim, "bb787252")},
		{IMessenger, "MyStatus", 1305, get | put, nil, VT_I4, oc(get, sim, "bb787215")},
		// "Reserved. Do not use." (bb758788): answers as documented for
		// Windows Messenger, E_INVALIDARG in every case.
		{IMessenger, "MyProperty", 1306, get | put, []ParamSpec{p("ePropType", VT_I4)}, VT_VARIANT, oc(get, sim, "bb758788")},
		{IMessenger, "MyServiceId", 1307, get, nil, 0, oc(get, sim, "bb758788")},
		{IMessenger, "Services", 1308, get, nil, 0, oc(get, sim, "bb758724")},
	}},
	{Name: IMessenger2, IID: "{D50C3286-0F89-48F8-B204-3604629DEE10}", Base: IMessenger, Dispatchable: true, Doc: docOC + "bb787216(v=office.12)", Own: []Member{
		{IMessenger2, "StartVideo", 1310, method, []ParamSpec{p("vContact", VT_VARIANT)}, 0, oc(none, ns, "bb787216")},
		{IMessenger2, "MyGroups", 1311, get, nil, 0, oc(get, sim, "bb787223")},
		{IMessenger2, "CreateGroup", 1312, method, []ParamSpec{p("bstrName", VT_BSTR), p("vService", VT_VARIANT)}, 0, oc(none, sim, "bb758736")},
		{IMessenger2, "ContactsSortOrder", 1313, get | put, nil, VT_I4, oc(get, sim, "winmessenger/im-imessenger2-contactssortorder")},
	}},
	{Name: IMessenger3, IID: "{D50C3386-0F89-48F8-B204-3604629DEE10}", Base: IMessenger2, Dispatchable: true, Doc: docOC + "bb787219(v=office.12)", Own: []Member{
		{IMessenger3, "Property", 1314, get | put, []ParamSpec{p("ePropType", VT_I4)}, VT_VARIANT, oc(none, sim, "bb787219")},
	}},
	{Name: IMessengerAdvanced, IID: "{DA0635E8-09AF-480C-88B2-AA9FA1D9DB27}", Base: IMessenger3, Dispatchable: true, Doc: docOC + "bb758782(v=office.12)", Own: []Member{
		{IMessengerAdvanced, "StartConversation", 0x60050000, method, []ParamSpec{p("ConversationType", VT_I4), p("vParticipants", VT_VARIANT),
			opt("vContextualData", VT_VARIANT), opt("vSubject", VT_VARIANT), opt("vConversationIndex", VT_VARIANT), opt("vConversationData", VT_VARIANT)}, 0, oc(none, sim, "bb787232")},
		{IMessengerAdvanced, "GetAuthenticationInfo", 0x60050001, method, nil, 0, oc(none, sim, "bb758782")},
	}},
	{Name: IMessengerContactResolution, IID: "{53A5023D-6872-454A-9A4F-827F18CFBE02}", Dispatchable: true, Doc: docOC + "bb787257(v=office.12)", Own: []Member{
		{IMessengerContactResolution, "ResolveContact", 0x60020000, method, []ParamSpec{p("AddressType", VT_I4), p("ResolutionType", VT_I4), p("bstrAddress", VT_BSTR)}, 0, oc(method, sim, "bb787257")},
	}},
	{Name: IMessengerWindow, IID: "{D6B0E4C8-FAD6-4885-B271-0DC5A584ADF8}", Dispatchable: true, Doc: docOC + "bb758816(v=office.12)", Own: []Member{
		{IMessengerWindow, "HWND", 2048, get, nil, 0, oc(none, sim, "bb787224")},
		{IMessengerWindow, "Left", 2049, get | put, nil, VT_I4, oc(none, sim, "bb787202")},
		{IMessengerWindow, "Top", 2050, get | put, nil, VT_I4, oc(none, sim, "bb787226")},
		{IMessengerWindow, "Width", 2051, get | put, nil, VT_I4, oc(none, sim, "bb758771")},
		{IMessengerWindow, "Height", 2052, get | put, nil, VT_I4, oc(none, sim, "bb787213")},
		{IMessengerWindow, "Close", 2053, method, nil, 0, oc(none, sim, "bb758747")},
		{IMessengerWindow, "Show", 2054, method, nil, 0, oc(method, sim, "bb787227")},
		{IMessengerWindow, "IsClosed", 2055, get, nil, 0, oc(get, sim, "bb758769")},
		{IMessengerWindow, "Property", 2056, get | put, []ParamSpec{p("ePropType", VT_I4)}, VT_VARIANT, oc(get, ns, "bb758816")},
	}},
	{Name: IMessengerConversationWnd, IID: "{D6B0E4C9-FAD6-4885-B271-0DC5A584ADF8}", Base: IMessengerWindow, Dispatchable: true, Doc: docOC + "bb758818(v=office.12)", Own: []Member{
		{IMessengerConversationWnd, "Contacts", 2057, get, nil, 0, oc(none, sim, "bb758733")},
		{IMessengerConversationWnd, "History", 2058, get, nil, 0, oc(none, sim, "bb758818")},
		{IMessengerConversationWnd, "AddContact", 2059, method, []ParamSpec{p("vContact", VT_VARIANT)}, 0, oc(method, sim, "bb787244")},
	}},
	{Name: IMessengerConversationWndAdvanced, IID: "{7C613A61-0633-4C69-AFF0-5BA9F1D28887}", Base: IMessengerConversationWnd, Dispatchable: true, Doc: docOC + "bb758731(v=office.12)", Own: []Member{
		{IMessengerConversationWndAdvanced, "SendText", 0x60040000, method, []ParamSpec{p("bstrTextMessage", VT_BSTR)}, 0, oc(none, sim, "bb758731")},
	}},
	{Name: IMessengerContact, IID: "{E7479A0F-BB19-44A5-968F-6F41D93EE0BC}", Dispatchable: true, Doc: "https://learn.microsoft.com/en-us/previous-versions/windows/desktop/winmessenger/im-imessengercontact", Own: []Member{
		{IMessengerContact, "FriendlyName", 1536, get, nil, 0, oc(get, sim, "bb758776")},
		{IMessengerContact, "Status", 1537, get, nil, 0, oc(get, sim, "bb758775")},
		{IMessengerContact, "SigninName", 1538, get, nil, 0, oc(get, sim, "bb758772")},
		{IMessengerContact, "ServiceName", 1539, get, nil, 0, oc(get, sim, "bb758766")},
		{IMessengerContact, "Blocked", 1540, get | put, nil, VT_BOOL, oc(none, sim, "bb787238")},
		{IMessengerContact, "IsSelf", 1541, get, nil, 0, oc(get, sim, "bb758790")},
		{IMessengerContact, "Property", 1542, get | put, []ParamSpec{p("ePropType", VT_I4)}, VT_VARIANT, oc(get, sim, "winmessenger/im-imessengercontact-property")},
		{IMessengerContact, "CanPage", 1543, get, nil, 0, oc(get, ns, "bb758754")},
		{IMessengerContact, "PhoneNumber", 1544, get, []ParamSpec{p("PhoneType", VT_I4)}, 0, oc(none, sim, "bb758795")},
		{IMessengerContact, "ServiceId", 1545, get, nil, 0, oc(get, sim, "bb787246")},
	}},
	{Name: IMessengerContactAdvanced, IID: "{086F69C0-2FBD-46B3-BE50-EC401AB86099}", Base: IMessengerContact, Dispatchable: true, Doc: docOC + "bb758717(v=office.12)", Own: []Member{
		{IMessengerContactAdvanced, "IsTagged", 0x60030000, get | put, nil, VT_BOOL, oc(none, sim, "bb758717")},
		{IMessengerContactAdvanced, "PresenceProperties", 0x60030002, get | put, nil, VT_VARIANT, oc(none, sim, "bb787249")},
	}},
	// All four Not scriptable in Communicator 2007.
	{Name: IMessengerContacts, IID: "{E7479A0D-BB19-44A5-968F-6F41D93EE0BC}", Dispatchable: true, Doc: docOC + "bb758746(v=office.12)", Own: []Member{
		{IMessengerContacts, "Item", DISPID_VALUE, method | get, []ParamSpec{p("Index", VT_I4)}, 0, oc(none, sim, "bb758746")},
		{IMessengerContacts, "Count", 1792, get, nil, 0, oc(none, sim, "bb758746")},
		{IMessengerContacts, "Remove", 1793, method, []ParamSpec{p("pMContact", VT_DISPATCH)}, 0, oc(none, sim, "bb758746")},
		{IMessengerContacts, "_NewEnum", DISPID_NEWENUM, get | method, nil, 0, oc(none, sim, "bb787230")},
	}},
	// All Not scriptable in Communicator 2007 (bb758744).
	{Name: IMessengerGroups, IID: "{E1AF1028-B884-44CB-A535-1C3C11A3D1DB}", Dispatchable: true, Doc: docOC + "bb758744(v=office.12)", Own: []Member{
		{IMessengerGroups, "Item", DISPID_VALUE, method | get, []ParamSpec{p("Index", VT_I4)}, 0, oc(none, sim, "bb787256")},
		{IMessengerGroups, "Remove", 1665, method, []ParamSpec{p("pGroup", VT_DISPATCH)}, 0, oc(none, sim, "bb758763")},
		{IMessengerGroups, "Count", 1666, get, nil, 0, oc(none, sim, "bb787208")},
		{IMessengerGroups, "_NewEnum", DISPID_NEWENUM, get | method, nil, 0, oc(none, sim, "bb758744")},
	}},
	// All Not scriptable; Service is Not supported (bb758745).
	{Name: IMessengerGroup, IID: "{E1AF1038-B884-44CB-A535-1C3C11A3D1DB}", Dispatchable: true, Doc: docOC + "bb758745(v=office.12)", Own: []Member{
		{IMessengerGroup, "Contacts", 1667, get, nil, 0, oc(none, sim, "bb787211")},
		{IMessengerGroup, "Name", 1668, get | put, nil, VT_BSTR, oc(none, sim, "bb758716")},
		{IMessengerGroup, "AddContact", 1669, method, []ParamSpec{p("vContact", VT_VARIANT)}, 0, oc(none, sim, "bb758792")},
		{IMessengerGroup, "RemoveContact", 1670, method, []ParamSpec{p("vContact", VT_VARIANT)}, 0, oc(none, sim, "winmessenger/im-imessengergroup-removecontact")},
		{IMessengerGroup, "Service", 1671, get, nil, 0, oc(none, ns, "bb758745")},
	}},
	// All Scriptable (bb758793).
	{Name: IMessengerServices, IID: "{2E50547B-A8AA-4F60-B57E-1F414711007B}", Dispatchable: true, Doc: docOC + "bb758793(v=office.12)", Own: []Member{
		{IMessengerServices, "Item", DISPID_VALUE, method | get, []ParamSpec{p("Index", VT_I4)}, 0, oc(method|get, sim, "bb787225")},
		{IMessengerServices, "PrimaryService", 2176, get, nil, 0, oc(get, sim, "bb758793")},
		{IMessengerServices, "Count", 2177, get, nil, 0, oc(get, sim, "bb758793")},
		{IMessengerServices, "_NewEnum", DISPID_NEWENUM, get | method, nil, 0, oc(get|method, sim, "bb758793")},
	}},
	{Name: IMessengerService, IID: "{2E50547C-A8AA-4F60-B57E-1F414711007B}", Dispatchable: true, Doc: docOC + "bb787259(v=office.12)", Own: []Member{
		{IMessengerService, "ServiceName", 2178, get, nil, 0, oc(get, sim, "bb787259")},
		{IMessengerService, "MyFriendlyName", 2179, get, nil, 0, oc(none, sim, "bb787259")},
		{IMessengerService, "MyStatus", 2181, get, nil, 0, oc(get, sim, "bb758803")},
		{IMessengerService, "Property", 2182, get | put, []ParamSpec{p("ePropType", VT_I4)}, VT_VARIANT, oc(none, ns, "bb787259")},
		{IMessengerService, "ServiceID", 2183, get, nil, 0, oc(get, sim, "bb787259")},
		{IMessengerService, "MySigninName", 2184, get, nil, 0, oc(none, sim, "bb758713")},
	}},
	// IEnumVARIANT is what _NewEnum returns. COM calls it through the
	// vtable only; fakemessenger answers it by name so that a remote
	// client can run For Each. Its numbers follow the MIDL rule at level 1.
	{Name: IEnumVARIANT, IID: "{00020404-0000-0000-C000-000000000046}", Doc: "https://learn.microsoft.com/en-us/windows/win32/api/oaidl/nn-oaidl-ienumvariant", Own: []Member{
		{IEnumVARIANT, "Next", 0x60010000, method, []ParamSpec{p("celt", VT_I4)}, 0, oc(method, sim, "oaidl/nf-oaidl-ienumvariant-next")},
		{IEnumVARIANT, "Skip", 0x60010001, method, []ParamSpec{p("celt", VT_I4)}, 0, oc(method, sim, "oaidl/nf-oaidl-ienumvariant-skip")},
		{IEnumVARIANT, "Reset", 0x60010002, method, nil, 0, oc(method, sim, "oaidl/nf-oaidl-ienumvariant-reset")},
		{IEnumVARIANT, "Clone", 0x60010003, method, nil, 0, oc(method, sim, "oaidl/nf-oaidl-ienumvariant-clone")},
	}},
}

// docOC is where the Communicator 2007 SDK pages live.
const docOC = "https://learn.microsoft.com/en-us/previous-versions/office/developer/communicator-client-2007/"

// IIDs of the base interfaces every object answers QueryInterface for.
const (
	IID_IUnknown  = "{00000000-0000-0000-C000-000000000046}"
	IID_IDispatch = "{00020400-0000-0000-C000-000000000046}"
)

// Class is a kind of object the world hands out: the interfaces it
// implements, most derived first. The first is the one it presents; all
// of them answer through its one IDispatch, so a script reaches
// IMessengerContactResolution::ResolveContact (documented Scriptable) on
// the Messenger object without a QueryInterface it cannot make.
type Class struct {
	Name       string
	Interfaces []string
}

// The classes of objects, by what they stand for.
var (
	ClassMessenger    = &Class{"Messenger", []string{IMessengerAdvanced, IMessengerContactResolution}}
	ClassWindow       = &Class{"Window", []string{IMessengerWindow}}
	ClassConversation = &Class{"ConversationWindow", []string{IMessengerConversationWndAdvanced}}
	ClassContact      = &Class{"Contact", []string{IMessengerContactAdvanced}}
	ClassContacts     = &Class{"Contacts", []string{IMessengerContacts}}
	ClassGroups       = &Class{"Groups", []string{IMessengerGroups}}
	ClassGroup        = &Class{"Group", []string{IMessengerGroup}}
	ClassServices     = &Class{"Services", []string{IMessengerServices}}
	ClassService      = &Class{"Service", []string{IMessengerService}}
	ClassEnum         = &Class{"Enumerator", []string{IEnumVARIANT}}
)

// Classes lists every class.
var Classes = []*Class{ClassMessenger, ClassWindow, ClassConversation, ClassContact, ClassContacts,
	ClassGroups, ClassGroup, ClassServices, ClassService, ClassEnum}

// Presents is the interface objects of the class present.
func (c *Class) Presents() string { return c.Interfaces[0] }

// ClassOf finds the class whose objects present iface, or whose objects
// implement it (so "IMessenger" finds the Messenger class).
func ClassOf(iface string) (*Class, bool) {
	for _, c := range Classes {
		for _, i := range c.Interfaces {
			if Implements(i, iface) {
				return c, true
			}
		}
	}
	return nil, false
}

// ClassPresenting finds the class whose objects present iface.
func ClassPresenting(iface string) (*Class, bool) {
	for _, c := range Classes {
		if c.Presents() == iface {
			return c, true
		}
	}
	return nil, false
}

// Implements says whether interface iface is, or derives from, base
// (whose name is compared case-insensitively, as filters are typed by
// hand). Every interface derives from IUnknown, and every dispatchable
// one from IDispatch.
func Implements(iface, base string) bool {
	for it, ok := interfacesByName[iface]; ok; it, ok = interfacesByName[it.Base] {
		if strings.EqualFold(it.Name, base) {
			return true
		}
		if strings.EqualFold(base, IDispatch) && it.Dispatchable {
			return true
		}
	}
	return strings.EqualFold(base, IUnknown) && interfacesByName[iface] != nil
}

// ObjectImplements says whether an object presenting iface answers for
// base: through its own chain or its class's other interfaces.
func ObjectImplements(iface, base string) bool {
	if c, ok := ClassPresenting(iface); ok {
		for _, i := range c.Interfaces {
			if Implements(i, base) {
				return true
			}
		}
		return false
	}
	return Implements(iface, base)
}

// Interfaces lists the type library's interfaces, bases before the
// interfaces that derive from them.
func Interfaces() []*Interface { return interfaceTable }

// LookupInterface finds an interface by name (exact spelling).
func LookupInterface(name string) (*Interface, bool) {
	it, ok := interfacesByName[name]
	return it, ok
}

// InterfaceByIID finds an interface by IID, in any case, with or without
// braces, as COM compares GUIDs; IUnknown and IDispatch have no entry and
// are reported by name.
func InterfaceByIID(iid string) (string, bool) {
	key := NormalizeGUID(iid)
	switch key {
	case IID_IUnknown:
		return IUnknown, true
	case IID_IDispatch:
		return IDispatch, true
	}
	it, ok := interfacesByIID[key]
	if !ok {
		return "", false
	}
	return it.Name, true
}

// NormalizeGUID turns a GUID in any case, with or without braces, into
// the braced upper-case registry form; "" when it is not a GUID.
func NormalizeGUID(s string) string {
	s = strings.TrimSpace(s)
	if len(s) == 38 && s[0] == '{' && s[37] == '}' {
		s = s[1:37]
	}
	if len(s) != 36 {
		return ""
	}
	b := []byte(strings.ToUpper(s))
	for i, c := range b {
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return ""
			}
		default:
			if !(c >= '0' && c <= '9' || c >= 'A' && c <= 'F') {
				return ""
			}
		}
	}
	return "{" + string(b) + "}"
}

// Declared lists the members of iface in the order a client sees them:
// inherited ones first, each the same *Member on every interface that has
// it (the sim keys its handlers by it).
func (it *Interface) Declared() []*Member {
	var chain []*Interface
	for c := it; c != nil; c = interfacesByName[c.Base] {
		chain = append(chain, c)
	}
	var out []*Member
	for i := len(chain) - 1; i >= 0; i-- {
		for j := range chain[i].Own {
			out = append(out, &chain[i].Own[j])
		}
	}
	return out
}

// Level is the interface's inheritance level, IUnknown being 0 and
// IDispatch 1: the MIDL rule for DISPIDs uses it.
func (it *Interface) Level() int {
	n := 1
	if !it.Dispatchable {
		n = 0
	}
	for c := it; c != nil; c = interfacesByName[c.Base] {
		n++
	}
	return n
}

// MembersOf lists the members an interface answers, inherited ones
// included; for the interface a class presents, the members of the
// class's other interfaces too (one IDispatch answers them all).
func MembersOf(iface string) []Member {
	ms := surfaces[iface]
	out := make([]Member, len(ms))
	for i, m := range ms {
		out[i] = *m
	}
	return out
}

// Surface is MembersOf without copying: the shared declarations.
func Surface(iface string) []*Member { return surfaces[iface] }

// releaseMember is IUnknown::Release and queryInterfaceMember
// IUnknown::QueryInterface, reachable by name so that a remote client can
// release what it holds or ask for an interface; they have no DISPID in
// any type library, so these negative numbers stay clear of every real one.
var (
	releaseMember        = Member{IUnknown, "Release", -1000, method, nil, 0, oc(method, sim, "unknwn/nf-unknwn-iunknown-release")}
	queryInterfaceMember = Member{IUnknown, "QueryInterface", -1001, method, []ParamSpec{p("riid", VT_BSTR)}, 0, oc(method, sim, "unknwn/nf-unknwn-iunknown-queryinterface(refiid_void)")}
)

// IUnknownMembers are Release and QueryInterface as every object answers them.
func IUnknownMembers() []*Member { return []*Member{&queryInterfaceMember, &releaseMember} }

type memberKey struct{ iface, name string }

var (
	interfacesByName = map[string]*Interface{}
	interfacesByIID  = map[string]*Interface{}
	surfaces         = map[string][]*Member{}
	membersExact     = map[memberKey]*Member{} // as the type library spells them
	membersByName    = map[memberKey]*Member{}
	membersByDISPID  = map[string]map[int32]*Member{}
)

func init() {
	for _, it := range interfaceTable {
		interfacesByName[it.Name] = it
		interfacesByIID[it.IID] = it
	}
	for _, it := range interfaceTable {
		surfaces[it.Name] = it.Declared()
	}
	for _, c := range Classes {
		var all []*Member
		for _, name := range c.Interfaces {
			all = append(all, interfacesByName[name].Declared()...)
		}
		surfaces[c.Presents()] = all
	}
	for iface, ms := range surfaces {
		byID := map[int32]*Member{}
		for _, m := range ms {
			membersByName[memberKey{iface, strings.ToLower(m.Name)}] = m
			membersExact[memberKey{iface, m.Name}] = m
			byID[m.DISPID] = m
		}
		for _, m := range IUnknownMembers() {
			membersByName[memberKey{iface, strings.ToLower(m.Name)}] = m
			membersExact[memberKey{iface, m.Name}] = m
		}
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
// documented order, with the product's marks.
type EventSpec struct {
	Name   string
	DISPID int32
	Params []string
	Marks  [NumProducts]Marks
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
	OnMyPropertyChange          = "OnMyPropertyChange"
	OnContactPropertyChange     = "OnContactPropertyChange"
	OnContactBlockChange        = "OnContactBlockChange"
	OnContactPagerChange        = "OnContactPagerChange"
	OnContactPhoneChange        = "OnContactPhoneChange"
	OnMyPhoneChange             = "OnMyPhoneChange"
	OnUnreadEmailChange         = "OnUnreadEmailChange"
	OnIMWindowCreated           = "OnIMWindowCreated"
	OnIMWindowDestroyed         = "OnIMWindowDestroyed"
	OnIMWindowContactAdded      = "OnIMWindowContactAdded"
	OnIMWindowContactRemoved    = "OnIMWindowContactRemoved"
	OnGroupAdded                = "OnGroupAdded"
	OnGroupRemoved              = "OnGroupRemoved"
	OnGroupNameChanged          = "OnGroupNameChanged"
	OnContactAddedToGroup       = "OnContactAddedToGroup"
	OnContactRemovedFromGroup   = "OnContactRemovedFromGroup"
	OnContactResolved           = "OnContactResolved"
)

// DIID_DMessengerEvents is the event interface's identity.
const DIID_DMessengerEvents = "{C9A6A6B6-9BC1-43A5-B06B-E58874EEBC96}"

// Events is the CommunicatorAPI DMessengerEvents table, in DISPID order.
// DISPID 1050 is OnContactResolved there; the Windows Messenger library
// gave it to OnEmoticonListChange, which Communicator 2007 does not have.
var Events = []EventSpec{
	{OnSignin, 1024, []string{"hr"}, oc(method, sim, "bb758726")},
	{OnSignout, 1025, nil, oc(method, sim, "bb758726")},
	{OnContactListAdd, 1026, []string{"hr", "pMContact"}, oc(method, sim, "bb758726")},
	{OnContactListRemove, 1027, []string{"hr", "pMContact"}, oc(method, sim, "bb758726")},
	{OnContactFriendlyNameChange, 1028, []string{"hr", "pMContact", "bstrPrevFriendlyName"}, oc(method, sim, "bb758726")},
	{OnMyFriendlyNameChange, 1029, []string{"hr", "bstrPrevFriendlyName"}, oc(method, sim, "bb758726")},
	{OnContactStatusChange, 1030, []string{"pMContact", "mStatus"}, oc(method, sim, "bb758726")},
	{OnMyStatusChange, 1031, []string{"hr", "mMyStatus"}, oc(method, sim, "bb758726")},
	{OnAppShutdown, 1032, nil, oc(method, sim, "bb758726")},
	{OnMyPropertyChange, 1033, []string{"hr", "ePropType", "vPropVal"}, oc(method, sim, "bb758726")},
	{OnContactPropertyChange, 1034, []string{"hr", "pContact", "ePropType", "vPropVal"}, oc(method, sim, "bb758726")},
	{OnContactBlockChange, 1035, []string{"hr", "pContact", "pBoolBlock"}, oc(none, sim, "bb758726")},
	{OnContactPagerChange, 1036, []string{"hr", "pContact", "pBoolPage"}, oc(none, ns, "bb758726")},
	{OnContactPhoneChange, 1037, []string{"hr", "pContact", "PhoneType", "bstrNumber"}, oc(none, sim, "bb758726")},
	{OnMyPhoneChange, 1038, []string{"PhoneType", "bstrNumber"}, oc(method, sim, "bb787251")},
	{OnUnreadEmailChange, 1039, []string{"mFolder", "cUnreadEmail", "pBoolfEnableDefault"}, oc(method, sim, "bb758726")},
	{OnIMWindowCreated, 1041, []string{"pIMWindow"}, oc(method, sim, "bb758726")},
	{OnIMWindowDestroyed, 1042, []string{"pIMWindow"}, oc(method, sim, "bb758726")},
	{OnIMWindowContactAdded, 1043, []string{"pContact", "pIMWindow"}, oc(method, sim, "bb758726")},
	{OnIMWindowContactRemoved, 1044, []string{"pContact", "pIMWindow"}, oc(method, sim, "bb758726")},
	{OnGroupAdded, 1045, []string{"hr", "pMGroup"}, oc(none, sim, "bb758726")},
	{OnGroupRemoved, 1046, []string{"hr", "pMGroup"}, oc(none, sim, "bb758753")},
	{OnGroupNameChanged, 1047, []string{"hr", "pMGroup"}, oc(none, sim, "bb758726")},
	{OnContactAddedToGroup, 1048, []string{"hr", "pMGroup", "pMContact"}, oc(none, sim, "bb758726")},
	{OnContactRemovedFromGroup, 1049, []string{"hr", "pMGroup", "pMContact"}, oc(none, sim, "bb787237")},
	{OnContactResolved, 1050, []string{"hr", "AddressType", "bstrAddress", "bstrIMAddress"}, oc(method, sim, "bb758726")},
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

// SortedInterfaceNames lists every interface name, sorted: for tables
// and error messages.
func SortedInterfaceNames() []string {
	out := make([]string, 0, len(interfaceTable))
	for _, it := range interfaceTable {
		out = append(out, it.Name)
	}
	sort.Strings(out)
	return out
}
