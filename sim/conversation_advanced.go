package sim

import (
	"fmt"
	"strings"
	"unicode/utf16"

	"github.com/fakemessenger/fakemessenger/hresult"
	"github.com/fakemessenger/fakemessenger/model"
	"github.com/fakemessenger/fakemessenger/window"
)

// Conversations of every kind (issue 7c): IMessengerAdvanced's
// StartConversation, IMessengerConversationWndAdvanced's SendText, and the
// IMessenger members that open a window of another kind (StartVoice, Phone,
// SendFile). The decisions where the docs are silent are in the README,
// "Behaviour decisions: conversations and sign-in".

// convExt is what a conversation window knows beyond its participants and
// history: how it was started, and what it hosts.
type convExt struct {
	ctype model.CONVERSATION_TYPE // 0: opened by InstantMessage or the person (IM)
	// media: the window hosts a voice, video or phone call, so AddContact
	// answers MSGR_E_SESSION_FULL (bb787244).
	media                        bool
	subject, index, data, ctxArg string
	phoneType                    model.MPHONE_TYPE // the Phone Call dialog's number type
	number                       string            // and its number
	phoneDialog                  bool              // this window is the Phone Call dialog
	file                         string            // the file SendFile offered
}

// extv is the window's kind and call state; the zero value (IM) when it
// has none.
func (c *convObj) extv() convExt {
	if c.ext == nil {
		return convExt{}
	}
	return *c.ext
}

// mutExt is the window's state to change, made on first change.
func (c *convObj) mutExt() *convExt {
	if c.ext == nil {
		c.ext = new(convExt)
	}
	return c.ext
}

func (x convExt) typeOf() model.CONVERSATION_TYPE {
	if x.ctype == 0 {
		return model.CONVERSATION_TYPE_IM
	}
	return x.ctype
}

// convWorld is the world's part of issue 7c: the contact picker the person
// answers, and the call policy.
type convWorld struct {
	picker *contactPicker
	// restricted: machine or user policy forbids calls (voice, video,
	// phone): MSGR_E_POLICY_RESTRICTED.
	restricted bool
	// noPhoneService: the contacts' service takes no phone calls:
	// Phone answers MSGR_E_PHONESERVICE_UNAVAILABLE.
	noPhoneService bool
}

// contactPicker is the dialog StartConversation opens when it is given no
// participants: the conversation waits for the person's choice. (Branch
// issue-7b builds a generic dialog mechanism; this one is kept apart so the
// two can be unified.)
type contactPicker struct {
	ext convExt
}

// media: the conversation types that are calls.
func isMedia(t model.CONVERSATION_TYPE) bool {
	switch t {
	case model.CONVERSATION_TYPE_AUDIO, model.CONVERSATION_TYPE_VIDEO, model.CONVERSATION_TYPE_PHONE, model.CONVERSATION_TYPE_PSTN:
		return true
	}
	return false
}

// Limits the WM pages give for these members.
const (
	maxFileNameLen = 260 // SendFile bstrFileName
	maxNumberLen   = 256 // Phone bstrNumber
)

func init() {
	register(model.IMessengerAdvanced, map[string]handler{"StartConversation": hStartConversation})
	register(model.IMessengerConversationWndAdvanced, map[string]handler{"SendText": hSendText})
	register(model.IMessenger, map[string]handler{
		"StartVoice": hStartVoice,
		"Phone":      hPhone,
		"SendFile":   hSendFile,
	})
}

