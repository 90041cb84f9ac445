package wire

import (
	"errors"
	"net/http"
	"time"

	"github.com/fakemessenger/fakemessenger/hresult"
	"github.com/fakemessenger/fakemessenger/model"
	"github.com/fakemessenger/fakemessenger/sim"
)

// Control routes of the contacts area: the person changing the contact
// list, names, phones, e-mail, blocks and presence, and answering the
// Communicator dialogs the API opens. Each is one sim.Person call.

func init() {
	routes = append(routes,
		route{"POST /v1/control/contacts", (*Server).handleAddContact},
		route{"POST /v1/control/contacts/remove", (*Server).handleRemoveContact},
		route{"POST /v1/control/contacts/rename", (*Server).handleRenameContact},
		route{"POST /v1/control/contacts/block", (*Server).handleBlockContact},
		route{"POST /v1/control/contacts/phone", (*Server).handleContactPhone},
		route{"POST /v1/control/contacts/email", (*Server).handleContactEmail},
		route{"POST /v1/control/contacts/presence", (*Server).handleContactPresence},
		route{"POST /v1/control/contacts/fail-next", (*Server).handleFailNextContactRequest},
		route{"POST /v1/control/me/friendly-name", (*Server).handleMyFriendlyName},
		route{"POST /v1/control/me/phone", (*Server).handleMyPhone},
		route{"POST /v1/control/me/email", (*Server).handleMyEmail},
		route{"POST /v1/control/dialogs", (*Server).handleOpenUIDialog},
		route{"POST /v1/control/dialogs/finish", (*Server).handleFinishUIDialog},
		route{"POST /v1/control/dialogs/cancel", (*Server).handleCancelUIDialog},
	)
}

// contactError maps what the person could not do: a bad value is the
// caller's mistake (400), a name or dialog that is not there 404, the
// rest the world's state (409).
func contactError(err error) *httpError {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, sim.ErrBadValue):
		return badRequest("%v", err)
	case errors.Is(err, sim.ErrUnknownContact):
		return errorf(http.StatusNotFound, "unknown-contact", "%v", err)
	case errors.Is(err, sim.ErrNoUIDialog):
		return errorf(http.StatusNotFound, "unknown-dialog", "%v", err)
	}
	return errorf(http.StatusConflict, "conflict", "%v", err)
}

