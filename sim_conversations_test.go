package fakemessenger_test

import (
	"context"
	"encoding/json"
	"html"
	"strings"
	"testing"

	"github.com/fakemessenger/fakemessenger/client"
	"github.com/fakemessenger/fakemessenger/hresult"
	"github.com/fakemessenger/fakemessenger/model"
	"github.com/fakemessenger/fakemessenger/sim"
)

// Conformance rows for conversations and sign-in (issue 7c):
// IMessengerAdvanced::StartConversation, IMessengerConversationWndAdvanced::
// SendText, IMessenger::StartVoice, Phone and SendFile, participants joining
// and leaving, and the transitional statuses of sign-in. Every row runs
// in-process and over the wire.

// convWorld is the person's side of conversations, on both transports.
type convWorld interface {
	JoinConversation(ctx context.Context, win model.Dispatch, signinName string) error
	LeaveConversation(ctx context.Context, win model.Dispatch, signinName string) error
	ReceiveMessage(ctx context.Context, win model.Dispatch, signinName, text string) error
	AnswerContactPicker(ctx context.Context, participants []string) error
	SetCallPolicy(ctx context.Context, restricted, noPhoneService bool) error
}

func (x *inProcess) JoinConversation(_ context.Context, win model.Dispatch, n string) error {
	return x.p.JoinConversation(win, n)
}
func (x *inProcess) LeaveConversation(_ context.Context, win model.Dispatch, n string) error {
	return x.p.LeaveConversation(win, n)
}
func (x *inProcess) ReceiveMessage(_ context.Context, win model.Dispatch, n, text string) error {
	return x.p.ReceiveMessage(win, n, text)
}
func (x *inProcess) AnswerContactPicker(_ context.Context, parts []string) error {
	return x.p.AnswerContactPicker(parts)
}
func (x *inProcess) SetCallPolicy(_ context.Context, restricted, noPhone bool) error {
	x.p.SetCallPolicy(sim.CallPolicy{Restricted: restricted, NoPhoneService: noPhone})
	return nil
}

func (x *wireWorld) JoinConversation(ctx context.Context, win model.Dispatch, n string) error {
	return x.c.JoinConversation(ctx, win, n)
}
func (x *wireWorld) LeaveConversation(ctx context.Context, win model.Dispatch, n string) error {
	return x.c.LeaveConversation(ctx, win, n)
}
func (x *wireWorld) ReceiveMessage(ctx context.Context, win model.Dispatch, n, text string) error {
	return x.c.ReceiveMessage(ctx, win, n, text)
}
func (x *wireWorld) AnswerContactPicker(ctx context.Context, parts []string) error {
	return x.c.AnswerContactPicker(ctx, parts)
}
func (x *wireWorld) SetCallPolicy(ctx context.Context, restricted, noPhone bool) error {
	return x.c.SetCallPolicy(ctx, restricted, noPhone)
}

// The typed additions, on both transports (the lead embeds them into
// model.Messenger and model.ConversationWnd when merging).
var (
	_ model.MessengerConversations  = (*sim.Messenger)(nil)
	_ model.MessengerConversations  = (*client.Messenger)(nil)
	_ model.ConversationWndAdvanced = (*sim.ConversationWnd)(nil)
	_ model.ConversationWndAdvanced = (*client.ConversationWnd)(nil)
	_ convWorld                     = (*inProcess)(nil)
	_ convWorld                     = (*wireWorld)(nil)
)

func init() {
	rowTables["conversations"] = conversationRows
	withOptions = append(withOptions, conversationOptionRows...)
}

// ---- helpers ----

func conv7(m model.Messenger) model.MessengerConversations { return m.(model.MessengerConversations) }

func sendText(ctx context.Context, win model.ConversationWnd, text string) error {
	return win.(model.ConversationWndAdvanced).SendText(ctx, text)
}

func uris(names ...string) model.Variant {
	vs := make([]model.Variant, len(names))
	for i, n := range names {
		vs[i] = model.BSTR(n)
	}
	return model.Array(vs...)
}

// startConv calls StartConversation, expects S_OK and a VT_I4 HWND, and
// returns the window that OnIMWindowCreated delivered with that HWND.
func startConv(t *testing.T, ctx context.Context, w World, log *eventLog, t7 model.CONVERSATION_TYPE, parts model.Variant, o model.StartConversationOptions) model.ConversationWnd {
	t.Helper()
	m := w.Messenger()
	before := len(log.named(model.OnIMWindowCreated))
	r, err := conv7(m).StartConversation(ctx, t7, parts, o)
	expectHR(t, "StartConversation("+t7.String()+")", err, hresult.S_OK)
	if r.VT != model.VT_I4 || r.Int == 0 {
		t.Fatalf("pvWndHnd = %v, want the window's HWND as VT_I4", r)
	}
	drain(t, ctx, w)
	evs := log.named(model.OnIMWindowCreated)
	if len(evs) != before+1 {
		t.Fatalf("OnIMWindowCreated fired %d times, want once", len(evs)-before)
	}
	win := evs[len(evs)-1].Window()
	if win == nil {
		t.Fatal("OnIMWindowCreated carried no window")
	}
	want(t, "HWND of the created window", int32(r.Int))(win.HWND(ctx))
	return win
}

// convState finds the state of the conversation window with that HWND.
func convState(t *testing.T, ctx context.Context, w World, hwnd int32) sim.StateWindow {
	t.Helper()
	for _, c := range mustState(t, ctx, w).Conversations {
		if c.HWND == hwnd {
			return c
		}
	}
	t.Fatalf("no conversation window %d in the state", hwnd)
	return sim.StateWindow{}
}

func hwndOf(t *testing.T, ctx context.Context, win model.Window) int32 {
	t.Helper()
	return mustInt(t, "HWND", win.HWND, ctx)
}

// worldShape is what a failed call must not change.
func worldShape(t *testing.T, ctx context.Context, w World) string {
	t.Helper()
	st := mustState(t, ctx, w)
	b, err := json.Marshal(struct {
		C      []sim.StateWindow
		P      *sim.StateContactPicker
		Events uint64
	}{st.Conversations, st.ContactPicker, st.Events})
	mustDo(t, "marshal", err)
	return string(b)
}

// expectUnchanged runs a failing call and checks its HRESULT, that it
// raised no event and left the world as it was.
func expectUnchanged(t *testing.T, ctx context.Context, w World, what string, want hresult.HRESULT, call func() error) {
	t.Helper()
	drain(t, ctx, w)
	before := worldShape(t, ctx, w)
	expectHR(t, what, call(), want)
	drain(t, ctx, w)
	if after := worldShape(t, ctx, w); after != before {
		t.Errorf("%s changed the world:\nbefore %s\nafter  %s", what, before, after)
	}
}