// The documented (and, for StartConversation, decided) return values.
var (
	_ = document(model.IMessengerAdvanced, "StartConversation",
		cond(hresult.S_OK, ByState, "the window opens (pvWndHnd is its HWND as VT_I4), or the contact picker opens when no participant is given (pvWndHnd VT_EMPTY)", "bb787232"),
		cond(hresult.E_INVALIDARG, ByArgs, "decision: ConversationType is not exactly one CONVERSATION_TYPE value, or a participant is a malformed URI, a tel: URI for a type that is no call, a NULL string or a contact object not of this messenger", "bb787232"),
		cond(hresult.DISP_E_TYPEMISMATCH, ByArgs, "decision: vParticipants is neither an array nor empty (a single BSTR, as a sample found), or an optional argument is not a string", "bb787232"),
		cond(hresult.MSGR_E_NOT_LOGGED_ON, ByState, "decision: not signed in", "bb787232"),
		cond(hresult.E_FAIL, ByState, "decision: a participant is the signed-in user, or no window handle can be had", "bb787232"),
		cond(hresult.S_FALSE, ByState, "decision: no participants while the contact picker is already open (brought to the front, arguments ignored)", "bb787232"),
		cond(hresult.MSGR_E_POLICY_RESTRICTED, ByState, "decision: a call type (audio, video, phone, PSTN) while policy forbids calls", "bb787232"),
	)
	_ = document(model.IMessengerConversationWndAdvanced, "SendText",
		cond(hresult.S_OK, ByState, "the text is sent and shows in History", "bb758731"),
		cond(hresult.E_FAIL, ByState, "the conversation window is closed", "bb758731"),
		cond(hresult.E_FAIL, ByState, "not signed in to the primary service (signing out closes every window)", "bb758731"),
		cond(hresult.S_FALSE, ByState, "the window cannot be brought to the foreground: the person minimized it (the text is still sent)", "bb758731"),
		cond(hresult.E_INVALIDARG, ByArgs, "decision: the text is NULL or empty", "bb758731"),
	)
	_ = document(model.IMessenger, "StartVoice",
		cond(hresult.S_OK, ByState, "a voice window opens, or the open window with the contact takes the call", "bb787248"),
		cond(hresult.E_INVALIDARG, ByArgs, "vContact NULL, the wrong type, a NULL string, a leading space, longer than 129 characters, or CR/LF", "bb787248"),
		cond(hresult.MSGR_E_NOT_LOGGED_ON, ByState, "not signed in to the primary service", "bb787248"),
		cond(hresult.E_FAIL, ByState, "called for the signed-in user, or the window cannot be had", "bb787248"),
		cond(hresult.MSGR_E_POLICY_RESTRICTED, ByState, "policy forbids voice", "bb787248"),
		cond(hresult.E_OUTOFMEMORY, ByFault, "the internal object copy failed", "bb787248"),
	)
	_ = document(model.IMessenger, "Phone",
		cond(hresult.S_OK, ByState, "the Phone Call dialog opens", "bb758788"),
		cond(hresult.S_FALSE, ByState, "the Phone Call dialog is already open (it shows the latest number)", "bb758788"),
		cond(hresult.E_INVALIDARG, ByArgs, "vContact invalid as for InstantMessage, the phone type out of range, or bstrNumber longer than 256 characters", "bb758788"),
		cond(hresult.MSGR_E_NOT_LOGGED_ON, ByState, "not signed in to the primary service", "bb758788"),
		cond(hresult.E_FAIL, ByState, "called for the signed-in user, or the dialog cannot be created", "bb758788"),
		cond(hresult.MSGR_E_PHONESERVICE_UNAVAILABLE, ByState, "the contact's service cannot take phone calls", "bb758788"),
		cond(hresult.MSGR_E_POLICY_RESTRICTED, ByState, "policy forbids phone calls", "bb758788"),
	)
	_ = document(model.IMessenger, "SendFile",
		cond(hresult.S_OK, ByState, "the window opens (or the open one is reused) with the transfer offered", "winmessenger/im-imessenger-sendfile"),
		cond(hresult.E_INVALIDARG, ByArgs, "bstrFileName longer than 260 characters or with CR/LF, or vContact invalid as for InstantMessage", "winmessenger/im-imessenger-sendfile"),
		cond(hresult.MSGR_E_NOT_LOGGED_ON, ByState, "not signed in to the primary service", "winmessenger/im-imessenger-sendfile"),
		cond(hresult.E_FAIL, ByState, "called for the signed-in user", "winmessenger/im-imessenger-sendfile"),
	)
)

