package sim

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"unicode/utf16"

	"github.com/fakemessenger/fakemessenger/hresult"
	"github.com/fakemessenger/fakemessenger/model"
)

// Communicator dialogs on the desktop. Some members only open UI (the Add
// a Contact wizard, the tuning wizard, a mail window); what happens next
// is the person's. The world keeps a list of the dialogs open, State shows
// it, and the person finishes or cancels each. Kinds register how a
// finish changes the world, so other members can open dialogs of their own.

// UIDialog is one open dialog: its kind and what it was opened with.
type UIDialog struct {
	ID   int               `json:"id"`
	Kind string            `json:"kind"`
	Args map[string]string `json:"args,omitempty"`
}

// The dialog kinds of this file.
const (
	DialogAddContact  = "addContact"  // Add a Contact wizard (IMessenger::AddContact)
	DialogFindContact = "findContact" // the same wizard on its search page (FindContact)
	DialogProfile     = "profile"     // a browser on a contact's profile (ViewProfile)
	DialogMediaWizard = "mediaWizard" // Audio and Video Tuning Wizard (MediaWizard)
	DialogMail        = "mail"        // a new e-mail message (SendMail)
	DialogOptions     = "options"     // Tools > Options, opened by the person
	DialogSignIn      = "signin"      // the Sign In dialog, opened by the person
)

// UIDialogKind says how a kind of dialog behaves.
type UIDialogKind struct {
	// PersonCanOpen: the person can open it from the UI (Person.OpenUIDialog).
	PersonCanOpen bool
	// Finish runs, with the world locked, when the person completes the
	// dialog with values; an error leaves the dialog open. Nil: finishing
	// only closes it.
	Finish func(w *World, d *UIDialog, values map[string]string) error
}

var uiDialogKinds = map[string]*UIDialogKind{}

// RegisterUIDialog declares a dialog kind. Call it from an init.
func RegisterUIDialog(kind string, k UIDialogKind) {
	if _, dup := uiDialogKinds[kind]; dup {
		panic("sim: dialog kind " + kind + " registered twice")
	}
	uiDialogKinds[kind] = &k
}

type uiDialogs struct {
	open []*UIDialog
	next int
}

func (u *uiDialogs) snapshot() []UIDialog {
	out := make([]UIDialog, 0, len(u.open))
	for _, d := range u.open {
		out = append(out, UIDialog{ID: d.ID, Kind: d.Kind, Args: maps.Clone(d.Args)})
	}
	return out
}

// find returns the first open dialog of any of the kinds.
func (u *uiDialogs) find(kinds ...string) *UIDialog {
	for _, d := range u.open {
		if slices.Contains(kinds, d.Kind) {
			return d
		}
	}
	return nil
}

func (u *uiDialogs) byID(id int) (*UIDialog, int) {
	for i, d := range u.open {
		if d.ID == id {
			return d, i
		}
	}
	return nil, -1
}

// openUIDialogLocked puts a dialog on the desktop.
func (w *World) openUIDialogLocked(kind string, args map[string]string) *UIDialog {
	w.ui.next++
	d := &UIDialog{ID: w.ui.next, Kind: kind, Args: args}
	w.ui.open = append(w.ui.open, d)
	return d
}

// ErrNoUIDialog: no open dialog has that ID.
var ErrNoUIDialog = errors.New("no such dialog is open")

// UIDialogs lists the open dialogs, oldest first.
func (p *Person) UIDialogs() []UIDialog {
	p.w.mu.Lock()
	defer p.w.mu.Unlock()
	return p.w.ui.snapshot()
}

// OpenUIDialog is the person opening a dialog from the Communicator UI
// (Tools > Options, the Sign In dialog, the wizards); it returns its ID.
func (p *Person) OpenUIDialog(kind string) (int, error) {
	w := p.w
	w.mu.Lock()
	defer w.mu.Unlock()
	k, ok := uiDialogKinds[kind]
	if !ok || !k.PersonCanOpen {
		return 0, fmt.Errorf("%w: %q is not a dialog the person can open", ErrBadValue, kind)
	}
	if d := w.ui.find(kind); d != nil && kind != DialogProfile && kind != DialogMail {
		return 0, fmt.Errorf("a %s dialog is already open (id %d)", kind, d.ID)
	}
	return w.openUIDialogLocked(kind, nil).ID, nil
}

