package client

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"

	"github.com/fakemessenger/fakemessenger/hresult"
	"github.com/fakemessenger/fakemessenger/model"
	"github.com/fakemessenger/fakemessenger/sim"
)

// WorldHeader selects an isolated world on every request.
const WorldHeader = "Fakemessenger-World"

// DefaultRoot is the object name the server gives the world's default
// root object (a compiled caller's IMessenger).
const DefaultRoot = "messenger"

// ProgID is the class a second root object is created from.
const ProgID = "Communicator.UIAutomation"

// maxReply bounds what the client reads from one non-streaming reply, so a
// confused server cannot make it buffer without limit.
const maxReply = 64 << 20

// Client talks to one world of a fakemessenger server. It is safe for
// concurrent use. The objects it hands out are proxies: each remembers
// its ID and calls the server for every member.
type Client struct {
	base  *url.URL
	cfg   config
	world string // "" is the server's default world

	mu      sync.Mutex
	objects map[string]model.Dispatch // id -> the one proxy for it
	// released is a ring of released proxies still mapped (see forget).
	released     []model.Dispatch
	nextReleased int
	subs         map[*Subscription]struct{}
	root         *Messenger
}

type config struct {
	hc    *http.Client
	token string
	world string
}

// Option configures a Client.
type Option func(*config)

// WithHTTPClient sets the HTTP client (default: one with a keep-alive pool
// sized for parallel tests and no overall timeout, as event streams are
// long-lived; bound calls with their context instead).
func WithHTTPClient(hc *http.Client) Option {
	return func(c *config) {
		if hc != nil {
			c.hc = hc
		}
	}
}

// WithToken sends "Authorization: Bearer token" on every request.
func WithToken(token string) Option { return func(c *config) { c.token = token } }

// WithWorld addresses an isolated world by name ("" is the default world).
func WithWorld(name string) Option { return func(c *config) { c.world = name } }

var defaultHTTPClient = &http.Client{Transport: func() http.RoundTripper {
	t := http.DefaultTransport.(*http.Transport).Clone()
	// The default of 2 idle connections per host makes parallel callers
	// open and close a connection per call.
	t.MaxIdleConnsPerHost = 64
	return t
}()}

// New makes a client of the server at baseURL ("http://127.0.0.1:7070").
// It does not contact the server; call Health to check it is there.
func New(baseURL string, opts ...Option) (*Client, error) {
	u, err := url.Parse(strings.TrimRight(baseURL, "/"))
	if err != nil {
		return nil, fmt.Errorf("client: base URL: %w", err)
	}
	if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
		return nil, fmt.Errorf("client: base URL %q: want http://host:port", baseURL)
	}
	cfg := config{hc: defaultHTTPClient}
	for _, o := range opts {
		o(&cfg)
	}
	return newClient(u, cfg), nil
}

func newClient(u *url.URL, cfg config) *Client {
	c := &Client{base: u, cfg: cfg, world: cfg.world,
		objects: make(map[string]model.Dispatch), subs: make(map[*Subscription]struct{})}
	c.root = newProxy(object{c: c, id: DefaultRoot, alias: DefaultRoot, iface: model.ClassMessenger.Presents()}).(*Messenger)
	c.objects[DefaultRoot] = c.root
	return c
}

// Close ends every open event subscription of this client and waits for
// their goroutines. The client stays usable for calls.
func (c *Client) Close() error {
	c.mu.Lock()
	subs := make([]*Subscription, 0, len(c.subs))
	for s := range c.subs {
		subs = append(subs, s)
	}
	c.mu.Unlock()
	for _, s := range subs {
		s.Close()
	}
	return nil
}

// World is the name of the world this client addresses ("" for the
// server's default world).
func (c *Client) World() string { return c.world }

// Messenger is the world's default root object: a compiled caller's
// IMessenger, addressed as "messenger".
func (c *Client) Messenger() *Messenger { return c.root }

// NewMessenger creates another root object onto the world, as a second
// CoCreateInstance does: a new client of the world with its own object
// IDs and reference counts. After the person shut Communicator down it
// fails with CLASS_E_CLASSNOTAVAILABLE (inside a *ProtocolError, as the
// server answers 503).
func (c *Client) NewMessenger(ctx context.Context, kind model.CallerKind) (*Messenger, error) {
	var out struct {
		Object    string `json:"object"`
		Interface string `json:"interface"`
	}
	in := map[string]string{"progid": ProgID, "caller": kind.String()}
	if err := c.do(ctx, http.MethodPost, "/v1/objects", nil, in, &out); err != nil {
		var pe *ProtocolError
		if errors.As(err, &pe) {
			var he *hresult.Error
			if errors.As(pe.Err, &he) && he.Member == "" {
				he.Member = "CoCreateInstance(Messenger)"
			}
		}
		return nil, err
	}
	if out.Object == "" {
		return nil, &ProtocolError{Status: http.StatusCreated, Title: "bad reply", Detail: "POST /v1/objects returned no object ID"}
	}
	m, ok := c.proxy(out.Object, model.ClassMessenger.Presents()).(*Messenger)
	if !ok {
		return nil, &ProtocolError{Status: http.StatusCreated, Title: "bad reply", Detail: "POST /v1/objects returned a " + out.Interface}
	}
	return m, nil
}