// participantsArg reads StartConversation's vParticipants: nil with S_OK
// means none were given (the contact picker opens).
func (c *call) participantsArg(t model.CONVERSATION_TYPE, v model.Variant) ([]ref, hresult.HRESULT) {
	switch v.VT {
	case model.VT_EMPTY, model.VT_NULL:
		return nil, hresult.S_OK
	case model.VT_ARRAY | model.VT_VARIANT:
	default:
		return nil, c.fail(hresult.DISP_E_TYPEMISMATCH, "vParticipants is "+v.VT.String()+", not an array (VT_ARRAY|VT_VARIANT) of URIs or contacts")
	}
	var out []ref
	seen := map[string]bool{}
	for i, e := range v.Array {
		var r ref
		switch e.VT {
		case model.VT_BSTR:
			if e.NullStr {
				return nil, c.fail(hresult.E_INVALIDARG, fmt.Sprintf("vParticipants[%d] is a NULL string", i))
			}
			var why string
			r, why = c.w.parseParticipant(t, e.Str)
			if why != "" {
				return nil, c.fail(hresult.E_INVALIDARG, fmt.Sprintf("vParticipants[%d] %s: %s", i, quote(e.Str), why))
			}
		case model.VT_DISPATCH:
			var hr hresult.HRESULT
			if r, hr = c.resolveContactArg(e); hr != hresult.S_OK {
				c.reason = fmt.Sprintf("vParticipants[%d]: %s", i, strings.TrimPrefix(c.reason, "vContact "))
				return nil, hr
			}
		default:
			continue // "elements of any other type are silently ignored"
		}
		if !seen[r.key] {
			seen[r.key] = true
			out = append(out, r)
		}
	}
	return out, hresult.S_OK
}

// parseParticipant reads one participant string: a sip:, sips: or tel: URI
// (scheme in any case) or a bare sign-in name. why is "" when it is good.
func (w *World) parseParticipant(t model.CONVERSATION_TYPE, s string) (ref, string) {
	name, key, why := participantName(t, s)
	if why != "" {
		return ref{}, why
	}
	return ref{obj: w.byName[key], name: name, key: key}, ""
}

// participantName is parseParticipant without a world (scenarios use it):
// the name the participant is shown by and its comparison key.
func participantName(t model.CONVERSATION_TYPE, s string) (name, key, why string) {
	scheme, rest, hasScheme := strings.Cut(s, ":")
	if hasScheme && strings.Contains(scheme, "@") {
		hasScheme = false // "user@host:5061" has no scheme
	}
	switch {
	case !hasScheme, strings.EqualFold(scheme, "sip"):
		// CheckSigninName and NormalizeSigninName strip one "sip:" themselves.
		if p := model.CheckSigninName(s); p != model.ProblemNone {
			return "", "", "not a SIP URI or sign-in name: " + p.String()
		}
		return s, model.NormalizeSigninName(s), ""
	case strings.EqualFold(scheme, "sips"):
		if p := model.CheckSigninName(rest); p != model.ProblemNone {
			return "", "", "not a SIPS URI: " + p.String()
		}
		return rest, model.NormalizeSigninName(rest), ""
	case strings.EqualFold(scheme, "tel"):
		if t != model.CONVERSATION_TYPE_PHONE && t != model.CONVERSATION_TYPE_PSTN {
			return "", "", "a tel: URI can only be called (CONVERSATION_TYPE_PHONE or CONVERSATION_TYPE_PSTN), not used for " + t.String()
		}
		digits, ok := telDigits(rest)
		if !ok {
			return "", "", "not a TEL URI: the number must be digits with an optional leading + and - . ( ) separators"
		}
		return "tel:" + rest, "tel:" + digits, ""
	}
	return "", "", "the scheme " + quote(scheme) + " is not sip:, sips: or tel:"
}

