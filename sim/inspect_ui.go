package sim

// InspectUI is what the person sees on the desktop beside the contact
// list and the conversation windows: the Communicator dialogs open, the
// contact picker StartConversation opened, the call policy, each
// contact's phones, e-mail and presence properties, and the inbox count.
// The inspector page draws these and offers the control routes that
// answer them. They are State's facts, taken under the same lock as the
// rest of the snapshot so the page never shows a dialog from one moment
// beside windows from another.
type InspectUI struct {
	Dialogs       []UIDialog          `json:"dialogs"`
	ContactPicker *StateContactPicker `json:"contactPicker,omitempty"`
	CallPolicy    CallPolicy          `json:"callPolicy"`
	ContactInfo   []StateContactInfo  `json:"contactInfo"`
	UnreadEmail   int32               `json:"unreadEmail"`
}

func (w *World) inspectUILocked() InspectUI {
	return InspectUI{
		Dialogs:       w.ui.snapshot(),
		ContactPicker: w.pickerStateLocked(),
		CallPolicy:    w.callPolicyLocked(),
		ContactInfo:   w.contactInfoStateLocked(),
		UnreadEmail:   w.area7a.unread,
	}
}
