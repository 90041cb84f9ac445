package wire

import (
	"net/http"

	"github.com/fakemessenger/fakemessenger/model"
)

// The type information a late-bound client needs to tell `obj.Name` (a
// property get) from `obj.Name(...)` (a method call), as pywin32 reads it
// from ITypeInfo: GET /v1/interfaces/{name} lists an interface's members
// from model.MembersOf, and DMessengerEvents' events from model.Events, so
// the answer follows the model's table as it grows. It is the same for
// every world, read-only and never journaled.

// The route registers itself here rather than in server.go's table, so
// the type-information endpoint lives in one file.
func init() {
	routes = append(routes, route{"GET /v1/interfaces/{name}", (*Server).handleInterface})
}

// EventInterface is the name under which the event table is served.
const EventInterface = "DMessengerEvents"

type paramInfo struct {
	Name     string `json:"name"`
	VT       string `json:"vt"`
	Optional bool   `json:"optional"`
}

type memberInfo struct {
	Name        string      `json:"name"`
	DISPID      int32       `json:"dispid"`
	Kinds       []string    `json:"kinds"`
	ScriptKinds []string    `json:"scriptKinds"`
	Params      []paramInfo `json:"params"`
	PutVT       string      `json:"putVt,omitempty"`
	Simulated   bool        `json:"simulated"`
}

type eventInfo struct {
	Name   string   `json:"name"`
	DISPID int32    `json:"dispid"`
	Params []string `json:"params"`
}

type interfaceInfo struct {
	Interface string       `json:"interface"`
	Members   []memberInfo `json:"members"`
	Events    []eventInfo  `json:"events"`
}

// describeInterface builds the table of one interface; ok is false when
// the model knows no such interface.
func describeInterface(name string) (interfaceInfo, bool) {
	info := interfaceInfo{Interface: name, Members: []memberInfo{}, Events: []eventInfo{}}
	if name == EventInterface {
		for _, e := range model.Events {
			params := append([]string{}, e.Params...)
			info.Events = append(info.Events, eventInfo{Name: e.Name, DISPID: e.DISPID, Params: params})
		}
		return info, true
	}
	members := model.MembersOf(name)
	if len(members) == 0 {
		return info, false
	}
	for _, m := range members {
		mi := memberInfo{
			Name: m.Name, DISPID: m.DISPID,
			Kinds: m.Kinds.Names(), ScriptKinds: m.Script(model.Communicator2007).Names(),
			Params:    make([]paramInfo, 0, len(m.Params)),
			Simulated: m.Support(model.Communicator2007) == model.Simulated,
		}
		for _, p := range m.Params {
			mi.Params = append(mi.Params, paramInfo{Name: p.Name, VT: p.VT.String(), Optional: p.Optional})
		}
		if m.Kinds&(model.DISPATCH_PROPERTYPUT|model.DISPATCH_PROPERTYPUTREF) != 0 {
			mi.PutVT = m.PutVT.String()
		}
		info.Members = append(info.Members, mi)
	}
	return info, true
}

func (s *Server) handleInterface(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("name")
	info, ok := describeInterface(name)
	if !ok {
		writeHTTPError(w, errorf(http.StatusNotFound, "unknown-interface", "no interface %q (names are case-sensitive, as the type library spells them: IMessenger, IMessengerContact, %s...)", name, EventInterface))
		return
	}
	writeJSON(w, http.StatusOK, info)
}
