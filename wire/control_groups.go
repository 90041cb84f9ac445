package wire

import (
	"errors"
	"net/http"

	"github.com/fakemessenger/fakemessenger/sim"
)

// Control routes of issue 7a: the person's group actions and mail.

func init() {
	routes = append(routes,
		route{"POST /v1/control/groups", (*Server).handleCreateGroup},
		route{"POST /v1/control/groups/rename", (*Server).handleRenameGroup},
		route{"POST /v1/control/groups/delete", (*Server).handleDeleteGroup},
		route{"POST /v1/control/groups/add-contact", (*Server).handleAddContactToGroup},
		route{"POST /v1/control/groups/remove-contact", (*Server).handleRemoveContactFromGroup},
		route{"POST /v1/control/groups/move-contact", (*Server).handleMoveContactToGroup},
		route{"POST /v1/control/email/unread", (*Server).handleUnreadEmail},
	)
}

// groupError maps a group action's failure: an unknown group is 404, the
// rest (signed out, a name already taken, a bad name) is the world's
// state, 409.
func groupError(err error) *httpError {
	if errors.Is(err, sim.ErrNoSuchGroup) {
		return errorf(http.StatusNotFound, "unknown-group", "%v", err)
	}
	return personError(err)
}

type groupRequest struct {
	Name    *string `json:"name"`
	NewName *string `json:"newName"`
}

func (s *Server) handleCreateGroup(w http.ResponseWriter, r *http.Request) {
	control(s, w, r, func(e *worldEntry, req *groupRequest) *httpError {
		name, herr := required(req.Name, "name")
		if herr != nil {
			return herr
		}
		return groupError(e.world.Person().CreateGroup(name))
	})
}

func (s *Server) handleRenameGroup(w http.ResponseWriter, r *http.Request) {
	control(s, w, r, func(e *worldEntry, req *groupRequest) *httpError {
		name, herr := required(req.Name, "name")
		if herr != nil {
			return herr
		}
		newName, herr := required(req.NewName, "newName")
		if herr != nil {
			return herr
		}
		return groupError(e.world.Person().RenameGroup(name, newName))
	})
}

func (s *Server) handleDeleteGroup(w http.ResponseWriter, r *http.Request) {
	control(s, w, r, func(e *worldEntry, req *groupRequest) *httpError {
		name, herr := required(req.Name, "name")
		if herr != nil {
			return herr
		}
		return groupError(e.world.Person().DeleteGroup(name))
	})
}

type groupMemberRequest struct {
	Group      *string `json:"group"`
	From       *string `json:"from"`
	To         *string `json:"to"`
	SigninName *string `json:"signinName"`
}

func (s *Server) groupMember(w http.ResponseWriter, r *http.Request, act func(p *sim.Person, group, name string) error) {
	control(s, w, r, func(e *worldEntry, req *groupMemberRequest) *httpError {
		group, herr := required(req.Group, "group")
		if herr != nil {
			return herr
		}
		name, herr := required(req.SigninName, "signinName")
		if herr != nil {
			return herr
		}
		return groupError(act(e.world.Person(), group, name))
	})
}

func (s *Server) handleAddContactToGroup(w http.ResponseWriter, r *http.Request) {
	s.groupMember(w, r, (*sim.Person).AddContactToGroup)
}

func (s *Server) handleRemoveContactFromGroup(w http.ResponseWriter, r *http.Request) {
	s.groupMember(w, r, (*sim.Person).RemoveContactFromGroup)
}

func (s *Server) handleMoveContactToGroup(w http.ResponseWriter, r *http.Request) {
	control(s, w, r, func(e *worldEntry, req *groupMemberRequest) *httpError {
		from, herr := required(req.From, "from")
		if herr != nil {
			return herr
		}
		to, herr := required(req.To, "to")
		if herr != nil {
			return herr
		}
		name, herr := required(req.SigninName, "signinName")
		if herr != nil {
			return herr
		}
		return groupError(e.world.Person().MoveContactToGroup(from, to, name))
	})
}

type unreadRequest struct {
	Count *int32 `json:"count"`
}

func (s *Server) handleUnreadEmail(w http.ResponseWriter, r *http.Request) {
	control(s, w, r, func(e *worldEntry, req *unreadRequest) *httpError {
		n, herr := required(req.Count, "count")
		if herr != nil {
			return herr
		}
		if n < 0 {
			return badRequest("\"count\" must not be negative")
		}
		return personError(e.world.Person().SetUnreadEmailCount(n))
	})
}
