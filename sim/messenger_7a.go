package sim

import (
	"strings"

	"github.com/fakemessenger/fakemessenger/hresult"
	"github.com/fakemessenger/fakemessenger/model"
)

// Messenger-level members of issue 7a: IMessenger3::Property, MyProperty,
// ReceiveFileDirectory, UnreadEmailCount, GetAuthenticationInfo and
// IMessengerContactResolution::ResolveContact.

// ClientVersion is what IMessenger3::Property(MMESSENGERPROP_VERSION)
// reports: Office Communicator 2007's build.
const ClientVersion = "2.0.6362.0"

func init() {
	register(model.IMessenger3, map[string]handler{"Property": hMessengerProperty})
	register(model.IMessenger, map[string]handler{
		"MyProperty": func(c *call) hresult.HRESULT {
			// "Reserved. Do not use." (bb758788); Windows Messenger
			// answers E_INVALIDARG in every case.
			return c.fail(hresult.E_INVALIDARG, "MyProperty is reserved")
		},
		"ReceiveFileDirectory": func(c *call) hresult.HRESULT {
			c.result = model.BSTR(c.w.area7a.recvDir)
			return hresult.S_OK
		},
		"UnreadEmailCount": hUnreadEmailCount,
	})
	register(model.IMessengerAdvanced, map[string]handler{"GetAuthenticationInfo": hGetAuthenticationInfo})
	register(model.IMessengerContactResolution, map[string]handler{"ResolveContact": hResolveContact})
}

var _ = document(model.IMessenger3, "Property",
	cond(hresult.E_INVALIDARG, ByArgs, "get: ePropType is not a MMESSENGERPROPERTY; put: always (reserved)", "winmessenger/im-imessenger3-property"),
	cond(hresult.E_NOTIMPL, ByCaller, "called by a script (Not scriptable, bb787219)", "bb787219"),
)

func hMessengerProperty(c *call) hresult.HRESULT {
	if c.kind == model.DISPATCH_PROPERTYPUT {
		return c.fail(hresult.E_INVALIDARG, "IMessenger3::Property cannot be set")
	}
	switch model.MMESSENGERPROPERTY(c.arg(0).Int) {
	case model.MMESSENGERPROP_VERSION:
		c.result = model.BSTR(ClientVersion)
	case model.MMESSENGERPROP_PLCID:
		c.result = model.I4(c.w.area7a.locale)
	default:
		return c.fail(hresult.E_INVALIDARG, model.MMESSENGERPROPERTY(c.arg(0).Int).String()+" is not a MMESSENGERPROPERTY")
	}
	return hresult.S_OK
}

var _ = document(model.IMessenger, "MyProperty",
	cond(hresult.E_INVALIDARG, ByArgs, "every call: the member is reserved", "winmessenger/im-imessenger-myproperty"),
)

var _ = document(model.IMessenger, "ReceiveFileDirectory",
	cond(hresult.E_OUTOFMEMORY, ByFault, "the BSTR could not be allocated", "winmessenger/im-imessenger-receivefiledirectory"),
)

var _ = document(model.IMessenger, "UnreadEmailCount",
	cond(hresult.E_FAIL, ByArgs, "mFolder is not MUAFOLDER_INBOX", "winmessenger/im-imessenger-unreademailcount"),
	cond(hresult.MSGR_E_NOT_LOGGED_ON, ByState, "not signed in, compiled caller", "winmessenger/im-imessenger-unreademailcount"),
	cond(hresult.S_FALSE, ByCaller, "not signed in, script caller (count -1)", "winmessenger/im-imessenger-unreademailcount"),
	cond(hresult.S_FALSE, ByState, "no inbox is available (scenario noInbox; count -1)", "winmessenger/im-imessenger-unreademailcount"),
)

// hUnreadEmailCount reports the inbox's unread count as it is now (the
// Windows Messenger remarks say it is fixed at sign-in; decided: current).
func hUnreadEmailCount(c *call) hresult.HRESULT {
	w := c.w
	if model.MUAFOLDER(c.arg(0).Int) != model.MUAFOLDER_INBOX {
		return c.fail(hresult.E_FAIL, "mFolder is not MUAFOLDER_INBOX")
	}
	if !w.signedIn {
		if c.cl.kind == model.CallerScript {
			c.result = model.I4(-1)
			return c.fail(hresult.S_FALSE, "not signed in")
		}
		return c.fail(hresult.MSGR_E_NOT_LOGGED_ON, "not signed in")
	}
	if w.area7a.noInbox {
		c.result = model.I4(-1)
		return c.fail(hresult.S_FALSE, "no inbox is available")
	}
	c.result = model.I4(w.area7a.unread)
	return hresult.S_OK
}

var _ = document(model.IMessengerAdvanced, "GetAuthenticationInfo",
	cond(hresult.E_FAIL, ByState, "not signed in (decided: the docs list no values)", "bb758782"),
)

