package wire

import (
	"errors"
	"net/http"

	"github.com/fakemessenger/fakemessenger/sim"
)

// Control routes for conversations (issue 7c): participants joining and
// leaving, a participant's message arriving, the person answering
// StartConversation's contact picker, and the call policy.

func init() {
	routes = append(routes,
		route{"POST /v1/control/conversations/join", (*Server).handleJoinConversation},
		route{"POST /v1/control/conversations/leave", (*Server).handleLeaveConversation},
		route{"POST /v1/control/conversations/receive", (*Server).handleReceiveMessage},
		route{"POST /v1/control/conversations/picker", (*Server).handleContactPicker},
		route{"POST /v1/control/calls/policy", (*Server).handleCallPolicy},
	)
}

// conversationError is personError, with a malformed participant and an
// absent contact picker as the caller's mistakes they are.
func conversationError(err error) *httpError {
	switch {
	case errors.Is(err, sim.ErrBadParticipant):
		return badRequest("%v", err)
	case errors.Is(err, sim.ErrNoContactPicker):
		return errorf(http.StatusConflict, "conflict", "%v", err)
	}
	return personError(err)
}

type participantRequest struct {
	Object     *string `json:"object"`
	SigninName *string `json:"signinName"`
}

func (s *Server) handleJoinConversation(w http.ResponseWriter, r *http.Request) {
	control(s, w, r, func(e *worldEntry, req *participantRequest) *httpError {
		obj, herr := e.object(req.Object)
		if herr != nil {
			return herr
		}
		name, herr := required(req.SigninName, "signinName")
		if herr != nil {
			return herr
		}
		return conversationError(e.world.Person().JoinConversation(obj, name))
	})
}

func (s *Server) handleLeaveConversation(w http.ResponseWriter, r *http.Request) {
	control(s, w, r, func(e *worldEntry, req *participantRequest) *httpError {
		obj, herr := e.object(req.Object)
		if herr != nil {
			return herr
		}
		name, herr := required(req.SigninName, "signinName")
		if herr != nil {
			return herr
		}
		return conversationError(e.world.Person().LeaveConversation(obj, name))
	})
}

type receiveRequest struct {
	Object     *string `json:"object"`
	SigninName *string `json:"signinName"`
	Text       *string `json:"text"`
}

// handleReceiveMessage is windows/say with "from" spelt as the issue asks:
// a participant's message arriving.
func (s *Server) handleReceiveMessage(w http.ResponseWriter, r *http.Request) {
	control(s, w, r, func(e *worldEntry, req *receiveRequest) *httpError {
		obj, herr := e.object(req.Object)
		if herr != nil {
			return herr
		}
		name, herr := required(req.SigninName, "signinName")
		if herr != nil {
			return herr
		}
		if name == "" {
			return badRequest("\"signinName\" is empty")
		}
		text, herr := required(req.Text, "text")
		if herr != nil {
			return herr
		}
		return conversationError(e.world.Person().ReceiveMessage(obj, name, text))
	})
}

type pickerRequest struct {
	Participants *[]string `json:"participants"`
}

func (s *Server) handleContactPicker(w http.ResponseWriter, r *http.Request) {
	control(s, w, r, func(e *worldEntry, req *pickerRequest) *httpError {
		parts, herr := required(req.Participants, "participants")
		if herr != nil {
			return herr
		}
		return conversationError(e.world.Person().AnswerContactPicker(parts))
	})
}

type callPolicyRequest struct {
	Restricted     *bool `json:"restricted"`
	NoPhoneService *bool `json:"noPhoneService"`
}

func (s *Server) handleCallPolicy(w http.ResponseWriter, r *http.Request) {
	control(s, w, r, func(e *worldEntry, req *callPolicyRequest) *httpError {
		restricted, herr := required(req.Restricted, "restricted")
		if herr != nil {
			return herr
		}
		noPhone, herr := required(req.NoPhoneService, "noPhoneService")
		if herr != nil {
			return herr
		}
		e.world.Person().SetCallPolicy(sim.CallPolicy{Restricted: restricted, NoPhoneService: noPhone})
		return nil
	})
}
