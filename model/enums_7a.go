package model

// Enums of the messenger-level members (issue 7a): contact-list sort
// order and contact resolution. Values from msgrua.h.

// MUASORT is IMessenger2::ContactsSortOrder.
type MUASORT int32

const (
	MUASORT_GROUPS    MUASORT = 0
	MUASORT_ONOFFLINE MUASORT = 1
)

var muasortNames = map[MUASORT]string{
	MUASORT_GROUPS:    "MUASORT_GROUPS",
	MUASORT_ONOFFLINE: "MUASORT_ONOFFLINE",
}

func (s MUASORT) String() string { return enumString(muasortNames, s, "MUASORT") }

// ParseMUASORT reads "MUASORT_GROUPS", "groups" or "0".
func ParseMUASORT(s string) (MUASORT, bool) { return parseEnum(muasortNames, "MUASORT_", s) }

// ADDRESS_TYPE is what kind of address ResolveContact is given.
type ADDRESS_TYPE int32

const (
	ADDRESS_TYPE_SMTP         ADDRESS_TYPE = 1
	ADDRESS_TYPE_DISPLAY_NAME ADDRESS_TYPE = 2
	ADDRESS_TYPE_EXTERNAL     ADDRESS_TYPE = 3
)

var addressTypeNames = map[ADDRESS_TYPE]string{
	ADDRESS_TYPE_SMTP:         "ADDRESS_TYPE_SMTP",
	ADDRESS_TYPE_DISPLAY_NAME: "ADDRESS_TYPE_DISPLAY_NAME",
	ADDRESS_TYPE_EXTERNAL:     "ADDRESS_TYPE_EXTERNAL",
}

func (a ADDRESS_TYPE) String() string { return enumString(addressTypeNames, a, "ADDRESS_TYPE") }

// ParseADDRESS_TYPE reads "ADDRESS_TYPE_SMTP", "smtp" or "1".
func ParseADDRESS_TYPE(s string) (ADDRESS_TYPE, bool) {
	return parseEnum(addressTypeNames, "ADDRESS_TYPE_", s)
}

// CONTACT_RESOLUTION_TYPE says whether ResolveContact may ask the server.
type CONTACT_RESOLUTION_TYPE int32

const (
	CONTACT_RESOLUTION_CACHED_ONLY CONTACT_RESOLUTION_TYPE = 1
	CONTACT_RESOLUTION_ANY         CONTACT_RESOLUTION_TYPE = 2
)

var contactResolutionNames = map[CONTACT_RESOLUTION_TYPE]string{
	CONTACT_RESOLUTION_CACHED_ONLY: "CONTACT_RESOLUTION_CACHED_ONLY",
	CONTACT_RESOLUTION_ANY:         "CONTACT_RESOLUTION_ANY",
}

func (r CONTACT_RESOLUTION_TYPE) String() string {
	return enumString(contactResolutionNames, r, "CONTACT_RESOLUTION_TYPE")
}

// ParseCONTACT_RESOLUTION_TYPE reads "CONTACT_RESOLUTION_ANY", "any" or "2".
func ParseCONTACT_RESOLUTION_TYPE(s string) (CONTACT_RESOLUTION_TYPE, bool) {
	return parseEnum(contactResolutionNames, "CONTACT_RESOLUTION_", s)
}
