package model

// CONVERSATION_TYPE chooses the mode of IMessengerAdvanced::StartConversation
// (msgrua.h). The values are bits, but a call takes exactly one of them.
type CONVERSATION_TYPE int32

const (
	CONVERSATION_TYPE_IM          CONVERSATION_TYPE = 1
	CONVERSATION_TYPE_PHONE       CONVERSATION_TYPE = 2
	CONVERSATION_TYPE_LIVEMEETING CONVERSATION_TYPE = 4
	CONVERSATION_TYPE_AUDIO       CONVERSATION_TYPE = 8
	CONVERSATION_TYPE_VIDEO       CONVERSATION_TYPE = 16
	CONVERSATION_TYPE_PSTN        CONVERSATION_TYPE = 32
)

var conversationTypeNames = map[CONVERSATION_TYPE]string{
	CONVERSATION_TYPE_IM:          "CONVERSATION_TYPE_IM",
	CONVERSATION_TYPE_PHONE:       "CONVERSATION_TYPE_PHONE",
	CONVERSATION_TYPE_LIVEMEETING: "CONVERSATION_TYPE_LIVEMEETING",
	CONVERSATION_TYPE_AUDIO:       "CONVERSATION_TYPE_AUDIO",
	CONVERSATION_TYPE_VIDEO:       "CONVERSATION_TYPE_VIDEO",
	CONVERSATION_TYPE_PSTN:        "CONVERSATION_TYPE_PSTN",
}

func (t CONVERSATION_TYPE) String() string {
	return enumString(conversationTypeNames, t, "CONVERSATION_TYPE")
}

// Valid reports whether t is exactly one mode; OR-ed values are not.
func (t CONVERSATION_TYPE) Valid() bool {
	_, ok := conversationTypeNames[t]
	return ok
}

// ParseCONVERSATION_TYPE reads "CONVERSATION_TYPE_IM", "im" or "1".
func ParseCONVERSATION_TYPE(s string) (CONVERSATION_TYPE, bool) {
	return parseEnum(conversationTypeNames, "CONVERSATION_TYPE_", s)
}