func optional(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

type addContactRequest struct {
	SigninName   *string `json:"signinName"`
	FriendlyName *string `json:"friendlyName"`
}

func (s *Server) handleAddContact(w http.ResponseWriter, r *http.Request) {
	control(s, w, r, func(e *worldEntry, req *addContactRequest) *httpError {
		name, herr := required(req.SigninName, "signinName")
		if herr != nil {
			return herr
		}
		return contactError(e.world.Person().AddContact(name, optional(req.FriendlyName)))
	})
}

type signinNameRequest struct {
	SigninName *string `json:"signinName"`
}

func (s *Server) handleRemoveContact(w http.ResponseWriter, r *http.Request) {
	control(s, w, r, func(e *worldEntry, req *signinNameRequest) *httpError {
		name, herr := required(req.SigninName, "signinName")
		if herr != nil {
			return herr
		}
		return contactError(e.world.Person().RemoveContact(name))
	})
}

func (s *Server) handleRenameContact(w http.ResponseWriter, r *http.Request) {
	control(s, w, r, func(e *worldEntry, req *addContactRequest) *httpError {
		name, herr := required(req.SigninName, "signinName")
		if herr != nil {
			return herr
		}
		friendly, herr := required(req.FriendlyName, "friendlyName")
		if herr != nil {
			return herr
		}
		return contactError(e.world.Person().RenameContact(name, friendly))
	})
}

type blockRequest struct {
	SigninName *string `json:"signinName"`
	Blocked    *bool   `json:"blocked"`
}

func (s *Server) handleBlockContact(w http.ResponseWriter, r *http.Request) {
	control(s, w, r, func(e *worldEntry, req *blockRequest) *httpError {
		name, herr := required(req.SigninName, "signinName")
		if herr != nil {
			return herr
		}
		blocked, herr := required(req.Blocked, "blocked")
		if herr != nil {
			return herr
		}
		return contactError(e.world.Person().BlockContact(name, blocked))
	})
}

type phoneRequest struct {
	SigninName *string `json:"signinName"`
	PhoneType  *string `json:"phoneType"`
	Number     *string `json:"number"`
}

func parsePhone(req *phoneRequest) (model.MPHONE_TYPE, string, *httpError) {
	ts, herr := required(req.PhoneType, "phoneType")
	if herr != nil {
		return 0, "", herr
	}
	t, ok := model.ParseMPHONE_TYPE(ts)
	if !ok {
		return 0, "", badRequest("%q is not an MPHONE_TYPE", ts)
	}
	number, herr := required(req.Number, "number")
	return t, number, herr
}

func (s *Server) handleContactPhone(w http.ResponseWriter, r *http.Request) {
	control(s, w, r, func(e *worldEntry, req *phoneRequest) *httpError {
		name, herr := required(req.SigninName, "signinName")
		if herr != nil {
			return herr
		}
		t, number, herr := parsePhone(req)
		if herr != nil {
			return herr
		}
		return contactError(e.world.Person().SetContactPhone(name, t, number))
	})
}

func (s *Server) handleMyPhone(w http.ResponseWriter, r *http.Request) {
	control(s, w, r, func(e *worldEntry, req *phoneRequest) *httpError {
		if req.SigninName != nil {
			return badRequest("\"signinName\" is not taken here: the number is the user's own")
		}
		t, number, herr := parsePhone(req)
		if herr != nil {
			return herr
		}
		return contactError(e.world.Person().SetMyPhone(t, number))
	})
}

type emailRequest struct {
	SigninName *string `json:"signinName"`
	Email      *string `json:"email"`
}

func (s *Server) handleContactEmail(w http.ResponseWriter, r *http.Request) {
	control(s, w, r, func(e *worldEntry, req *emailRequest) *httpError {
		name, herr := required(req.SigninName, "signinName")
		if herr != nil {
			return herr
		}
		email, herr := required(req.Email, "email")
		if herr != nil {
			return herr
		}
		return contactError(e.world.Person().SetContactEmail(name, email))
	})
}

func (s *Server) handleMyEmail(w http.ResponseWriter, r *http.Request) {
	control(s, w, r, func(e *worldEntry, req *emailRequest) *httpError {
		if req.SigninName != nil {
			return badRequest("\"signinName\" is not taken here: the e-mail is the user's own")
		}
		email, herr := required(req.Email, "email")
		if herr != nil {
			return herr
		}
		return contactError(e.world.Person().SetMyEmail(email))
	})
}

type friendlyNameRequest struct {
	FriendlyName *string `json:"friendlyName"`
}

func (s *Server) handleMyFriendlyName(w http.ResponseWriter, r *http.Request) {
	control(s, w, r, func(e *worldEntry, req *friendlyNameRequest) *httpError {
		friendly, herr := required(req.FriendlyName, "friendlyName")
		if herr != nil {
			return herr
		}
		return contactError(e.world.Person().SetMyFriendlyName(friendly))
	})
}

// presenceRequest changes a contact's presence; absent fields stay.
type presenceRequest struct {
	SigninName        *string    `json:"signinName"`
	Status            *string    `json:"status"`
	Availability      *int32     `json:"availability"`
	Note              *string    `json:"note"`
	OutOfOffice       *string    `json:"outOfOffice"`
	ToolTip           *string    `json:"toolTip"`
	CustomStatus      *string    `json:"customStatus"`
	CalendarState     *string    `json:"calendarState"`
	NextCalendarState *string    `json:"nextCalendarState"`
	NextCalendarTime  *time.Time `json:"nextCalendarTime"`
}

func (s *Server) handleContactPresence(w http.ResponseWriter, r *http.Request) {
	control(s, w, r, func(e *worldEntry, req *presenceRequest) *httpError {
		name, herr := required(req.SigninName, "signinName")
		if herr != nil {
			return herr
		}
		pr := sim.Presence{Availability: req.Availability, Note: req.Note, OutOfOffice: req.OutOfOffice,
			ToolTip: req.ToolTip, CustomStatus: req.CustomStatus, NextCalendarTime: req.NextCalendarTime}
		if req.Status != nil {
			st, herr := parseStatus(req.Status)
			if herr != nil {
				return herr
			}
			pr.Status = &st
		}
		for _, f := range []struct {
			dst  **model.CALENDAR_STATE
			v    *string
			name string
		}{{&pr.CalendarState, req.CalendarState, "calendarState"}, {&pr.NextCalendar, req.NextCalendarState, "nextCalendarState"}} {
			if f.v == nil {
				continue
			}
			c, ok := model.ParseCALENDAR_STATE(*f.v)
			if !ok {
				return badRequest("%q: %q is not a CALENDAR_STATE", f.name, *f.v)
			}
			*f.dst = &c
		}
		return contactError(e.world.Person().SetContactPresence(name, pr))
	})
}

type contactFaultRequest struct {
	HResult *string `json:"hresult"`
}

func (s *Server) handleFailNextContactRequest(w http.ResponseWriter, r *http.Request) {
	control(s, w, r, func(e *worldEntry, req *contactFaultRequest) *httpError {
		v, herr := required(req.HResult, "hresult")
		if herr != nil {
			return herr
		}
		hr, err := hresult.Parse(v)
		if err != nil {
			return badRequest("%q is not an HRESULT", v)
		}
		return contactError(e.world.Person().FailNextContactRequest(hr))
	})
}

type openDialogRequest struct {
	Kind *string `json:"kind"`
}

type dialogIDReply struct {
	ID int `json:"id"`
}

// handleOpenUIDialog is the person opening a dialog; the reply names it.
func (s *Server) handleOpenUIDialog(w http.ResponseWriter, r *http.Request) {
	e, herr := s.worldFor(r)
	if herr != nil {
		writeHTTPError(w, herr)
		return
	}
	var req openDialogRequest
	if herr := readJSON(w, r, &req); herr != nil {
		writeHTTPError(w, herr)
		return
	}
	kind, herr := required(req.Kind, "kind")
	if herr != nil {
		writeHTTPError(w, herr)
		return
	}
	id, err := e.world.Person().OpenUIDialog(kind)
	if herr := contactError(err); herr != nil {
		writeHTTPError(w, herr)
		return
	}
	writeJSON(w, http.StatusOK, dialogIDReply{ID: id})
}

type finishDialogRequest struct {
	ID     *int              `json:"id"`
	Values map[string]string `json:"values"`
}

func (s *Server) handleFinishUIDialog(w http.ResponseWriter, r *http.Request) {
	control(s, w, r, func(e *worldEntry, req *finishDialogRequest) *httpError {
		id, herr := required(req.ID, "id")
		if herr != nil {
			return herr
		}
		return contactError(e.world.Person().FinishUIDialog(id, req.Values))
	})
}

type cancelDialogRequest struct {
	ID *int `json:"id"`
}

func (s *Server) handleCancelUIDialog(w http.ResponseWriter, r *http.Request) {
	control(s, w, r, func(e *worldEntry, req *cancelDialogRequest) *httpError {
		id, herr := required(req.ID, "id")
		if herr != nil {
			return herr
		}
		return contactError(e.world.Person().CancelUIDialog(id))
	})
}