// FinishUIDialog is the person completing a dialog (Finish, OK, Send)
// with the values they entered; the kind decides what changes. On an
// error the dialog stays open, as a wizard that shows a problem does.
func (p *Person) FinishUIDialog(id int, values map[string]string) error {
	w := p.w
	w.mu.Lock()
	defer w.mu.Unlock()
	d, i := w.ui.byID(id)
	if d == nil {
		return fmt.Errorf("dialog %d: %w", id, ErrNoUIDialog)
	}
	if k := uiDialogKinds[d.Kind]; k != nil && k.Finish != nil {
		if err := k.Finish(w, d, values); err != nil {
			return err
		}
	}
	w.ui.open = slices.Delete(w.ui.open, i, i+1)
	return nil
}

// CancelUIDialog is the person cancelling or closing a dialog: nothing changes.
func (p *Person) CancelUIDialog(id int) error {
	w := p.w
	w.mu.Lock()
	defer w.mu.Unlock()
	_, i := w.ui.byID(id)
	if i < 0 {
		return fmt.Errorf("dialog %d: %w", id, ErrNoUIDialog)
	}
	w.ui.open = slices.Delete(w.ui.open, i, i+1)
	return nil
}

// finishAddContact: the wizard's last page. The person may correct the
// name the program passed; a name that cannot be added keeps the wizard up.
func finishAddContact(w *World, d *UIDialog, values map[string]string) error {
	name := values["signinName"]
	if name == "" {
		name = d.Args["signinName"]
	}
	if pr := model.CheckSigninName(name); pr != model.ProblemNone {
		return fmt.Errorf("%w: the wizard cannot add %q: %s", ErrBadValue, name, pr)
	}
	if !w.signedIn {
		return fmt.Errorf("the wizard cannot reach the server: %w", ErrNotSignedIn)
	}
	w.addContactLocked(name, values["friendlyName"])
	return nil
}

func init() {
	RegisterUIDialog(DialogAddContact, UIDialogKind{PersonCanOpen: true, Finish: finishAddContact})
	RegisterUIDialog(DialogFindContact, UIDialogKind{PersonCanOpen: true, Finish: func(w *World, d *UIDialog, values map[string]string) error {
		if values["signinName"] == "" {
			return fmt.Errorf("%w: pick a search result: \"signinName\" is required", ErrBadValue)
		}
		return finishAddContact(w, d, values)
	}})
	RegisterUIDialog(DialogProfile, UIDialogKind{})
	RegisterUIDialog(DialogMediaWizard, UIDialogKind{PersonCanOpen: true})
	RegisterUIDialog(DialogMail, UIDialogKind{})
	RegisterUIDialog(DialogOptions, UIDialogKind{PersonCanOpen: true})
	RegisterUIDialog(DialogSignIn, UIDialogKind{PersonCanOpen: true})

	register(model.IMessenger, map[string]handler{
		"AddContact":  hAddContactWizard,
		"FindContact": hFindContact,
		"ViewProfile": hViewProfile,
		"MediaWizard": hMediaWizard,
		"SendMail":    hSendMail,
	})
}

// otherUIActive answers the MSGR_E_*_UI_ACTIVE code of a dialog that
// keeps a wizard from opening, checked in this order.
func (c *call) otherUIActive(contactUI bool) hresult.HRESULT {
	u := &c.w.ui
	switch {
	case contactUI && u.find(DialogAddContact, DialogFindContact) != nil:
		return c.fail(hresult.MSGR_E_CONTACT_UI_ACTIVE, "the Add a Contact wizard is open")
	case !contactUI && u.find(DialogMediaWizard) != nil:
		return c.fail(hresult.MSGR_E_AUDIO_UI_ACTIVE, "the Audio and Video Tuning Wizard is open")
	case u.find(DialogSignIn) != nil:
		return c.fail(hresult.MSGR_E_LOGON_UI_ACTIVE, "the Sign In dialog is open")
	case u.find(DialogOptions) != nil:
		return c.fail(hresult.MSGR_E_OPTION_UI_ACTIVE, "the Options dialog is open")
	}
	return hresult.S_OK
}

