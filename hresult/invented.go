package hresult

// Codes the Communicator 2007 pages name without a value. The
// IMessengerContactAdvanced::PresenceProperties page (bb787249) lists
// E_INVALIDINDEX and E_INVALIDAVAILABILITY, but no header, type library or
// page defines them, so these two values are INVENTED by fakemessenger:
// they carry the customer bit (0x20000000), which Microsoft never sets, so
// they cannot collide with a real code. Compare them by name, never by
// number, in code that also runs against Communicator. The page's third
// such name, E_NOT_LOGGED_ON, is answered as MSGR_E_NOT_LOGGED_ON.
const (
	// E_INVALIDINDEX (invented value): a PresenceProperties put carries
	// data at an index past PRESENCE_PROP_MAX.
	E_INVALIDINDEX HRESULT = 0xA0FA0001
	// E_INVALIDAVAILABILITY (invented value): a PresenceProperties put
	// carries an availability Communicator does not accept.
	E_INVALIDAVAILABILITY HRESULT = 0xA0FA0002
)

// Invented lists the codes whose values are fakemessenger's own.
func Invented() []HRESULT { return []HRESULT{E_INVALIDINDEX, E_INVALIDAVAILABILITY} }

func init() {
	for h, n := range map[HRESULT]string{E_INVALIDINDEX: "E_INVALIDINDEX", E_INVALIDAVAILABILITY: "E_INVALIDAVAILABILITY"} {
		names[h] = n
		byName[n] = h
	}
}