func expectPersonFails(t *testing.T, ctx context.Context, w World, what string, call func() error) {
	t.Helper()
	drain(t, ctx, w)
	before := worldShape(t, ctx, w)
	if err := call(); err == nil {
		t.Errorf("%s: succeeded, want an error", what)
	}
	drain(t, ctx, w)
	if after := worldShape(t, ctx, w); after != before {
		t.Errorf("%s changed the world:\nbefore %s\nafter  %s", what, before, after)
	}
}

func historyHas(t *testing.T, ctx context.Context, win model.ConversationWnd, name, text string) {
	t.Helper()
	h := mustString(t, "History", win.History, ctx)
	wantName := `<SPAN id="imsendname">` + html.EscapeString(name) + `</SPAN>`
	wantText := `<DIV id="imcontent">` + html.EscapeString(text) + `</DIV>`
	if !strings.Contains(h, wantName+` <SPAN id="imsendtimestamp">`) || !strings.Contains(h, wantText) {
		t.Errorf("History lacks %s's message %q:\n%s", name, text, h)
	}
}

func statusSequence(evs []model.Event) []string {
	var out []string
	for _, e := range evs {
		switch e.Name {
		case model.OnMyStatusChange:
			out = append(out, e.Status().String())
		case model.OnSignin:
			name, _, _ := strings.Cut(e.HR().String(), " ") // "S_OK (0x00000000)"
			out = append(out, "OnSignin("+name+")")
		}
	}
	return out
}

const docStartConversation = "bb787232 StartConversation"

var allConversationTypes = []model.CONVERSATION_TYPE{model.CONVERSATION_TYPE_IM, model.CONVERSATION_TYPE_PHONE,
	model.CONVERSATION_TYPE_LIVEMEETING, model.CONVERSATION_TYPE_AUDIO, model.CONVERSATION_TYPE_VIDEO, model.CONVERSATION_TYPE_PSTN}