var _ = document(model.IMessenger, "AddContact",
	cond(hresult.S_OK, ByState, "the wizard opens (the contact is added when the person finishes it: OnContactListAdd)", "bb787209"),
	cond(hresult.E_INVALIDARG, ByArgs, "bstrEMail has invalid characters, more than 129 characters, or CR/LF", "bb787209"),
	cond(hresult.S_FALSE, ByState, "the Add a Contact wizard is already displayed", "bb787209"),
	cond(hresult.MSGR_E_AUDIO_UI_ACTIVE, ByState, "the Audio and Video Tuning Wizard is open", "bb787209"),
	cond(hresult.MSGR_E_OPTION_UI_ACTIVE, ByState, "the Options dialog is open", "bb787209"),
	cond(hresult.MSGR_E_LOGON_UI_ACTIVE, ByState, "the Sign In dialog is open", "bb787209"),
	cond(hresult.E_FAIL, ByFault, "an unspecified internal error", "bb787209"),
	cond(hresult.E_OUTOFMEMORY, ByFault, "memory could not be allocated", "bb787209"),
	cond(hresult.E_NOTIMPL, ByCaller, "a script caller (Not scriptable)", "bb787209"),
)

func hAddContactWizard(c *call) hresult.HRESULT {
	a := c.arg(1)
	name := ""
	if !a.NullStr && a.Str != "" {
		// NULL or empty: the wizard starts on its first page and asks.
		// A name that is no address is the wizard's to point out.
		if p := model.CheckSigninName(a.Str); p != model.ProblemNone && p < model.ProblemNoAt {
			return c.fail(hresult.E_INVALIDARG, "bstrEMail "+p.String())
		}
		name = a.Str
	}
	if c.w.ui.find(DialogAddContact, DialogFindContact) != nil {
		return c.fail(hresult.S_FALSE, "the Add a Contact wizard is already displayed: brought to the front, arguments ignored")
	}
	if hr := c.otherUIActive(false); hr != hresult.S_OK {
		return hr
	}
	args := map[string]string{}
	if name != "" {
		args["signinName"] = name
	}
	c.w.openUIDialogLocked(DialogAddContact, args)
	return hresult.S_OK
}

var _ = document(model.IMessenger, "FindContact",
	cond(hresult.S_OK, ByState, "the wizard opens on its search page", "winmessenger/im-imessenger-findcontact"),
	cond(hresult.E_INVALIDARG, ByArgs, "a NULL first or last name, a string over 63 characters, a non-string city/state/country, or a country with CR, LF or characters above 126", "winmessenger/im-imessenger-findcontact"),
	cond(hresult.S_FALSE, ByState, "the wizard is already displayed", "winmessenger/im-imessenger-findcontact"),
	cond(hresult.MSGR_E_NOT_LOGGED_ON, ByState, "not signed in", "winmessenger/im-imessenger-findcontact"),
	cond(hresult.MSGR_E_AUDIO_UI_ACTIVE, ByState, "the Audio and Video Tuning Wizard is open", "winmessenger/im-imessenger-findcontact"),
	cond(hresult.MSGR_E_LOGON_UI_ACTIVE, ByState, "the Sign In dialog is open", "winmessenger/im-imessenger-findcontact"),
	cond(hresult.MSGR_E_OPTION_UI_ACTIVE, ByState, "the Options dialog is open (the page spells it OPTIONS)", "winmessenger/im-imessenger-findcontact"),
	cond(hresult.E_FAIL, ByFault, "an unspecified failure", "winmessenger/im-imessenger-findcontact"),
	cond(hresult.E_NOTIMPL, ByCaller, "a script caller (Not scriptable)", "bb758788"),
)

// maxFindField is FindContact's limit for every string (63 characters).
const maxFindField = 63

func bstrLen(s string) int { return len(utf16.Encode([]rune(s))) }

func hFindContact(c *call) hresult.HRESULT {
	args := map[string]string{}
	for i, name := range []string{"firstName", "lastName"} {
		a := c.arg(1 + i)
		if a.NullStr {
			return c.fail(hresult.E_INVALIDARG, name+" is a NULL string")
		}
		if bstrLen(a.Str) > maxFindField {
			return c.fail(hresult.E_INVALIDARG, name+" is longer than 63 characters")
		}
		args[name] = a.Str
	}
	for i, name := range []string{"city", "state", "country"} {
		a := c.arg(3 + i)
		if isNothing(a) {
			continue
		}
		if a.VT != model.VT_BSTR {
			return c.fail(hresult.E_INVALIDARG, name+" is "+a.VT.String()+", not a string")
		}
		if bstrLen(a.Str) > maxFindField {
			return c.fail(hresult.E_INVALIDARG, name+" is longer than 63 characters")
		}
		if name == "country" {
			for _, r := range a.Str {
				if r == '\r' || r == '\n' || r > 126 {
					return c.fail(hresult.E_INVALIDARG, "country contains CR, LF or a character above 126")
				}
			}
		}
		args[name] = a.Str
	}
	if !c.w.signedIn {
		return c.fail(hresult.MSGR_E_NOT_LOGGED_ON, "not signed in")
	}
	if c.w.ui.find(DialogAddContact, DialogFindContact) != nil {
		return c.fail(hresult.S_FALSE, "the wizard is already displayed: brought to the front, arguments ignored")
	}
	if hr := c.otherUIActive(false); hr != hresult.S_OK {
		return hr
	}
	c.w.openUIDialogLocked(DialogFindContact, args)
	return hresult.S_OK
}