// CreateWorld asks the server for a new isolated world and returns a
// client bound to it (same server, token and HTTP client). name "" lets
// the server pick one; scenario is anything that marshals to a scenario's
// JSON (sim.Scenario, say), nil for the server's; seed nil for the server's.
func (c *Client) CreateWorld(ctx context.Context, name string, scenario any, seed *int64) (*Client, error) {
	return c.CreateWorldWith(ctx, WorldSpec{Name: name, Scenario: scenario, Seed: seed})
}

// WorldSpec is everything POST /v1/worlds takes; nil fields take the
// server's defaults.
type WorldSpec struct {
	Name            string `json:"name,omitempty"`
	Scenario        any    `json:"scenario,omitempty"`
	Seed            *int64 `json:"seed,omitempty"`
	JournalSize     *int   `json:"journalSize,omitempty"`
	HandleQuota     *int   `json:"handleQuota,omitempty"`
	MaxParticipants *int   `json:"maxParticipants,omitempty"`
	// The world's object limits; none may exceed the server's flags.
	MaxObjects *int `json:"maxObjects,omitempty"`
	MaxRoots   *int `json:"maxRoots,omitempty"`
}

// CreateWorldWith is CreateWorld with the world's limits as well.
func (c *Client) CreateWorldWith(ctx context.Context, spec WorldSpec) (*Client, error) {
	var out struct {
		World string `json:"world"`
	}
	// The world route itself is not inside a world.
	if err := c.doIn(ctx, "", http.MethodPost, "/v1/worlds", nil, spec, &out); err != nil {
		return nil, err
	}
	if out.World == "" {
		return nil, &ProtocolError{Status: http.StatusCreated, Title: "bad reply", Detail: "POST /v1/worlds returned no world name"}
	}
	cfg := c.cfg
	cfg.world = out.World
	wc := newClient(c.base, cfg)
	if err := wc.bindRoot(ctx); err != nil {
		return nil, err
	}
	return wc, nil
}

// bindRoot learns the real ID of a new world's default root: its only
// object. Then Messenger().ObjectID() is the ID the journal and the state
// show, as it is in process. Requests still name it "messenger".
func (c *Client) bindRoot(ctx context.Context) error {
	var st struct {
		Objects []struct {
			ID        string `json:"id"`
			Interface string `json:"interface"`
		} `json:"objects"`
	}
	if err := c.do(ctx, http.MethodGet, "/v1/state", nil, nil, &st); err != nil {
		return err
	}
	if len(st.Objects) != 1 || st.Objects[0].Interface != model.ClassMessenger.Presents() || st.Objects[0].ID == "" {
		return nil // not a fresh world: keep the "messenger" alias
	}
	c.root.id = st.Objects[0].ID
	c.objects[c.root.id] = c.root
	return nil
}

// DeleteWorld deletes the world this client addresses: every object in
// it is released and its event streams end. The default world cannot be
// deleted (the server answers 409).
func (c *Client) DeleteWorld(ctx context.Context) error {
	name := c.world
	if name == "" {
		name = "default"
	}
	return c.doIn(ctx, "", http.MethodDelete, "/v1/worlds/"+url.PathEscape(name), nil, nil, nil)
}

// Worlds lists the server's worlds.
func (c *Client) Worlds(ctx context.Context) ([]string, error) {
	var out struct {
		Worlds []string `json:"worlds"`
	}
	err := c.doIn(ctx, "", http.MethodGet, "/v1/worlds", nil, nil, &out)
	return out.Worlds, err
}

// Health checks GET /healthz.
func (c *Client) Health(ctx context.Context) error {
	return c.doIn(ctx, "", http.MethodGet, "/healthz", nil, nil, nil)
}

// State is GET /v1/state: the snapshot of the world, as in process.
func (c *Client) State(ctx context.Context) (sim.State, error) {
	var out sim.State
	err := c.do(ctx, http.MethodGet, "/v1/state", nil, nil, &out)
	return out, err
}

// StateJSON is GET /v1/state as the server wrote it.
func (c *Client) StateJSON(ctx context.Context) (json.RawMessage, error) {
	var out json.RawMessage
	err := c.do(ctx, http.MethodGet, "/v1/state", nil, nil, &out)
	return out, err
}

// Root is the world's default root object as a model.Messenger: the
// sim.Fake method that Messenger is with its own type.
func (c *Client) Root() model.Messenger { return c.root }

// Client is the HTTP transport's sim.Fake: the same methods, argument
// types and context handling as (*sim.Messenger).Control().
var _ sim.Fake = (*Client)(nil)