var conversationRows = []conformanceRow{
	// ---- StartConversation ----
	{"StartConversation/IM with sign-in names returns the HWND; the window arrives through OnIMWindowCreated", docStartConversation + "; bb787245 how-to (bare sign-in names); OnIMWindowCreated remarks",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			log := watch(t, ctx, m)
			win := startConv(t, ctx, w, log, model.CONVERSATION_TYPE_IM, uris(jaya, sam),
				model.StartConversationOptions{Subject: model.BSTR("Testing"), ConversationIndex: model.BSTR("1")})
			if got := contactNames(t, ctx, mustContactsOf(t, ctx, win)); strings.Join(got, ",") != jaya+","+sam {
				t.Errorf("participants %v, want jaya and sam", got)
			}
			st := convState(t, ctx, w, hwndOf(t, ctx, win))
			if st.Type != "CONVERSATION_TYPE_IM" || st.Subject != "Testing" || st.Index != "1" || st.Call {
				t.Errorf("state %+v, want an IM window with subject Testing and index 1", st.StateConversation)
			}
			// a two-party IM window is the one InstantMessage finds
			multi := mustIM(t, ctx, m, kim)
			if hwndOf(t, ctx, multi) == hwndOf(t, ctx, win) {
				t.Error("InstantMessage(kim) returned the conversation kim is not in")
			}
		}},
	{"StartConversation/every CONVERSATION_TYPE opens its kind of window", docStartConversation + " ConversationType; reference CONVERSATION_TYPE values",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			log := watch(t, ctx, m)
			for _, ct := range allConversationTypes {
				who := "sip:" + jaya
				if ct == model.CONVERSATION_TYPE_PHONE || ct == model.CONVERSATION_TYPE_PSTN {
					who = "tel:+1-425-555-0100"
				}
				win := startConv(t, ctx, w, log, ct, uris(who), model.StartConversationOptions{})
				st := convState(t, ctx, w, hwndOf(t, ctx, win))
				call := ct == model.CONVERSATION_TYPE_AUDIO || ct == model.CONVERSATION_TYPE_VIDEO || ct == model.CONVERSATION_TYPE_PHONE || ct == model.CONVERSATION_TYPE_PSTN
				if st.Type != ct.String() || st.Call != call || len(st.Participants) != 1 {
					t.Errorf("%v: state %+v", ct, st)
				}
			}
			if n := len(mustState(t, ctx, w).Conversations); n != len(allConversationTypes) {
				t.Errorf("%d windows open, want %d", n, len(allConversationTypes))
			}
		}},
	{"StartConversation/sip:, sips: (any case), bare names and contact objects; other element types ignored", docStartConversation + " vParticipants: 'SIP, TEL or SIPS URIs' or contacts; 'elements of any other type are silently ignored'",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			log := watch(t, ctx, m)
			kc := mustContact(t, ctx, m, kim)
			parts := model.Array(model.BSTR("SIP:Jaya@Contoso.com"), model.BSTR("sips:"+sam), model.Dispatched(kc),
				model.I4(7), model.Bool(true), model.Empty(), model.BSTR(jaya), model.Array(model.BSTR(pat)))
			win := startConv(t, ctx, w, log, model.CONVERSATION_TYPE_IM, parts, model.StartConversationOptions{})
			list := mustContactsOf(t, ctx, win)
			if n := mustCount(t, ctx, list); n != 3 {
				t.Fatalf("%d participants, want 3 (jaya once, sam, kim; the rest ignored)", n)
			}
			c, err := list.Item(ctx, 0)
			expectHR(t, "Item(0)", err, hresult.S_OK)
			want(t, "FriendlyName of the sip: participant", "Jaya Rao")(c.FriendlyName(ctx))
			c2, err := list.Item(ctx, 2)
			expectHR(t, "Item(2)", err, hresult.S_OK)
			if c2.ObjectID() != kc.ObjectID() {
				t.Error("the contact object passed in is not the participant the window lists")
			}
		}},
	{"StartConversation/tel: URIs for phone and PSTN calls", docStartConversation + " 'TEL:123-456-7890'; vConversationData <TelURIs>",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			log := watch(t, ctx, m)
			win := startConv(t, ctx, w, log, model.CONVERSATION_TYPE_PSTN, uris("TEL:123-456-7890", "tel:+14255550100"),
				model.StartConversationOptions{ConversationData: model.BSTR("<TelURIs><TelURI>tel:+14255550100</TelURI></TelURIs>")})
			st := convState(t, ctx, w, hwndOf(t, ctx, win))
			if strings.Join(st.Participants, ",") != "tel:123-456-7890,tel:+14255550100" || !strings.Contains(st.Data, "<TelURIs>") {
				t.Errorf("state %+v", st)
			}
			expectUnchanged(t, ctx, w, "StartConversation(IM, tel:)", hresult.E_INVALIDARG, func() error {
				_, err := conv7(m).StartConversation(ctx, model.CONVERSATION_TYPE_IM, uris("tel:+14255550100"), model.StartConversationOptions{})
				return err
			})
		}},
	{"StartConversation/not exactly one CONVERSATION_TYPE E_INVALIDARG", docStartConversation + " 'only one mode per call' (README decision)",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			for _, ct := range []model.CONVERSATION_TYPE{model.CONVERSATION_TYPE_IM | model.CONVERSATION_TYPE_AUDIO, model.CONVERSATION_TYPE_AUDIO | model.CONVERSATION_TYPE_VIDEO, 0, 64, -1} {
				expectUnchanged(t, ctx, w, "StartConversation("+ct.String()+")", hresult.E_INVALIDARG, func() error {
					_, err := conv7(m).StartConversation(ctx, ct, uris(jaya), model.StartConversationOptions{})
					return err
				})
			}
		}},
	{"StartConversation/a single BSTR instead of an array DISP_E_TYPEMISMATCH", docStartConversation + " vParticipants is an array; a sample passing one string hit a type error (README decision)",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			for _, v := range []model.Variant{model.BSTR(jaya), model.I4(1), model.Dispatched(mustContact(t, ctx, m, jaya)), model.Bool(true)} {
				expectUnchanged(t, ctx, w, "StartConversation("+v.String()+")", hresult.DISP_E_TYPEMISMATCH, func() error {
					_, err := conv7(m).StartConversation(ctx, model.CONVERSATION_TYPE_IM, v, model.StartConversationOptions{})
					return err
				})
			}
			expectUnchanged(t, ctx, w, "StartConversation(subject VT_I4)", hresult.DISP_E_TYPEMISMATCH, func() error {
				_, err := conv7(m).StartConversation(ctx, model.CONVERSATION_TYPE_IM, uris(jaya), model.StartConversationOptions{Subject: model.I4(3)})
				return err
			})
		}},
	{"StartConversation/malformed participants E_INVALIDARG", docStartConversation + " 'BSTRs must be SIP, TEL or SIPS URIs' (README decision)",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			mainWin := mustMainWindow(t, ctx, m)
			bad := []model.Variant{
				uris("mailto:" + jaya), uris("sip:"), uris("sips:nobody"), uris("tel:"), uris("jaya"), uris(" " + jaya),
				uris(name130), uris("jaya@contoso.com\r\n"), model.Array(model.NullBSTR()),
				model.Array(model.Dispatched(nil)), model.Array(model.Dispatched(mainWin)),
			}
			for _, v := range bad {
				expectUnchanged(t, ctx, w, "StartConversation("+v.String()+")", hresult.E_INVALIDARG, func() error {
					_, err := conv7(m).StartConversation(ctx, model.CONVERSATION_TYPE_PHONE, v, model.StartConversationOptions{})
					return err
				})
			}
			// a released contact is a stale object: E_INVALIDARG, as InstantMessage answers it
			c := mustContact(t, ctx, m, pat)
			mustDo(t, "Release", c.Release(ctx))
			expectUnchanged(t, ctx, w, "StartConversation(released contact)", hresult.E_INVALIDARG, func() error {
				_, err := conv7(m).StartConversation(ctx, model.CONVERSATION_TYPE_IM, model.Array(model.Dispatched(c)), model.StartConversationOptions{})
				return err
			})
		}},
	{"StartConversation/signed out MSGR_E_NOT_LOGGED_ON", docStartConversation + " (README decision: as InstantMessage)",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			mustDo(t, "sign out", w.SignOut(ctx))
			expectUnchanged(t, ctx, w, "StartConversation signed out", hresult.MSGR_E_NOT_LOGGED_ON, func() error {
				_, err := conv7(m).StartConversation(ctx, model.CONVERSATION_TYPE_IM, uris(jaya), model.StartConversationOptions{})
				return err
			})
			expectUnchanged(t, ctx, w, "StartConversation signed out, no participants", hresult.MSGR_E_NOT_LOGGED_ON, func() error {
				_, err := conv7(m).StartConversation(ctx, model.CONVERSATION_TYPE_IM, model.Empty(), model.StartConversationOptions{})
				return err
			})
		}},
	{"StartConversation/the signed-in user as a participant E_FAIL", docStartConversation + " (README decision: as InstantMessage for yourself)",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			expectUnchanged(t, ctx, w, "StartConversation(self)", hresult.E_FAIL, func() error {
				_, err := conv7(m).StartConversation(ctx, model.CONVERSATION_TYPE_IM, uris(jaya, "sip:"+strings.ToUpper(alex)), model.StartConversationOptions{})
				return err
			})
		}},
	{"StartConversation/calls while policy forbids them MSGR_E_POLICY_RESTRICTED", docStartConversation + " (README decision: StartVoice's bb787248 code for every call type)",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			cw := w.(convWorld)
			mustDo(t, "SetCallPolicy", cw.SetCallPolicy(ctx, true, false))
			for _, ct := range []model.CONVERSATION_TYPE{model.CONVERSATION_TYPE_AUDIO, model.CONVERSATION_TYPE_VIDEO, model.CONVERSATION_TYPE_PHONE, model.CONVERSATION_TYPE_PSTN} {
				expectUnchanged(t, ctx, w, "StartConversation("+ct.String()+") restricted", hresult.MSGR_E_POLICY_RESTRICTED, func() error {
					_, err := conv7(m).StartConversation(ctx, ct, uris(jaya), model.StartConversationOptions{})
					return err
				})
			}
			log := watch(t, ctx, m)
			startConv(t, ctx, w, log, model.CONVERSATION_TYPE_IM, uris(jaya), model.StartConversationOptions{})
			startConv(t, ctx, w, log, model.CONVERSATION_TYPE_LIVEMEETING, uris(sam), model.StartConversationOptions{})
		}},
	{"StartConversation/no participants opens the contact picker; the person's choice opens the window", docStartConversation + " 'If no participants are supplied, Communicator shows a contact picker'",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			cw := w.(convWorld)
			log := watch(t, ctx, m)
			r, err := conv7(m).StartConversation(ctx, model.CONVERSATION_TYPE_VIDEO, model.Empty(), model.StartConversationOptions{Subject: model.BSTR("Review")})
			expectHR(t, "StartConversation(no participants)", err, hresult.S_OK)
			if r.VT != model.VT_EMPTY {
				t.Errorf("pvWndHnd = %v while the person chooses, want VT_EMPTY", r)
			}
			st := mustState(t, ctx, w)
			if st.ContactPicker == nil || st.ContactPicker.Type != "CONVERSATION_TYPE_VIDEO" || st.ContactPicker.Subject != "Review" || len(st.Conversations) != 0 {
				t.Fatalf("state after StartConversation: picker %+v, %d windows", st.ContactPicker, len(st.Conversations))
			}
			// again while it is up: S_FALSE, brought to the front, arguments ignored
			expectUnchanged(t, ctx, w, "StartConversation with the picker open", hresult.S_FALSE, func() error {
				_, err := conv7(m).StartConversation(ctx, model.CONVERSATION_TYPE_IM, model.Array(), model.StartConversationOptions{Subject: model.BSTR("other")})
				return err
			})
			expectNoEvents(t, ctx, w, log, "opening the contact picker")
			mustDo(t, "person picks jaya and kim", cw.AnswerContactPicker(ctx, []string{jaya, "sip:" + kim}))
			drain(t, ctx, w)
			evs := log.named(model.OnIMWindowCreated)
			if len(evs) != 1 {
				t.Fatalf("OnIMWindowCreated fired %d times, want once", len(evs))
			}
			win := evs[0].Window()
			if got := contactNames(t, ctx, mustContactsOf(t, ctx, win)); len(got) != 2 {
				t.Errorf("participants %v, want jaya and kim", got)
			}
			st = mustState(t, ctx, w)
			if st.ContactPicker != nil || len(st.Conversations) != 1 || st.Conversations[0].Type != "CONVERSATION_TYPE_VIDEO" || st.Conversations[0].Subject != "Review" {
				t.Errorf("state after the answer: picker %+v, windows %+v", st.ContactPicker, st.Conversations)
			}
			if err := cw.AnswerContactPicker(ctx, []string{sam}); err == nil {
				t.Error("answering a picker that is not open succeeded")
			}
		}},
	{"StartConversation/the person cancels the contact picker: nothing opens", docStartConversation + " contact picker",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			cw := w.(convWorld)
			log := watch(t, ctx, m)
			_, err := conv7(m).StartConversation(ctx, model.CONVERSATION_TYPE_IM, model.Null(), model.StartConversationOptions{})
			expectHR(t, "StartConversation(VT_NULL)", err, hresult.S_OK)
			expectPersonFails(t, ctx, w, "answering with a malformed name", func() error { return cw.AnswerContactPicker(ctx, []string{"not a name"}) })
			expectPersonFails(t, ctx, w, "answering with the user", func() error { return cw.AnswerContactPicker(ctx, []string{alex}) })
			mustDo(t, "person cancels", cw.AnswerContactPicker(ctx, nil))
			if st := mustState(t, ctx, w); st.ContactPicker != nil || len(st.Conversations) != 0 {
				t.Errorf("after cancelling: picker %+v, %d windows", st.ContactPicker, len(st.Conversations))
			}
			expectNoEvents(t, ctx, w, log, "a cancelled contact picker")
			// signing out takes an open picker with it
			_, err = conv7(m).StartConversation(ctx, model.CONVERSATION_TYPE_IM, model.Array(model.I4(1)), model.StartConversationOptions{})
			expectHR(t, "StartConversation(only ignored elements)", err, hresult.S_OK)
			mustDo(t, "sign out", w.SignOut(ctx))
			if st := mustState(t, ctx, w); st.ContactPicker != nil {
				t.Error("the contact picker outlived the sign-out")
			}
		}},
	{"StartConversation/Not scriptable E_NOTIMPL", "bb787232 'Not scriptable'",
		func(t *testing.T, w World) {
			ctx := rowCtx(t)
			s := mustNewMessenger(t, ctx, w, model.CallerScript)
			expectUnchanged(t, ctx, w, "StartConversation (script)", hresult.E_NOTIMPL, func() error {
				_, err := conv7(s).StartConversation(ctx, model.CONVERSATION_TYPE_IM, uris(jaya), model.StartConversationOptions{})
				return err
			})
		}},

	// ---- SendText ----
	{"SendText/the text shows in History and the state", "bb758731 SendText S_OK; History's imsendname, imsendtimestamp, imcontent",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			log := watch(t, ctx, m)
			win := startConv(t, ctx, w, log, model.CONVERSATION_TYPE_IM, uris(jaya), model.StartConversationOptions{})
			expectHR(t, "SendText", sendText(ctx, win, "Build <42> is green & deployed"), hresult.S_OK)
			historyHas(t, ctx, win, "Alex Wilber", "Build <42> is green & deployed")
			st := convState(t, ctx, w, hwndOf(t, ctx, win))
			if len(st.History) != 1 || st.History[0].From != alex || st.History[0].Text != "Build <42> is green & deployed" || st.Messages != 1 {
				t.Errorf("state history %+v", st.History)
			}
			// over InstantMessage's window too: it presents the advanced interface
			im := mustIM(t, ctx, m, sam)
			expectHR(t, "SendText on an InstantMessage window", sendText(ctx, im, "hi"), hresult.S_OK)
			historyHas(t, ctx, im, "Alex Wilber", "hi")
		}},
	{"SendText/closed window E_FAIL", "bb758731 E_FAIL 'the conversation window is closed'",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			win := mustIM(t, ctx, m, jaya)
			mustDo(t, "person closes", w.CloseWindow(ctx, win))
			expectUnchanged(t, ctx, w, "SendText on a closed window", hresult.E_FAIL, func() error { return sendText(ctx, win, "hello") })
		}},
	{"SendText/not signed in E_FAIL", "bb758731 E_FAIL 'not signed in to the primary service'",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			win := mustIM(t, ctx, m, jaya)
			mustDo(t, "sign out", w.SignOut(ctx))
			expectUnchanged(t, ctx, w, "SendText signed out", hresult.E_FAIL, func() error { return sendText(ctx, win, "hello") })
		}},
	{"SendText/a minimized window cannot come to the foreground S_FALSE", "bb758731 S_FALSE 'the window could not be brought to the foreground' (README decision: minimized by the person)",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			win := mustIM(t, ctx, m, jaya)
			mustDo(t, "person minimizes", w.MinimizeWindow(ctx, win))
			expectHR(t, "SendText minimized", sendText(ctx, win, "still sent"), hresult.S_FALSE)
			historyHas(t, ctx, win, "Alex Wilber", "still sent")
			if st := convState(t, ctx, w, hwndOf(t, ctx, win)); st.State != "minimized" {
				t.Errorf("window state %q, want still minimized", st.State)
			}
			expectHR(t, "Show", win.Show(ctx), hresult.S_OK)
			expectHR(t, "SendText after Show", sendText(ctx, win, "now in front"), hresult.S_OK)
		}},
	{"SendText/bad input: NULL or empty text E_INVALIDARG, wrong types DISP_E_TYPEMISMATCH, released window RPC_E_DISCONNECTED", "bb758731 (README decision for empty text); IDispatch argument checks",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			win := mustIM(t, ctx, m, jaya)
			expectUnchanged(t, ctx, w, "SendText(\"\")", hresult.E_INVALIDARG, func() error { return sendText(ctx, win, "") })
			for _, v := range []model.Variant{model.NullBSTR()} {
				expectUnchanged(t, ctx, w, "SendText("+v.String()+")", hresult.E_INVALIDARG, func() error {
					_, err := win.Invoke(ctx, "SendText", model.DISPATCH_METHOD, v)
					return err
				})
			}
			// VT_I4 and VT_EMPTY convert to a string (VariantChangeType); an array or an object without a default member does not.
			for _, v := range []model.Variant{uris("a"), model.Dispatched(win)} {
				expectUnchanged(t, ctx, w, "SendText("+v.String()+")", hresult.DISP_E_TYPEMISMATCH, func() error {
					_, err := win.Invoke(ctx, "SendText", model.DISPATCH_METHOD, v)
					return err
				})
			}
			expectUnchanged(t, ctx, w, "SendText()", hresult.DISP_E_BADPARAMCOUNT, func() error {
				_, err := win.Invoke(ctx, "SendText", model.DISPATCH_METHOD)
				return err
			})
			mustDo(t, "Release", win.Release(ctx))
			expectUnchanged(t, ctx, w, "SendText on a released window", hresult.RPC_E_DISCONNECTED, func() error { return sendText(ctx, win, "x") })
		}},
	{"SendText/Not scriptable E_NOTIMPL", "bb758731 'Not scriptable'",
		func(t *testing.T, w World) {
			ctx := rowCtx(t)
			s := mustNewMessenger(t, ctx, w, model.CallerScript)
			win := mustIM(t, ctx, s, jaya)
			expectUnchanged(t, ctx, w, "SendText (script)", hresult.E_NOTIMPL, func() error { return sendText(ctx, win, "x") })
		}},

	// ---- StartVoice ----
	{"StartVoice/opens a voice window, which takes no added contacts", "bb787248 StartVoice S_OK; bb787244 AddContact MSGR_E_SESSION_FULL 'hosting a voice or video conversation'",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			log := watch(t, ctx, m)
			win, err := conv7(m).StartVoice(ctx, model.BSTR(jaya))
			expectHR(t, "StartVoice", err, hresult.S_OK)
			drain(t, ctx, w)
			if n := len(log.named(model.OnIMWindowCreated)); n != 1 {
				t.Errorf("OnIMWindowCreated fired %d times", n)
			}
			st := convState(t, ctx, w, hwndOf(t, ctx, win))
			if st.Type != "CONVERSATION_TYPE_AUDIO" || !st.Call {
				t.Errorf("state %+v, want an audio call", st.StateConversation)
			}
			expectUnchanged(t, ctx, w, "AddContact on the voice window", hresult.MSGR_E_SESSION_FULL, func() error { return win.AddContact(ctx, model.BSTR(sam)) })
			expectPersonFails(t, ctx, w, "a participant joining the voice window", func() error { return w.(convWorld).JoinConversation(ctx, win, sam) })
			// video windows too
			vwin := startConv(t, ctx, w, log, model.CONVERSATION_TYPE_VIDEO, uris(kim), model.StartConversationOptions{})
			expectUnchanged(t, ctx, w, "AddContact on a video window", hresult.MSGR_E_SESSION_FULL, func() error { return vwin.AddContact(ctx, model.BSTR(sam)) })
		}},
	{"StartVoice/the open window with the contact takes the call", "bb787248 remarks: an existing conversation window with the contact is reused",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			im := mustIM(t, ctx, m, jaya)
			log := watch(t, ctx, m)
			win, err := conv7(m).StartVoice(ctx, model.Dispatched(mustContact(t, ctx, m, jaya)))
			expectHR(t, "StartVoice", err, hresult.S_OK)
			if win.ObjectID() != im.ObjectID() {
				t.Error("StartVoice did not return the open window")
			}
			expectNoEvents(t, ctx, w, log, "StartVoice on an open window")
			expectHR(t, "AddContact once it hosts the call", im.AddContact(ctx, model.BSTR(sam)), hresult.MSGR_E_SESSION_FULL)
		}},
	{"StartVoice/bad vContact E_INVALIDARG", "bb787248 E_INVALIDARG (NULL, wrong type, NULL string, leading space, > 129 characters, CR/LF)",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			for _, v := range []model.Variant{model.Empty(), model.Null(), model.I4(1), model.NullBSTR(), model.BSTR(" " + jaya), model.BSTR(name130),
				model.BSTR("a\nb@c.com"), uris(jaya), model.Dispatched(nil), model.Dispatched(mustMainWindow(t, ctx, m))} {
				expectUnchanged(t, ctx, w, "StartVoice("+v.String()+")", hresult.E_INVALIDARG, func() error {
					_, err := conv7(m).StartVoice(ctx, v)
					return err
				})
			}
		}},
	{"StartVoice/signed out, yourself, policy", "bb787248 MSGR_E_NOT_LOGGED_ON, E_FAIL (yourself), MSGR_E_POLICY_RESTRICTED",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			expectUnchanged(t, ctx, w, "StartVoice(yourself)", hresult.E_FAIL, func() error {
				_, err := conv7(m).StartVoice(ctx, model.BSTR(alex))
				return err
			})
			mustDo(t, "SetCallPolicy", w.(convWorld).SetCallPolicy(ctx, true, false))
			expectUnchanged(t, ctx, w, "StartVoice restricted", hresult.MSGR_E_POLICY_RESTRICTED, func() error {
				_, err := conv7(m).StartVoice(ctx, model.BSTR(jaya))
				return err
			})
			mustDo(t, "sign out", w.SignOut(ctx))
			expectUnchanged(t, ctx, w, "StartVoice signed out", hresult.MSGR_E_NOT_LOGGED_ON, func() error {
				_, err := conv7(m).StartVoice(ctx, model.BSTR(jaya))
				return err
			})
		}},
	{"StartVoice/E_OUTOFMEMORY by fault; Not scriptable E_NOTIMPL", "bb787248 E_OUTOFMEMORY 'internal object copy failed'; 'Not scriptable'",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			mustDo(t, "InjectFault", w.InjectFault(ctx, sim.Fault{Member: "StartVoice", HR: hresult.E_OUTOFMEMORY, Times: 1}))
			expectUnchanged(t, ctx, w, "StartVoice with the fault", hresult.E_OUTOFMEMORY, func() error {
				_, err := conv7(m).StartVoice(ctx, model.BSTR(jaya))
				return err
			})
			s := mustNewMessenger(t, ctx, w, model.CallerScript)
			expectUnchanged(t, ctx, w, "StartVoice (script)", hresult.E_NOTIMPL, func() error {
				_, err := conv7(s).StartVoice(ctx, model.BSTR(jaya))
				return err
			})
		}},

	// ---- Phone ----
	{"Phone/opens the Phone Call dialog; again S_FALSE with the latest number", "Phone (OC mirror 5ce30156; WM im-imessenger-phone) S_OK, S_FALSE 'Phone Call dialog already open'",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			log := watch(t, ctx, m)
			win, err := conv7(m).Phone(ctx, model.BSTR(jaya), model.MPHONE_TYPE_WORK, model.BSTR("+1 425 555 0100"))
			expectHR(t, "Phone", err, hresult.S_OK)
			st := convState(t, ctx, w, hwndOf(t, ctx, win))
			if !st.PhoneDialog || st.Number != "+1 425 555 0100" || st.PhoneType != "MPHONE_TYPE_WORK" || st.Type != "CONVERSATION_TYPE_PHONE" {
				t.Errorf("state %+v", st.StateConversation)
			}
			again, err := conv7(m).Phone(ctx, model.BSTR(sam), model.MPHONE_TYPE_MOBILE, model.NullBSTR())
			expectHR(t, "Phone again", err, hresult.S_FALSE)
			if again == nil || again.ObjectID() != win.ObjectID() {
				t.Error("the second Phone did not return the open dialog")
			}
			if st := convState(t, ctx, w, hwndOf(t, ctx, win)); st.Number != "" || st.PhoneType != "MPHONE_TYPE_MOBILE" {
				t.Errorf("after the second Phone the dialog shows %q (%s), want the latest (blank, mobile)", st.Number, st.PhoneType)
			}
			drain(t, ctx, w)
			if n := len(log.named(model.OnIMWindowCreated)); n != 1 {
				t.Errorf("OnIMWindowCreated fired %d times, want once", n)
			}
			// the dialog is no IM window: InstantMessage(jaya) opens one of its own
			if im := mustIM(t, ctx, m, jaya); im.ObjectID() == win.ObjectID() {
				t.Error("InstantMessage returned the Phone Call dialog")
			}
		}},
	{"Phone/bad arguments E_INVALIDARG", "Phone E_INVALIDARG (vContact; phone type out of range; bstrNumber over 256 characters)",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			cases := []struct {
				c  model.Variant
				pt model.MPHONE_TYPE
				n  model.Variant
			}{
				{model.Empty(), model.MPHONE_TYPE_HOME, model.BSTR("1")},
				{model.BSTR(" x@y.com"), model.MPHONE_TYPE_HOME, model.BSTR("1")},
				{model.BSTR(jaya), model.MPHONE_TYPE_ALL, model.BSTR("1")},
				{model.BSTR(jaya), 4, model.BSTR("1")},
				{model.BSTR(jaya), model.MPHONE_TYPE_HOME, model.BSTR(strings.Repeat("1", 257))},
			}
			for _, x := range cases {
				expectUnchanged(t, ctx, w, "Phone("+x.c.String()+", "+x.pt.String()+")", hresult.E_INVALIDARG, func() error {
					_, err := conv7(m).Phone(ctx, x.c, x.pt, x.n)
					return err
				})
			}
			_, err := conv7(m).Phone(ctx, model.BSTR(jaya), model.MPHONE_TYPE_HOME, model.BSTR(strings.Repeat("1", 256)))
			expectHR(t, "Phone with a 256-character number", err, hresult.S_OK)
			expectUnchanged(t, ctx, w, "Phone(number VT_ARRAY)", hresult.DISP_E_TYPEMISMATCH, func() error {
				_, err := m.Invoke(ctx, "Phone", model.DISPATCH_METHOD, model.BSTR(jaya), model.I4(0), uris("5"))
				return err
			})
		}},
	{"Phone/yourself E_FAIL, no phone service, policy, signed out", "Phone E_FAIL (yourself), MSGR_E_PHONESERVICE_UNAVAILABLE, MSGR_E_POLICY_RESTRICTED, MSGR_E_NOT_LOGGED_ON",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			cw := w.(convWorld)
			call := func() error {
				_, err := conv7(m).Phone(ctx, model.BSTR(jaya), model.MPHONE_TYPE_WORK, model.BSTR("100"))
				return err
			}
			expectUnchanged(t, ctx, w, "Phone(yourself)", hresult.E_FAIL, func() error {
				_, err := conv7(m).Phone(ctx, model.BSTR("sip:"+alex), model.MPHONE_TYPE_WORK, model.BSTR("100"))
				return err
			})
			mustDo(t, "no phone service", cw.SetCallPolicy(ctx, false, true))
			expectUnchanged(t, ctx, w, "Phone without phone service", hresult.MSGR_E_PHONESERVICE_UNAVAILABLE, call)
			mustDo(t, "restricted", cw.SetCallPolicy(ctx, true, false))
			expectUnchanged(t, ctx, w, "Phone restricted", hresult.MSGR_E_POLICY_RESTRICTED, call)
			mustDo(t, "sign out", w.SignOut(ctx))
			expectUnchanged(t, ctx, w, "Phone signed out", hresult.MSGR_E_NOT_LOGGED_ON, call)
			s := mustNewMessenger(t, ctx, w, model.CallerScript)
			expectUnchanged(t, ctx, w, "Phone (script)", hresult.E_NOTIMPL, func() error {
				_, err := conv7(s).Phone(ctx, model.BSTR(jaya), model.MPHONE_TYPE_WORK, model.BSTR("100"))
				return err
			})
		}},

	// ---- SendFile ----
	{"SendFile/offers the file in a window: system text, and closing asks first", "WM im-imessenger-sendfile S_OK; remarks (window reused; status as system text)",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			im := mustIM(t, ctx, m, jaya)
			win, err := conv7(m).SendFile(ctx, model.BSTR(jaya), `C:\Reports\q3.xlsx`)
			expectHR(t, "SendFile", err, hresult.S_OK)
			if win.ObjectID() != im.ObjectID() {
				t.Error("SendFile did not reuse the open window")
			}
			st := convState(t, ctx, w, hwndOf(t, ctx, win))
			if st.File != `C:\Reports\q3.xlsx` || st.Action == "" || len(st.History) != 1 || !st.History[0].System {
				t.Errorf("state %+v", st)
			}
			if h := mustString(t, "History", win.History, ctx); !strings.Contains(h, "q3.xlsx") {
				t.Errorf("History does not show the offer: %s", h)
			}
			log := watch(t, ctx, m)
			other, err := conv7(m).SendFile(ctx, model.BSTR(sam), "")
			expectHR(t, "SendFile to sam, no name", err, hresult.S_OK)
			drain(t, ctx, w)
			if n := len(log.named(model.OnIMWindowCreated)); n != 1 || other.ObjectID() == win.ObjectID() {
				t.Errorf("SendFile to sam: %d windows created, want a new one", n)
			}
		}},
	{"SendFile/bad arguments E_INVALIDARG; signed out; yourself", "WM im-imessenger-sendfile E_INVALIDARG (name > 260, CR/LF, vContact), MSGR_E_NOT_LOGGED_ON, E_FAIL (yourself)",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			for _, x := range []struct {
				c    model.Variant
				name string
			}{{model.BSTR(jaya), strings.Repeat("f", 261)}, {model.BSTR(jaya), "a\r\nb.txt"}, {model.NullBSTR(), "a.txt"}, {model.I4(3), "a.txt"}} {
				expectUnchanged(t, ctx, w, "SendFile("+x.c.String()+")", hresult.E_INVALIDARG, func() error {
					_, err := conv7(m).SendFile(ctx, x.c, x.name)
					return err
				})
			}
			_, err := conv7(m).SendFile(ctx, model.BSTR(jaya), strings.Repeat("f", 260))
			expectHR(t, "SendFile with a 260-character name", err, hresult.S_OK)
			expectUnchanged(t, ctx, w, "SendFile(yourself)", hresult.E_FAIL, func() error {
				_, err := conv7(m).SendFile(ctx, model.BSTR(alex), "a.txt")
				return err
			})
			mustDo(t, "sign out", w.SignOut(ctx))
			expectUnchanged(t, ctx, w, "SendFile signed out", hresult.MSGR_E_NOT_LOGGED_ON, func() error {
				_, err := conv7(m).SendFile(ctx, model.BSTR(jaya), "a.txt")
				return err
			})
		}},

	// ---- participants join and leave; messages arrive ----
	{"Conversation/a participant joins: OnIMWindowContactAdded, Contacts and History follow", "OnIMWindowContactAdded (OC mirror 797cd15f)",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			cw := w.(convWorld)
			win := mustIM(t, ctx, m, jaya)
			list := mustContactsOf(t, ctx, win)
			log := watch(t, ctx, m)
			mustDo(t, "pat joins", cw.JoinConversation(ctx, win, "sip:"+pat))
			drain(t, ctx, w)
			evs := log.named(model.OnIMWindowContactAdded)
			if len(evs) != 1 || evs[0].Window().ObjectID() != win.ObjectID() {
				t.Fatalf("OnIMWindowContactAdded %v", eventNames(evs))
			}
			want(t, "joined contact", "sip:"+pat)(evs[0].Contact().SigninName(ctx))
			if got := contactNames(t, ctx, list); strings.Join(got, ",") != jaya+",sip:"+pat {
				t.Errorf("Contacts %v", got)
			}
			if h := mustString(t, "History", win.History, ctx); !strings.Contains(h, "has joined the conversation") {
				t.Errorf("History does not show the join: %s", h)
			}
			for _, bad := range []string{jaya, alex, "not a name", "tel:+1555"} {
				expectPersonFails(t, ctx, w, "joining "+bad, func() error { return cw.JoinConversation(ctx, win, bad) })
			}
		}},
	{"Conversation/a participant leaves: OnIMWindowContactRemoved, Contacts and History follow", "OnIMWindowContactRemoved bb758802",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			cw := w.(convWorld)
			log := watch(t, ctx, m)
			win := startConv(t, ctx, w, log, model.CONVERSATION_TYPE_IM, uris(jaya, sam), model.StartConversationOptions{})
			list := mustContactsOf(t, ctx, win)
			mustDo(t, "sam leaves", cw.LeaveConversation(ctx, win, strings.ToUpper(sam)))
			drain(t, ctx, w)
			evs := log.named(model.OnIMWindowContactRemoved)
			if len(evs) != 1 || evs[0].Window().ObjectID() != win.ObjectID() {
				t.Fatalf("OnIMWindowContactRemoved %v", eventNames(evs))
			}
			want(t, "removed contact", sam)(evs[0].Contact().SigninName(ctx))
			if got := contactNames(t, ctx, list); strings.Join(got, ",") != jaya {
				t.Errorf("Contacts %v, want jaya alone", got)
			}
			if h := mustString(t, "History", win.History, ctx); !strings.Contains(h, "Sam Lee has left the conversation.") {
				t.Errorf("History does not show the leaving: %s", h)
			}
			expectPersonFails(t, ctx, w, "sam leaving again", func() error { return cw.LeaveConversation(ctx, win, sam) })
			// the last one leaves: the window stays, empty
			mustDo(t, "jaya leaves", cw.LeaveConversation(ctx, win, jaya))
			if n := mustCount(t, ctx, list); n != 0 {
				t.Errorf("%d participants after everyone left", n)
			}
			want(t, "IsClosed", false)(win.IsClosed(ctx))
			mustDo(t, "sam joins again", cw.JoinConversation(ctx, win, sam))
			mustDo(t, "person closes", w.CloseWindow(ctx, win))
			expectPersonFails(t, ctx, w, "leaving a closed window", func() error { return cw.LeaveConversation(ctx, win, sam) })
		}},
	{"Conversation/a participant's message arrives in History", "History (bb758818): imsendname, imcontent; the control route conversations/receive",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			cw := w.(convWorld)
			win := mustIM(t, ctx, m, jaya)
			mustDo(t, "jaya says", cw.ReceiveMessage(ctx, win, "SIP:JAYA@contoso.com", "on my way"))
			historyHas(t, ctx, win, "Jaya Rao", "on my way")
			mustDo(t, "jaya says, named by a sips: URI", cw.ReceiveMessage(ctx, win, "sips:"+jaya, "2 minutes"))
			historyHas(t, ctx, win, "Jaya Rao", "2 minutes")
			if st := convState(t, ctx, w, hwndOf(t, ctx, win)); len(st.History) != 2 || st.History[0].From != jaya {
				t.Errorf("state history %+v", st.History)
			}
			expectPersonFails(t, ctx, w, "a message from a non-participant", func() error { return cw.ReceiveMessage(ctx, win, sam, "hi") })
			mustDo(t, "sign out", w.SignOut(ctx))
			expectPersonFails(t, ctx, w, "a message into a closed window", func() error { return cw.ReceiveMessage(ctx, win, jaya, "hi") })
		}},

	// ---- sign-in: transitional statuses ----
	{"Signin/reports each transitional status through OnMyStatusChange, then OnSignin", "OnMyStatusChange bb787240 remarks: each transitional state has its own event; Signin bb787261",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			mustDo(t, "sign out", w.SignOut(ctx))
			log := watch(t, ctx, m)
			expectHR(t, "Signin", m.Signin(ctx, 0, "", ""), hresult.S_OK)
			drain(t, ctx, w)
			wantSeq := "MISTATUS_LOCAL_FINDING_SERVER,MISTATUS_LOCAL_CONNECTING_TO_SERVER,OnSignin(S_OK),MISTATUS_LOCAL_SYNCHRONIZING_WITH_SERVER,MISTATUS_ONLINE"
			if got := strings.Join(statusSequence(log.events()), ","); got != wantSeq {
				t.Errorf("sequence %s\nwant     %s", got, wantSeq)
			}
			// the person signing in sees the same
			mustDo(t, "sign out", w.SignOut(ctx))
			log2 := watch(t, ctx, m)
			mustDo(t, "person signs in", w.SignIn(ctx))
			drain(t, ctx, w)
			if got := strings.Join(statusSequence(log2.events()), ","); got != wantSeq {
				t.Errorf("person sign-in sequence %s", got)
			}
		}},
	{"AutoSignin/a server name that cannot be resolved fails before connecting", "OnSignin bb758806 MSGR_E_INVALID_SERVER_NAME 'the request never reached a server'",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			mustDo(t, "sign out", w.SignOut(ctx))
			mustDo(t, "FailNextSignin", w.FailNextSignin(ctx, hresult.MSGR_E_INVALID_SERVER_NAME))
			log := watch(t, ctx, m)
			expectHR(t, "AutoSignin", m.AutoSignin(ctx), hresult.S_OK)
			drain(t, ctx, w)
			wantSeq := "MISTATUS_LOCAL_FINDING_SERVER,OnSignin(MSGR_E_INVALID_SERVER_NAME),MISTATUS_OFFLINE"
			if got := strings.Join(statusSequence(log.events()), ","); got != wantSeq {
				t.Errorf("sequence %s\nwant     %s", got, wantSeq)
			}
			expectMyStatus(t, ctx, m, model.MISTATUS_OFFLINE)
		}},
	{"Signout/reports LOCAL_DISCONNECTING_FROM_SERVER before OnSignout", "Signout bb787258 remarks",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			log := watch(t, ctx, m)
			expectHR(t, "Signout", m.Signout(ctx), hresult.S_OK)
			drain(t, ctx, w)
			if got := strings.Join(eventNames(log.events()), ","); got != "OnMyStatusChange,OnSignout,OnMyStatusChange" {
				t.Errorf("events %s", got)
			}
			if got := strings.Join(statusSequence(log.events()), ","); got != "MISTATUS_LOCAL_DISCONNECTING_FROM_SERVER,MISTATUS_OFFLINE" {
				t.Errorf("statuses %s", got)
			}
		}},
}

