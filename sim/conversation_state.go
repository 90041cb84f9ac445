package sim

import "time"

// StateConversation is what the state shows of a conversation window
// beyond its geometry: its kind, subject, call and messages.
type StateConversation struct {
	Type    string `json:"type,omitempty"` // CONVERSATION_TYPE
	Subject string `json:"subject,omitempty"`
	// Index and Data are StartConversation's vConversationIndex and
	// vConversationData as given.
	Index string `json:"conversationIndex,omitempty"`
	Data  string `json:"conversationData,omitempty"`
	// Call: the window hosts a voice, video or phone call.
	Call bool `json:"call,omitempty"`
	// PhoneDialog: the window is the Phone Call dialog, with its number.
	PhoneDialog bool   `json:"phoneDialog,omitempty"`
	PhoneType   string `json:"phoneType,omitempty"`
	Number      string `json:"number,omitempty"`
	// File is the file SendFile offered.
	File    string         `json:"file,omitempty"`
	History []StateMessage `json:"history,omitempty"`
}

// StateMessage is one line of a conversation's history.
type StateMessage struct {
	From   string    `json:"from"` // sign-in name
	Name   string    `json:"name"` // friendly name shown
	At     time.Time `json:"at"`
	Text   string    `json:"text"`
	System bool      `json:"system,omitempty"` // a system line (someone joined)
}

// StateContactPicker is the contact picker waiting for the person.
type StateContactPicker struct {
	Type    string `json:"type"`
	Subject string `json:"subject,omitempty"`
}

// CallPolicy is what the person's machine allows: Restricted makes the
// call members answer MSGR_E_POLICY_RESTRICTED; NoPhoneService makes Phone
// answer MSGR_E_PHONESERVICE_UNAVAILABLE.
type CallPolicy struct {
	Restricted     bool `json:"restricted"`
	NoPhoneService bool `json:"noPhoneService"`
}

func conversationState(conv *convObj) StateConversation {
	x := conv.extv()
	s := StateConversation{Type: x.typeOf().String(), Subject: x.subject, Index: x.index, Data: x.data,
		Call: x.media, PhoneDialog: x.phoneDialog, Number: x.number, File: x.file}
	if x.phoneDialog {
		s.PhoneType = x.phoneType.String()
	}
	for _, m := range conv.history {
		s.History = append(s.History, StateMessage{From: m.from, Name: m.name, At: m.at, Text: m.text, System: m.action})
	}
	return s
}

func (w *World) pickerStateLocked() *StateContactPicker {
	p := w.conv7c.picker
	if p == nil {
		return nil
	}
	return &StateContactPicker{Type: p.ext.typeOf().String(), Subject: p.ext.subject}
}

func (w *World) callPolicyLocked() CallPolicy {
	return CallPolicy{Restricted: w.conv7c.restricted, NoPhoneService: w.conv7c.noPhoneService}
}