var _ = document(model.IMessenger, "MediaWizard",
	cond(hresult.S_OK, ByState, "the wizard opens, or is open already, also offline", "winmessenger/im-imessenger-mediawizard"),
	cond(hresult.MSGR_E_CONTACT_UI_ACTIVE, ByState, "the Add a Contact or Find a Contact wizard is open", "winmessenger/im-imessenger-mediawizard"),
	cond(hresult.MSGR_E_LOGON_UI_ACTIVE, ByState, "the Sign In dialog is open", "winmessenger/im-imessenger-mediawizard"),
	cond(hresult.MSGR_E_OPTION_UI_ACTIVE, ByState, "the Options dialog is open", "winmessenger/im-imessenger-mediawizard"),
	cond(hresult.E_FAIL, ByFault, "the dialog could not be created", "winmessenger/im-imessenger-mediawizard"),
)

func hMediaWizard(c *call) hresult.HRESULT {
	if c.w.ui.find(DialogMediaWizard) != nil {
		c.reason = "the wizard is already open"
		return hresult.S_OK // "only one wizard at a time; repeated calls return S_OK"
	}
	if hr := c.otherUIActive(true); hr != hresult.S_OK {
		return hr
	}
	c.w.openUIDialogLocked(DialogMediaWizard, nil)
	return hresult.S_OK
}

var _ = document(model.IMessenger, "ViewProfile",
	cond(hresult.S_OK, ByState, "a browser opens on the contact's profile", "winmessenger/im-imessenger-viewprofile"),
	cond(hresult.E_INVALIDARG, ByArgs, "vContact NULL, the wrong type, a NULL or empty string, a leading space, over 129 characters, or CR/LF", "winmessenger/im-imessenger-viewprofile"),
	cond(hresult.MSGR_E_NOT_LOGGED_ON, ByState, "not signed in", "winmessenger/im-imessenger-viewprofile"),
	cond(hresult.E_FAIL, ByFault, "an unspecified failure", "winmessenger/im-imessenger-viewprofile"),
)

func hViewProfile(c *call) hresult.HRESULT {
	r, hr := c.resolveContactArg(c.arg(0))
	if hr != hresult.S_OK {
		return hr
	}
	if !c.w.signedIn {
		return c.fail(hresult.MSGR_E_NOT_LOGGED_ON, "not signed in")
	}
	c.w.openUIDialogLocked(DialogProfile, map[string]string{"signinName": r.name})
	return hresult.S_OK
}

var _ = document(model.IMessenger, "SendMail",
	cond(hresult.S_OK, ByState, "a new message opens, addressed to the contact's sign-in name", "winmessenger/im-imessenger-sendmail"),
	cond(hresult.E_INVALIDARG, ByArgs, "vContact NULL, the wrong type, a NULL or empty string, a leading space, over 129 characters, or CR/LF", "winmessenger/im-imessenger-sendmail"),
	cond(hresult.MSGR_E_NOT_LOGGED_ON, ByState, "not signed in", "winmessenger/im-imessenger-sendmail"),
)

func hSendMail(c *call) hresult.HRESULT {
	r, hr := c.resolveContactArg(c.arg(0))
	if hr != hresult.S_OK {
		return hr
	}
	if !c.w.signedIn {
		return c.fail(hresult.MSGR_E_NOT_LOGGED_ON, "not signed in")
	}
	to := r.name
	if r.obj != nil {
		to = r.obj.signin
	}
	c.w.openUIDialogLocked(DialogMail, map[string]string{"to": to})
	return hresult.S_OK
}