func mustContactsOf(t *testing.T, ctx context.Context, win model.ConversationWnd) model.Contacts {
	t.Helper()
	list, err := win.Contacts(ctx)
	expectHR(t, "Contacts", err, hresult.S_OK)
	return list
}

// conversationScenario has two windows open at the start.
func conversationScenario() sim.Scenario {
	s := sim.DefaultScenario()
	s.Conversations = []sim.ScenarioConversation{
		{Participants: []string{jaya}, Subject: "Standup", History: []sim.ScenarioMessage{
			{From: jaya, Text: "morning"}, {Text: "hi Jaya"}}},
		{Type: "CONVERSATION_TYPE_AUDIO", Participants: []string{"sip:" + sam, pat}, Minimized: true},
	}
	return s
}

var conversationOptionRows = []struct {
	conformanceRow
	opts []sim.Option
}{
	{conformanceRow{"StartConversation/no window handle E_FAIL", docStartConversation + " (README decision: InstantMessage's 'could not get window handle')",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			mustIM(t, ctx, m, jaya) // the main window holds the other handle
			expectUnchanged(t, ctx, w, "StartConversation over the quota", hresult.E_FAIL, func() error {
				_, err := conv7(m).StartConversation(ctx, model.CONVERSATION_TYPE_IM, uris(sam), model.StartConversationOptions{})
				return err
			})
			expectUnchanged(t, ctx, w, "StartVoice over the quota", hresult.E_FAIL, func() error {
				_, err := conv7(m).StartVoice(ctx, model.BSTR(sam))
				return err
			})
			expectUnchanged(t, ctx, w, "Phone over the quota", hresult.E_FAIL, func() error {
				_, err := conv7(m).Phone(ctx, model.BSTR(sam), model.MPHONE_TYPE_HOME, model.BSTR("1"))
				return err
			})
			// the open window is still reused
			_, err := conv7(m).StartVoice(ctx, model.BSTR(jaya))
			expectHR(t, "StartVoice on the open window at the quota", err, hresult.S_OK)
		}}, []sim.Option{sim.WithHandleQuota(2)}},
	{conformanceRow{"Scenario/conversations open at the start with their participants and history", "issue 7 §4 scenarios seed the contents of conversations",
		func(t *testing.T, w World) {
			ctx, m := rowCtx(t), w.Messenger()
			st := mustState(t, ctx, w)
			if len(st.Conversations) != 2 {
				t.Fatalf("%d windows open, want 2", len(st.Conversations))
			}
			// sam is on the list: "sip:sam@..." is that contact, spelt as the list spells it
			a, b := st.Conversations[0], st.Conversations[1]
			if a.Subject != "Standup" || len(a.History) != 2 || a.History[0].Name != "Jaya Rao" || a.History[1].From != alex {
				t.Errorf("first window %+v", a)
			}
			if b.Type != "CONVERSATION_TYPE_AUDIO" || !b.Call || b.State != "minimized" || strings.Join(b.Participants, ",") != sam+","+pat {
				t.Errorf("second window %+v", b)
			}
			log := watch(t, ctx, m)
			win := mustIM(t, ctx, m, jaya)
			expectNoEvents(t, ctx, w, log, "InstantMessage finding the scenario's window")
			want(t, "HWND of the scenario window", a.HWND)(win.HWND(ctx))
			historyHas(t, ctx, win, "Jaya Rao", "morning")
			historyHas(t, ctx, win, "Alex Wilber", "hi Jaya")
		}}, []sim.Option{sim.WithScenario(conversationScenario())}},
}
