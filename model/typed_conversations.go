package model

import "context"

// Typed members of the conversation and sign-in area (issue 7c): the
// window-opening members of IMessenger, IMessengerAdvanced's
// StartConversation and IMessengerConversationWndAdvanced's SendText.

// StartConversationOptions are StartConversation's optional arguments; a
// zero field is left out (VT_EMPTY), as a caller passing null does.
type StartConversationOptions struct {
	ContextualData    Variant
	Subject           Variant
	ConversationIndex Variant
	ConversationData  Variant
}

// StartConversation opens a conversation of one CONVERSATION_TYPE with the
// participants (a VT_ARRAY|VT_VARIANT of URIs or contacts; VT_EMPTY opens
// the contact picker). It returns pvWndHnd: the new window's HWND as a
// VT_I4, or VT_EMPTY when the person is choosing in the contact picker.
// The window object itself arrives through OnIMWindowCreated.
func (m MessengerMethods) StartConversation(ctx context.Context, t CONVERSATION_TYPE, participants Variant, o StartConversationOptions) (Variant, error) {
	args := []Variant{I4(int32(t)), participants, o.ContextualData, o.Subject, o.ConversationIndex, o.ConversationData}
	// trailing omitted optionals are not sent, as a late-bound caller omits them
	for len(args) > 2 && args[len(args)-1].VT == VT_EMPTY {
		args = args[:len(args)-1]
	}
	return m.call(ctx, "StartConversation", args...)
}

// StartVoice opens (or reuses) a conversation window with the contact for
// a voice session pending acceptance.
func (m MessengerMethods) StartVoice(ctx context.Context, vContact Variant) (ConversationWnd, error) {
	r, err := m.call(ctx, "StartVoice", vContact)
	w, _ := r.Obj.(ConversationWnd)
	return w, err
}

// Phone opens the Phone Call dialog for the contact with a number.
func (m MessengerMethods) Phone(ctx context.Context, vContact Variant, t MPHONE_TYPE, number Variant) (ConversationWnd, error) {
	if number.VT == VT_EMPTY {
		number = NullBSTR() // a NULL BSTR: the dialog's number box starts blank
	}
	r, err := m.call(ctx, "Phone", vContact, I4(int32(t)), number)
	w, _ := r.Obj.(ConversationWnd)
	return w, err
}

// SendFile opens (or reuses) a conversation window with the contact and
// offers it the file.
func (m MessengerMethods) SendFile(ctx context.Context, vContact Variant, fileName string) (ConversationWnd, error) {
	r, err := m.call(ctx, "SendFile", vContact, BSTR(fileName))
	w, _ := r.Obj.(ConversationWnd)
	return w, err
}

// SendText sends text to the other participants of the conversation.
func (w ConversationWndMethods) SendText(ctx context.Context, text string) error {
	_, err := w.call(ctx, "SendText", BSTR(text))
	return err
}