// hGetAuthenticationInfo: the docs give neither values nor format. We
// answer, signed in, "signinName=sip:<user>;serviceId=<id>;authentication=NTLM":
// who is authenticated, against what, and how, in one parseable line.
func hGetAuthenticationInfo(c *call) hresult.HRESULT {
	w := c.w
	if !w.signedIn {
		return c.fail(hresult.E_FAIL, "not signed in")
	}
	c.result = model.BSTR("signinName=" + imAddress(w.user.signin) + ";serviceId=" + w.serviceID + ";authentication=NTLM")
	return hresult.S_OK
}

var _ = document(model.IMessengerContactResolution, "ResolveContact",
	cond(hresult.E_INVALIDARG, ByArgs, "AddressType or ResolutionType out of range, or bstrAddress NULL or empty (decided)", "bb787257"),
	cond(hresult.E_FAIL, ByState, "not signed in (decided)", "bb787257"),
)

// hResolveContact resolves an address to a SIP address (decided, the
// method page is not public): SMTP and EXTERNAL addresses match a known
// contact's (or the user's) sign-in name, DISPLAY_NAME a unique friendly
// name, all case-insensitively. CACHED_ONLY looks at the contact list
// only and answers at once; ANY answers the same at once, and also looks
// in the server's directory and reports the outcome through
// OnContactResolved (S_OK and the address, or MSGR_E_USER_NOT_FOUND).
// Nothing found is S_OK with a NULL BSTR.
func hResolveContact(c *call) hresult.HRESULT {
	w := c.w
	at, rt, addr := model.ADDRESS_TYPE(c.arg(0).Int), model.CONTACT_RESOLUTION_TYPE(c.arg(1).Int), c.arg(2)
	if at < model.ADDRESS_TYPE_SMTP || at > model.ADDRESS_TYPE_EXTERNAL {
		return c.fail(hresult.E_INVALIDARG, at.String()+" is not an ADDRESS_TYPE")
	}
	if rt != model.CONTACT_RESOLUTION_CACHED_ONLY && rt != model.CONTACT_RESOLUTION_ANY {
		return c.fail(hresult.E_INVALIDARG, rt.String()+" is not a CONTACT_RESOLUTION_TYPE")
	}
	if addr.NullStr || strings.TrimSpace(addr.Str) == "" {
		return c.fail(hresult.E_INVALIDARG, "bstrAddress is NULL or empty")
	}
	if !w.signedIn {
		return c.fail(hresult.E_FAIL, "not signed in")
	}
	found := w.resolveCachedLocked(at, addr.Str)
	if found == "" {
		c.result = model.NullBSTR()
	} else {
		c.result = model.BSTR(found)
	}
	if rt == model.CONTACT_RESOLUTION_ANY {
		if found == "" {
			found = w.resolveDirectoryLocked(at, addr.Str)
		}
		hr, im := hresult.S_OK, model.BSTR(found)
		if found == "" {
			hr, im = hresult.MSGR_E_USER_NOT_FOUND, model.NullBSTR()
		}
		w.emitLocked(evOnContactResolved, evHR(hr), evArg{v: model.I4(int32(at))}, evArg{v: model.BSTR(addr.Str)}, evArg{v: im})
	}
	return hresult.S_OK
}

// resolveCachedLocked looks an address up among the user and the listed
// contacts.
func (w *World) resolveCachedLocked(at model.ADDRESS_TYPE, addr string) string {
	if at == model.ADDRESS_TYPE_DISPLAY_NAME {
		name := strings.TrimSpace(addr)
		var hit *contactObj
		for i := -1; i < len(w.contacts); i++ {
			ct := w.user.self
			if i >= 0 {
				ct = w.contacts[i]
			}
			if strings.EqualFold(strings.TrimSpace(ct.friendly), name) {
				if hit != nil {
					return "" // ambiguous: no one is resolved
				}
				hit = ct
			}
		}
		if hit == nil {
			return ""
		}
		return imAddress(hit.signin)
	}
	// byName holds the listed contacts and the user (and loose contacts,
	// which are not resolved)
	if ct := w.byName[model.NormalizeSigninName(strings.TrimSpace(addr))]; ct != nil && (ct.listed || ct.self) {
		return imAddress(ct.signin)
	}
	return ""
}

// resolveDirectoryLocked looks an address up in the scenario's directory.
func (w *World) resolveDirectoryLocked(at model.ADDRESS_TYPE, addr string) string {
	addr = strings.TrimSpace(addr)
	for _, d := range w.area7a.directory {
		var match bool
		switch at {
		case model.ADDRESS_TYPE_DISPLAY_NAME:
			match = d.DisplayName != "" && strings.EqualFold(d.DisplayName, addr)
		default:
			match = strings.EqualFold(d.Email, addr) || model.SameSigninName(d.SigninName, addr)
		}
		if match {
			return imAddress(d.SigninName)
		}
	}
	return ""
}
