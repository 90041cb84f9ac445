package wire_test

import (
	"encoding/json"
	"slices"
	"testing"

	"github.com/fakemessenger/fakemessenger/model"
	"github.com/fakemessenger/fakemessenger/wire"
)

type wireInterface struct {
	Interface string `json:"interface"`
	Members   []struct {
		Name        string   `json:"name"`
		DISPID      int32    `json:"dispid"`
		Kinds       []string `json:"kinds"`
		ScriptKinds []string `json:"scriptKinds"`
		Params      []struct {
			Name     string `json:"name"`
			VT       string `json:"vt"`
			Optional bool   `json:"optional"`
		} `json:"params"`
		PutVT     string `json:"putVt"`
		Simulated bool   `json:"simulated"`
	} `json:"members"`
	Events []struct {
		Name   string   `json:"name"`
		DISPID int32    `json:"dispid"`
		Params []string `json:"params"`
	} `json:"events"`
}

// A late-bound client builds its dispatch from this table, so it must say
// exactly what the model's table says, member by member.
func TestInterfaceTableMatchesModel(t *testing.T) {
	h := start(t, wire.Config{})
	for _, it := range model.Interfaces() {
		iface := it.Name
		var got wireInterface
		if err := json.Unmarshal(h.mustDo(200, "GET", "/v1/interfaces/"+iface, nil), &got); err != nil {
			t.Fatal(err)
		}
		want := model.MembersOf(iface)
		if got.Interface != iface || len(got.Members) != len(want) || len(got.Events) != 0 {
			t.Fatalf("%s: got %q with %d members and %d events, want %d members", iface, got.Interface, len(got.Members), len(got.Events), len(want))
		}
		for i, m := range want {
			g := got.Members[i]
			if g.Name != m.Name || g.DISPID != m.DISPID || !slices.Equal(g.Kinds, m.Kinds.Names()) || !slices.Equal(g.ScriptKinds, m.Script(model.Communicator2007).Names()) {
				t.Errorf("%s.%s: got %+v", iface, m.Name, g)
			}
			if g.Simulated != (m.Support(model.Communicator2007) == model.Simulated) {
				t.Errorf("%s.%s: simulated %v", iface, m.Name, g.Simulated)
			}
			if len(g.Params) != len(m.Params) {
				t.Fatalf("%s.%s: %d params, want %d", iface, m.Name, len(g.Params), len(m.Params))
			}
			for j, p := range m.Params {
				if g.Params[j].Name != p.Name || g.Params[j].VT != p.VT.String() || g.Params[j].Optional != p.Optional {
					t.Errorf("%s.%s param %d: got %+v, want %+v", iface, m.Name, j, g.Params[j], p)
				}
			}
			hasPut := m.Kinds&(model.DISPATCH_PROPERTYPUT|model.DISPATCH_PROPERTYPUTREF) != 0
			if hasPut && g.PutVT != m.PutVT.String() || !hasPut && g.PutVT != "" {
				t.Errorf("%s.%s: putVt %q, want %v (put %v)", iface, m.Name, g.PutVT, m.PutVT, hasPut)
			}
		}
	}
}

// What a pywin32-style client relies on: Item is the default member and
// takes an I4 index, Count is a plain property, MyStatus takes an I4 put,
// and FindContact's trailing arguments are optional.
func TestInterfaceTableTellsGetsFromMethods(t *testing.T) {
	h := start(t, wire.Config{})
	var contacts, messenger wireInterface
	_ = json.Unmarshal(h.mustDo(200, "GET", "/v1/interfaces/IMessengerContacts", nil), &contacts)
	_ = json.Unmarshal(h.mustDo(200, "GET", "/v1/interfaces/IMessenger", nil), &messenger)
	find := func(in wireInterface, name string) int {
		for i, m := range in.Members {
			if m.Name == name {
				return i
			}
		}
		t.Fatalf("%s has no %s", in.Interface, name)
		return -1
	}
	item := contacts.Members[find(contacts, "Item")]
	if item.DISPID != 0 || !slices.Equal(item.Kinds, []string{"method", "propget"}) || len(item.Params) != 1 || item.Params[0].VT != "VT_I4" {
		t.Errorf("Item: %+v", item)
	}
	count := contacts.Members[find(contacts, "Count")]
	if !slices.Equal(count.Kinds, []string{"propget"}) || len(count.Params) != 0 {
		t.Errorf("Count: %+v", count)
	}
	status := messenger.Members[find(messenger, "MyStatus")]
	if !slices.Equal(status.Kinds, []string{"propget", "propput"}) || status.PutVT != "VT_I4" {
		t.Errorf("MyStatus: %+v", status)
	}
	fc := messenger.Members[find(messenger, "FindContact")]
	if len(fc.Params) != 6 || fc.Params[2].Optional || !fc.Params[3].Optional {
		t.Errorf("FindContact params: %+v", fc.Params)
	}
	im := messenger.Members[find(messenger, "InstantMessage")]
	if !slices.Equal(im.Kinds, []string{"method"}) || !im.Simulated {
		t.Errorf("InstantMessage: %+v", im)
	}
}

func TestInterfaceTableEvents(t *testing.T) {
	h := start(t, wire.Config{})
	var got wireInterface
	if err := json.Unmarshal(h.mustDo(200, "GET", "/v1/interfaces/DMessengerEvents", nil), &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Members) != 0 || len(got.Events) != len(model.Events) {
		t.Fatalf("%d members, %d events; want 0 and %d", len(got.Members), len(got.Events), len(model.Events))
	}
	for i, e := range model.Events {
		g := got.Events[i]
		if g.Name != e.Name || g.DISPID != e.DISPID || !slices.Equal(g.Params, append([]string{}, e.Params...)) {
			t.Errorf("event %d: got %+v, want %+v", i, g, e)
		}
	}
}

func TestInterfaceTableUnknownAndAuth(t *testing.T) {
	h := start(t, wire.Config{})
	st, _, body := h.do("GET", "/v1/interfaces/imessenger", nil)
	var p struct{ Type string }
	_ = json.Unmarshal(body, &p)
	if st != 404 || p.Type != "urn:fakemessenger:problem:unknown-interface" {
		t.Errorf("lower-case name: %d %s", st, body)
	}
	h.mustDo(404, "GET", "/v1/interfaces/IUnknown", nil)

	ht := start(t, wire.Config{Token: "s3cret"})
	ht.token = ""
	ht.mustDo(401, "GET", "/v1/interfaces/IMessenger", nil)
	ht.token = "s3cret"
	ht.mustDo(200, "GET", "/v1/interfaces/IMessenger", nil)
}