// telDigits checks a tel: URI's number (RFC 3966's global form, loosely:
// the visual separators are dropped) and returns its comparison form.
func telDigits(s string) (string, bool) {
	var b strings.Builder
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == '+' && i == 0:
			b.WriteRune(r)
		case r == '-' || r == '.' || r == '(' || r == ')':
		default:
			return "", false
		}
	}
	d := b.String()
	return d, len(strings.TrimPrefix(d, "+")) > 0 && len(s) <= model.MaxSigninNameLen
}

// optString reads an optional string argument: VT_EMPTY/VT_NULL is "".
func (c *call) optString(i int, name string) (string, hresult.HRESULT) {
	v := c.arg(i)
	switch v.VT {
	case model.VT_EMPTY, model.VT_NULL:
		return "", hresult.S_OK
	case model.VT_BSTR:
		return v.Str, hresult.S_OK
	}
	return "", c.fail(hresult.DISP_E_TYPEMISMATCH, name+" is "+v.VT.String()+", not a string")
}

func hStartConversation(c *call) hresult.HRESULT {
	w := c.w
	t := model.CONVERSATION_TYPE(c.arg(0).Int)
	if !t.Valid() {
		return c.fail(hresult.E_INVALIDARG, fmt.Sprintf("ConversationType %d is not exactly one CONVERSATION_TYPE value", int32(t)))
	}
	refs, hr := c.participantsArg(t, c.arg(1))
	if hr != hresult.S_OK {
		return hr
	}
	ext := convExt{ctype: t, media: isMedia(t)}
	for i, f := range []*string{&ext.ctxArg, &ext.subject, &ext.index, &ext.data} {
		s, hr := c.optString(2+i, [...]string{"vContextualData", "vSubject", "vConversationIndex", "vConversationData"}[i])
		if hr != hresult.S_OK {
			return hr
		}
		*f = s
	}
	if !w.signedIn {
		return c.fail(hresult.MSGR_E_NOT_LOGGED_ON, "not signed in")
	}
	for _, r := range refs {
		if r.isSelf(w) {
			return c.fail(hresult.E_FAIL, "a participant is the signed-in user")
		}
	}
	if ext.media && w.conv7c.restricted {
		return c.fail(hresult.MSGR_E_POLICY_RESTRICTED, "policy forbids calls ("+t.String()+")")
	}
	if len(refs) == 0 {
		if w.conv7c.picker != nil {
			return c.fail(hresult.S_FALSE, "the contact picker is already open: brought to the front, the arguments are ignored")
		}
		w.conv7c.picker = &contactPicker{ext: ext}
		c.reason = "the contact picker is open for the person"
		return hresult.S_OK
	}
	if hr := c.handleQuotaLocked(); hr != hresult.S_OK {
		return hr
	}
	cts := make([]*contactObj, len(refs))
	for i, r := range refs {
		cts[i] = w.contactFor(r)
	}
	conv := w.startConvLocked(cts, ext)
	c.result = model.I4(conv.win.Handle())
	return hresult.S_OK
}

// handleQuotaLocked is InstantMessage's "could not get window handle".
func (c *call) handleQuotaLocked() hresult.HRESULT {
	w := c.w
	if q := w.cfg.handleQuota; q > 0 && w.handles.Live() >= q {
		return c.fail(hresult.E_FAIL, fmt.Sprintf("could not get a window handle: the process holds %d window handles (quota %d)", w.handles.Live(), q))
	}
	return hresult.S_OK
}

// startConvLocked opens a conversation window with the participants and
// raises OnIMWindowCreated.
func (w *World) startConvLocked(cts []*contactObj, ext convExt) *convObj {
	conv := w.newConvLocked(cts, ext)
	w.emitLocked(evOnIMWindowCreated, evObj(conv))
	return conv
}