// ProtocolError is a failure of the protocol rather than of an automation
// call: a 4xx problem (bad request, unknown object or world, no pending
// dialog...), a 5xx, or a transport error (Status 0). It is not an
// HRESULT, with one exception: when the server's problem carries one
// (creating a root after shutdown: CLASS_E_CLASSNOTAVAILABLE), Err is an
// *hresult.Error and errors.Is sees through to the code.
type ProtocolError struct {
	Status int    // HTTP status; 0 when no reply came
	Type   string // the problem's type URI, when the server sent one
	Title  string
	Detail string
	Err    error // the underlying error, if any
}

func (e *ProtocolError) Error() string {
	var b strings.Builder
	b.WriteString("fakemessenger protocol error")
	if e.Status != 0 {
		b.WriteString(" (HTTP ")
		b.WriteString(strconv.Itoa(e.Status))
		b.WriteString(")")
	}
	if e.Title != "" {
		b.WriteString(": ")
		b.WriteString(e.Title)
	}
	if e.Detail != "" {
		b.WriteString(": ")
		b.WriteString(e.Detail)
	}
	if e.Err != nil && (e.Status == 0 || e.Detail == "") {
		b.WriteString(": ")
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

func (e *ProtocolError) Unwrap() error { return e.Err }

// problem is an application/problem+json body.
type problem struct {
	Type    string `json:"type"`
	Title   string `json:"title"`
	Status  int    `json:"status"`
	Detail  string `json:"detail"`
	HResult string `json:"hresult"`
}

func (c *Client) do(ctx context.Context, method, path string, query url.Values, in, out any) error {
	return c.doIn(ctx, c.world, method, path, query, in, out)
}

// doIn makes one request to world (none when "") and decodes a 2xx reply
// into out; anything else becomes a *ProtocolError.
func (c *Client) doIn(ctx context.Context, world, method, path string, query url.Values, in, out any) error {
	req, err := c.newRequest(ctx, world, method, path, query, in)
	if err != nil {
		return err
	}
	resp, err := c.cfg.hc.Do(req)
	if err != nil {
		return &ProtocolError{Title: method + " " + path, Err: err}
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxReply))
	if err != nil {
		return &ProtocolError{Status: resp.StatusCode, Title: method + " " + path + ": reading the reply", Err: err}
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return problemError(resp, body)
	}
	if out == nil || len(bytes.TrimSpace(body)) == 0 {
		return nil
	}
	if raw, ok := out.(*json.RawMessage); ok {
		*raw = append((*raw)[:0], body...)
		return nil
	}
	if err := json.Unmarshal(body, out); err != nil {
		return &ProtocolError{Status: resp.StatusCode, Title: "bad reply", Detail: method + " " + path, Err: err}
	}
	return nil
}

func (c *Client) newRequest(ctx context.Context, world, method, path string, query url.Values, in any) (*http.Request, error) {
	if ctx == nil {
		ctx = context.Background()
	}
	u := *c.base
	u.Path = c.base.Path + path
	if len(query) > 0 {
		u.RawQuery = query.Encode()
	}
	var body io.Reader
	if in != nil {
		var data []byte
		if raw, ok := in.([]byte); ok {
			data = raw
		} else {
			var err error
			if data, err = json.Marshal(in); err != nil {
				return nil, &ProtocolError{Title: "cannot encode the request", Detail: method + " " + path, Err: err}
			}
		}
		body = bytes.NewReader(data)
	}
	req, err := http.NewRequestWithContext(ctx, method, u.String(), body)
	if err != nil {
		return nil, &ProtocolError{Title: "cannot make the request", Detail: method + " " + path, Err: err}
	}
	if in != nil || method != http.MethodGet {
		// Required on every POST and DELETE, even without a body: the
		// server refuses what a web page could send cross-site.
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("Accept", "application/json")
	if c.cfg.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.cfg.token)
	}
	if world != "" {
		req.Header.Set(WorldHeader, world)
	}
	return req, nil
}

// problemError reads a non-2xx reply: a problem+json body when there is
// one, else the status text and the start of the body.
func problemError(resp *http.Response, body []byte) error {
	e := &ProtocolError{Status: resp.StatusCode, Title: http.StatusText(resp.StatusCode)}
	var p problem
	if json.Unmarshal(body, &p) == nil && (p.Title != "" || p.Detail != "") {
		if p.Title != "" {
			e.Title = p.Title
		}
		e.Type, e.Detail = p.Type, p.Detail
		if p.HResult != "" {
			if hr, err := hresult.Parse(p.HResult); err == nil && hr != hresult.S_OK {
				e.Err = &hresult.Error{HR: hr, Reason: p.Detail}
			}
		}
	} else if d := strings.TrimSpace(string(body)); d != "" {
		if len(d) > 200 {
			d = d[:200] + "..."
		}
		e.Detail = d
	}
	if e.Err == nil && resp.StatusCode == http.StatusRequestTimeout {
		// WaitDialog's timeout: the in-process sim returns the context's
		// error there, so let errors.Is find the same one.
		e.Err = context.DeadlineExceeded
	}
	return e
}