// newConvLocked makes the window without raising an event (a scenario's
// windows are open at the start, not opened). A participant with no window
// of their own gets this one as the window InstantMessage returns for them.
func (w *World) newConvLocked(cts []*contactObj, ext convExt) *convObj {
	n := int32(len(w.convList))
	conv := &convObj{win: window.Make(window.Conversation, w.handles.Alloc(),
		window.Rect{Left: 360 + 24*(n%16), Top: 80 + 24*(n%16), Width: 440, Height: 380})}
	if ext != (convExt{}) {
		conv.ext = &ext
	}
	if len(cts) == 1 {
		conv.partsBuf[0] = cts[0]
		conv.parts = conv.partsBuf[:1]
	} else {
		conv.parts = append([]*contactObj(nil), cts...)
	}
	for _, ct := range cts {
		w.holdContact(ct)
	}
	if len(cts) == 1 && cts[0].conv == nil && !ext.phoneDialog {
		cts[0].conv = conv
	}
	conv.idx = len(w.convList)
	w.convList = append(w.convList, conv)
	return conv
}

// windowFor is the window a contact member (StartVoice, SendFile) opens
// or reuses: the one InstantMessage would return, else a new one.
func (c *call) windowFor(r ref, ext convExt) (*convObj, hresult.HRESULT) {
	w := c.w
	if r.obj != nil && r.obj.conv != nil && r.obj.conv.win.Alive() {
		return r.obj.conv, hresult.S_OK
	}
	if hr := c.handleQuotaLocked(); hr != hresult.S_OK {
		return nil, hr
	}
	return w.startConvLocked([]*contactObj{w.contactFor(r)}, ext), hresult.S_OK
}

// contactMember is the start every window-opening IMessenger member
// shares: vContact checked as InstantMessage checks it, then signed in,
// then not the user.
func (c *call) contactMember() (ref, hresult.HRESULT) {
	r, hr := c.resolveContactArg(c.arg(0))
	if hr != hresult.S_OK {
		return ref{}, hr
	}
	if !c.w.signedIn {
		return ref{}, c.fail(hresult.MSGR_E_NOT_LOGGED_ON, "not signed in")
	}
	if r.isSelf(c.w) {
		return ref{}, c.fail(hresult.E_FAIL, "called for the signed-in user")
	}
	return r, hresult.S_OK
}

func hStartVoice(c *call) hresult.HRESULT {
	r, hr := c.contactMember()
	if hr != hresult.S_OK {
		return hr
	}
	if c.w.conv7c.restricted {
		return c.fail(hresult.MSGR_E_POLICY_RESTRICTED, "policy forbids voice")
	}
	conv, hr := c.windowFor(r, convExt{ctype: model.CONVERSATION_TYPE_AUDIO, media: true})
	if hr != hresult.S_OK {
		return hr
	}
	// an open IM window takes the call: from now on it hosts voice
	conv.mutExt().media = true
	c.result = dispatchOf(c.w.marshalLocked(c.cl, conv))
	return hresult.S_OK
}

func hPhone(c *call) hresult.HRESULT {
	w := c.w
	r, hr := c.resolveContactArg(c.arg(0))
	if hr != hresult.S_OK {
		return hr
	}
	pt := model.MPHONE_TYPE(c.arg(1).Int)
	if pt < model.MPHONE_TYPE_HOME || pt > model.MPHONE_TYPE_CUSTOM {
		return c.fail(hresult.E_INVALIDARG, "ePhoneNumber "+pt.String()+" is not a phone number type")
	}
	number := c.arg(2)
	if utf16Len(number.Str) > maxNumberLen {
		return c.fail(hresult.E_INVALIDARG, fmt.Sprintf("bstrNumber is longer than %d characters", maxNumberLen))
	}
	if !w.signedIn {
		return c.fail(hresult.MSGR_E_NOT_LOGGED_ON, "not signed in")
	}
	if r.isSelf(w) {
		return c.fail(hresult.E_FAIL, "called for the signed-in user")
	}
	if w.conv7c.restricted {
		return c.fail(hresult.MSGR_E_POLICY_RESTRICTED, "policy forbids phone calls")
	}
	if w.conv7c.noPhoneService {
		return c.fail(hresult.MSGR_E_PHONESERVICE_UNAVAILABLE, "the contact's service cannot take phone calls")
	}
	for _, conv := range w.convList {
		if conv.extv().phoneDialog {
			// One Phone Call dialog at a time: it comes forward with the
			// latest number (the WM remarks), and the call says so.
			x := conv.mutExt()
			x.phoneType, x.number = pt, number.Str
			conv.win.Show()
			c.result = dispatchOf(w.marshalLocked(c.cl, conv))
			return c.fail(hresult.S_FALSE, "the Phone Call dialog is already open")
		}
	}
	if hr := c.handleQuotaLocked(); hr != hresult.S_OK {
		c.reason = "could not create the Phone Call dialog: " + c.reason
		return hr
	}
	conv := w.startConvLocked([]*contactObj{w.contactFor(r)}, convExt{ctype: model.CONVERSATION_TYPE_PHONE, media: true,
		phoneDialog: true, phoneType: pt, number: number.Str})
	c.result = dispatchOf(w.marshalLocked(c.cl, conv))
	return hresult.S_OK
}

func hSendFile(c *call) hresult.HRESULT {
	w := c.w
	r, hr := c.resolveContactArg(c.arg(0))
	if hr != hresult.S_OK {
		return hr
	}
	name := c.arg(1).Str
	if utf16Len(name) > maxFileNameLen {
		return c.fail(hresult.E_INVALIDARG, fmt.Sprintf("bstrFileName is longer than %d characters", maxFileNameLen))
	}
	if strings.ContainsAny(name, "\r\n") {
		return c.fail(hresult.E_INVALIDARG, "bstrFileName contains CR or LF")
	}
	if !w.signedIn {
		return c.fail(hresult.MSGR_E_NOT_LOGGED_ON, "not signed in")
	}
	if r.isSelf(w) {
		return c.fail(hresult.E_FAIL, "called for the signed-in user")
	}
	conv, hr := c.windowFor(r, convExt{})
	if hr != hresult.S_OK {
		return hr
	}
	if name != "" {
		// The transfer is offered: the window shows it as system text, and
		// closing the window now asks the person first.
		conv.mutExt().file = name
		if conv.win.Action() == "" {
			conv.win.StartAction("file transfer")
		}
		conv.history = append(conv.history, message{from: w.user.signin, name: w.user.friendly, at: w.cfg.clock.Now(),
			text: "Offering the file \"" + name + "\".", action: true})
	}
	c.result = dispatchOf(w.marshalLocked(c.cl, conv))
	return hresult.S_OK
}

func hSendText(c *call) hresult.HRESULT {
	w := c.w
	conv := c.self.(*ConversationWnd).obj
	text := c.arg(0)
	if text.NullStr || text.Str == "" {
		return c.fail(hresult.E_INVALIDARG, "bstrTextMessage is NULL or empty: there is nothing to send")
	}
	if !conv.win.Alive() {
		return c.fail(hresult.E_FAIL, "the conversation window is closed")
	}
	if !w.signedIn {
		return c.fail(hresult.E_FAIL, "not signed in to the primary service")
	}
	conv.history = append(conv.history, message{from: w.user.signin, name: w.user.friendly, at: w.cfg.clock.Now(), text: text.Str})
	if conv.win.State() == window.Minimized {
		// Windows does not let the window take the foreground: it flashes
		// in the taskbar; the text is sent all the same.
		return c.fail(hresult.S_FALSE, "the text was sent, but the minimized window could not be brought to the foreground")
	}
	return hresult.S_OK
}

// utf16Len is a BSTR's length for s (characters outside the BMP count two).
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}
