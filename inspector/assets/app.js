// fakemessenger inspector: draws the simulated Messenger from GET
// /v1/inspect, follows the journal and the events on GET
// /v1/inspect/stream, and acts as the person through the control API.
// Everything it shows is data from the server, so it is put in the page
// as text (textContent), never as markup.

const $ = (id) => document.getElementById(id);
const TOKEN_KEY = "fakemessenger.token";
const WORLD_KEY = "fakemessenger.world";
const PAGE_SIZE = 24; // conversation cards per page
const MAX_ROWS = 50000; // journal rows the page keeps (the server keeps fewer)
const MAX_EVENTS = 20000;
const ROW_H = 22;
const MAX_CONTACTS = 60; // contact rows drawn per group; the search finds the rest

const STATUSES = [
  "MISTATUS_ONLINE", "MISTATUS_BUSY", "MISTATUS_BE_RIGHT_BACK", "MISTATUS_AWAY",
  "MISTATUS_ON_THE_PHONE", "MISTATUS_OUT_TO_LUNCH", "MISTATUS_IN_A_MEETING",
  "MISTATUS_DO_NOT_DISTURB", "MISTATUS_INVISIBLE", "MISTATUS_OFFLINE",
];
const statusLabel = (s) => (s || "").replace(/^MISTATUS_/, "").replaceAll("_", " ").toLowerCase();

const PHONE_TYPES = ["MPHONE_TYPE_HOME", "MPHONE_TYPE_WORK", "MPHONE_TYPE_MOBILE"];
const LIST_ERRORS = ["MSGR_E_LIST_FULL", "MSGR_E_ALREADY_IN_LIST", "MSGR_E_USER_NOT_FOUND", "MSGR_E_UNEXPECTED",
  "MSGR_E_SERVER_TOO_BUSY", "MSGR_E_SERVER_UNAVAILABLE"];
const CALENDAR = ["", "CALENDAR_STATE_FREE", "CALENDAR_STATE_TENTATIVE", "CALENDAR_STATE_BUSY", "CALENDAR_STATE_OUT_OF_OFFICE",
  "CALENDAR_STATE_NOTWORKING", "CALENDAR_STATE_NOT_AVAILABLE"];

// The person's actions, one row per control route. A scope says where the
// action appears: "user" (the main window's header) and "me" (its "my
// details" fold), "list" (above the contact list), "group" (a group
// header), "contact" (a contact-list row) and "contact-more" (its fold),
// "window" (a conversation card) and "window-more" (its participants
// fold), "dialog" (a pending confirmation dialog), "uidialog" (an open
// Communicator dialog), "picker" (the contact picker), "world" (the World
// tab). bind fills body fields from where it appears; fields are what the
// person types (in: "values" nests one under values; from: a ctx key gives
// its first value); fixed are constant. Adding a control route to the page
// is adding a row here. (Each row names its path before any brace: the
// coverage test reads this table.)
const ACTIONS = [
  { id: "signin", scope: "user", label: "Sign in", path: "/v1/control/signin", when: (s) => !s.signedIn },
  { id: "signout", scope: "user", label: "Sign out", path: "/v1/control/signout", when: (s) => s.signedIn },
  { id: "my-status", scope: "user", label: "Set", title: "Change my presence (OnMyStatusChange)", path: "/v1/control/status",
    fields: [{ name: "status", kind: "status" }], auto: true, when: (s) => s.signedIn },
  { id: "my-name", scope: "me", label: "Rename", title: "Change my display name (OnMyFriendlyNameChange)", path: "/v1/control/me/friendly-name",
    fields: [{ name: "friendlyName", kind: "text", placeholder: "display name", from: "friendlyName", required: true }] },
  { id: "my-phone", scope: "me", label: "Set phone", title: "Change one of my phone numbers; empty clears it (OnMyPhoneChange)", path: "/v1/control/me/phone",
    fields: [{ name: "phoneType", kind: "select", options: PHONE_TYPES }, { name: "number", kind: "text", placeholder: "number", keep: true }] },
  { id: "my-email", scope: "me", label: "Set e-mail", title: "Change my e-mail property (OnMyPropertyChange)", path: "/v1/control/me/email",
    fields: [{ name: "email", kind: "text", placeholder: "e-mail", from: "email", keep: true }] },
  { id: "unread", scope: "me", label: "Set unread", title: "The inbox's unread count changes (OnUnreadEmailChange while signed in)", path: "/v1/control/email/unread",
    fields: [{ name: "count", kind: "number", from: "unreadEmail", required: true }] },
  { id: "open-dialog", scope: "me", label: "Open", title: "The person opens a Communicator dialog from the menus", path: "/v1/control/dialogs",
    fields: [{ name: "kind", kind: "select", options: ["addContact", "findContact", "mediaWizard", "options", "signin"] }] },

  { id: "add-contact", scope: "list", label: "Add contact", title: "The person adds a contact (OnContactListAdd)", path: "/v1/control/contacts",
    fields: [{ name: "signinName", kind: "text", placeholder: "sign-in name", required: true }, { name: "friendlyName", kind: "text", placeholder: "name" }] },
  { id: "add-group", scope: "list", label: "Add group", title: "The person adds a group (OnGroupAdded)", path: "/v1/control/groups",
    fields: [{ name: "name", kind: "text", placeholder: "group name", required: true }] },

  { id: "rename-group", scope: "group", label: "Rename", title: "Rename this group (OnGroupNameChanged)", path: "/v1/control/groups/rename",
    bind: { name: "group" }, fields: [{ name: "newName", kind: "text", placeholder: "new name", from: "group", required: true }] },
  { id: "delete-group", scope: "group", label: "Delete", title: "Delete this group; its contacts stay on the list (OnGroupRemoved)", danger: true,
    path: "/v1/control/groups/delete", bind: { name: "group" }, confirm: "Delete this group? Its contacts stay on the list." },

  { id: "contact-status", scope: "contact", label: "Set", title: "Change this contact's presence (OnContactStatusChange)",
    path: "/v1/control/contacts/status", bind: { signinName: "signinName" }, fields: [{ name: "status", kind: "status" }], auto: true },
  { id: "open-conversation", scope: "contact", label: "Chat", title: "The person opens a conversation window with this contact",
    path: "/v1/control/conversations", bind: { signinName: "signinName" } },
  { id: "rename-contact", scope: "contact-more", label: "Rename", title: "The contact changes their display name (OnContactFriendlyNameChange)",
    path: "/v1/control/contacts/rename", bind: { signinName: "signinName" },
    fields: [{ name: "friendlyName", kind: "text", placeholder: "display name", from: "friendlyName", required: true }] },
  { id: "block", scope: "contact-more", label: "Block", title: "The person blocks this contact (OnContactBlockChange)", path: "/v1/control/contacts/block",
    bind: { signinName: "signinName" }, fixed: { blocked: true }, when: (c) => !c.blocked },
  { id: "unblock", scope: "contact-more", label: "Unblock", title: "The person unblocks this contact (OnContactBlockChange)", path: "/v1/control/contacts/block",
    bind: { signinName: "signinName" }, fixed: { blocked: false }, when: (c) => c.blocked },
  { id: "remove-contact", scope: "contact-more", label: "Remove from list", danger: true, title: "The person deletes this contact (OnContactListRemove)",
    path: "/v1/control/contacts/remove", bind: { signinName: "signinName" }, when: (c) => c.listed },
  { id: "to-group", scope: "contact-more", label: "Add to group", title: "Put this contact into a group too (OnContactAddedToGroup)",
    path: "/v1/control/groups/add-contact", bind: { signinName: "signinName" }, fields: [{ name: "group", kind: "group" }], when: (c) => c.listed },
  { id: "move-group", scope: "contact-more", label: "Move", title: "Drag this contact to another group (OnContactRemovedFromGroup, OnContactAddedToGroup)",
    path: "/v1/control/groups/move-contact", bind: { signinName: "signinName", from: "group" }, fields: [{ name: "to", kind: "group" }], when: (c) => c.group },
  { id: "out-of-group", scope: "contact-more", label: "Take out of this group", title: "OnContactRemovedFromGroup",
    path: "/v1/control/groups/remove-contact", bind: { signinName: "signinName", group: "group" }, when: (c) => c.group },
  { id: "contact-phone", scope: "contact-more", label: "Set phone", title: "One of the contact's numbers changes; empty clears it (OnContactPhoneChange)",
    path: "/v1/control/contacts/phone", bind: { signinName: "signinName" },
    fields: [{ name: "phoneType", kind: "select", options: PHONE_TYPES }, { name: "number", kind: "text", placeholder: "number", keep: true }] },
  { id: "contact-email", scope: "contact-more", label: "Set e-mail", title: "The contact's e-mail property changes (OnContactPropertyChange)",
    path: "/v1/control/contacts/email", bind: { signinName: "signinName" }, fields: [{ name: "email", kind: "text", placeholder: "e-mail", from: "email", keep: true }] },
  { id: "contact-presence", scope: "contact-more", label: "Set presence", title: "The contact's presence properties change; empty fields stay (OnContactStatusChange)",
    path: "/v1/control/contacts/presence", bind: { signinName: "signinName" }, fields: [
      { name: "note", kind: "text", placeholder: "note" }, { name: "customStatus", kind: "text", placeholder: "custom status" },
      { name: "availability", kind: "number", placeholder: "availability 3000-18000" },
      { name: "calendarState", kind: "select", options: CALENDAR }] },

  { id: "close", scope: "window", label: "Close", title: "The person clicks the window's close button", danger: true,
    path: "/v1/control/windows/close", bind: { object: "handle" }, when: (w) => w.open },
  { id: "minimize", scope: "window", label: "Minimize", path: "/v1/control/windows/minimize", bind: { object: "handle" },
    when: (w) => w.open },
  { id: "start-action", scope: "window", label: "Start", title: "Start an action in progress (a file transfer, say)",
    path: "/v1/control/windows/action", bind: { object: "handle" },
    fields: [{ name: "name", kind: "text", placeholder: "action", value: "file transfer" }], when: (w) => w.open && !w.action },
  { id: "end-action", scope: "window", label: "End action", path: "/v1/control/windows/action/end", bind: { object: "handle" },
    when: (w) => w.open && w.action },
  { id: "say", scope: "window", label: "Send", title: "A participant (or you) sends a message",
    path: "/v1/control/windows/say", bind: { object: "handle" },
    fields: [{ name: "from", kind: "participant" }, { name: "text", kind: "text", placeholder: "message", required: true }],
    when: (w) => w.open },
  { id: "join", scope: "window-more", label: "Join", title: "Someone joins the conversation (OnIMWindowContactAdded)",
    path: "/v1/control/conversations/join", bind: { object: "handle" },
    fields: [{ name: "signinName", kind: "contact", placeholder: "sign-in name or sip:/tel: URI", required: true }], when: (w) => w.open },
  { id: "leave", scope: "window-more", label: "Leave", title: "A participant leaves; the window stays open (OnIMWindowContactRemoved)",
    path: "/v1/control/conversations/leave", bind: { object: "handle" },
    fields: [{ name: "signinName", kind: "participant", only: true }], when: (w) => w.open && w.participants.length },
  { id: "receive", scope: "window-more", label: "Receive", title: "A participant's message arrives (conversations/receive)",
    path: "/v1/control/conversations/receive", bind: { object: "handle" },
    fields: [{ name: "signinName", kind: "participant", only: true }, { name: "text", kind: "text", placeholder: "their message", required: true }],
    when: (w) => w.open && w.participants.length },

  { id: "accept", scope: "dialog", label: "Yes, close it", path: "/v1/control/windows/dialog", bind: { object: "handle" },
    fixed: { accept: true } },
  { id: "refuse", scope: "dialog", label: "No", path: "/v1/control/windows/dialog", bind: { object: "handle" },
    fixed: { accept: false } },
  { id: "finish-dialog", scope: "uidialog", label: "Finish", title: "The person completes the dialog (Finish, OK)", path: "/v1/control/dialogs/finish",
    bind: { id: "id" }, fields: [
      { name: "signinName", kind: "text", in: "values", placeholder: "sign-in name", from: "signinName", when: (d) => CONTACT_WIZARDS.includes(d.kind) },
      { name: "friendlyName", kind: "text", in: "values", placeholder: "name", when: (d) => CONTACT_WIZARDS.includes(d.kind) }] },
  { id: "cancel-dialog", scope: "uidialog", label: "Cancel", path: "/v1/control/dialogs/cancel", bind: { id: "id" } },
  { id: "pick", scope: "picker", label: "Start", title: "The person picks the participants", path: "/v1/control/conversations/picker",
    fields: [{ name: "participants", kind: "list", placeholder: "sign-in names, comma-separated", required: true }] },
  { id: "pick-cancel", scope: "picker", label: "Cancel", title: "The person closes the picker", path: "/v1/control/conversations/picker",
    fixed: { participants: [] } },

  { id: "fault", scope: "world", label: "Inject a fault", path: "/v1/control/faults", fields: [
    { name: "member", kind: "text", placeholder: "InstantMessage", required: true },
    { name: "hresult", kind: "text", placeholder: "E_FAIL" },
    { name: "times", kind: "number", value: "1", required: true },
    { name: "interface", kind: "text", placeholder: "interface" },
    { name: "object", kind: "text", placeholder: "object ID" },
    { name: "delayMs", kind: "number", placeholder: "delay ms" }] },
  { id: "clear-faults", scope: "world", label: "Clear all faults", method: "DELETE", path: "/v1/control/faults" },
  { id: "list-fail-next", scope: "world", label: "The server refuses the next contact-list request", path: "/v1/control/contacts/fail-next",
    fields: [{ name: "hresult", kind: "select", options: LIST_ERRORS }] },
  { id: "call-policy", scope: "world", label: "Call policy", path: "/v1/control/calls/policy",
    fields: [{ name: "restricted", kind: "bool", label: "calls restricted", from: "restricted" },
      { name: "noPhoneService", kind: "bool", label: "no phone service", from: "noPhoneService" }] },
  { id: "dialog-policy", scope: "world", label: "Confirmation dialogs", path: "/v1/control/dialog-policy",
    fields: [{ name: "policy", kind: "select", options: ["wait", "accept", "refuse"] }] },
  { id: "close-next", scope: "world", label: "Close the next windows as they open", path: "/v1/control/close-next-windows",
    fields: [{ name: "count", kind: "number", value: "1", required: true }] },
  { id: "signin-failure", scope: "world", label: "Fail the next sign-in", path: "/v1/control/signin-failure",
    fields: [{ name: "hresult", kind: "text", placeholder: "E_FAIL", required: true }] },
  { id: "scenario", scope: "world", label: "Load a scenario file", path: "/v1/control/scenario",
    fields: [{ name: "file", kind: "file" }] },
  { id: "reset", scope: "world", label: "Reset the world", path: "/v1/control/reset", danger: true,
    confirm: "Reset the world to its scenario? Every object, fault and journal entry goes." },
  { id: "shutdown", scope: "world", label: "Quit Communicator", path: "/v1/control/shutdown", danger: true,
    confirm: "Quit Communicator (OnAppShutdown)? Only a reset brings it back." },
];
// the dialogs that ask for a contact (the Add a Contact wizard, on its
// first or its search page)
const CONTACT_WIZARDS = ["addContact", "findContact"];
const DIALOG_TITLES = { addContact: "Add a Contact", findContact: "Find a Contact", profile: "Contact profile",
  mediaWizard: "Audio and Video Tuning Wizard", mail: "New e-mail message", options: "Options", signin: "Sign In" };

const S = {
  token: sessionStorage.getItem(TOKEN_KEY) || "",
  world: sessionStorage.getItem(WORLD_KEY) || "default",
  worlds: [],
  snap: null,
  objects: new Map(), // object ID -> {ref, iface, client, destroyed, destroyedAtCall}
  known: new Map(), // HWND -> last window seen, to show released windows
  calls: [], // journal rows, oldest first; gap markers have gap: n
  lastCall: 0,
  events: [],
  lastEvent: 0,
  cursor: "",
  failed: 0,
  late: 0,
  bad: 0, // rows that failed or came late
  jView: [], // indices of calls shown by the filter
  eView: [],
  page: 0,
  stream: null, // AbortController of the running stream
  dirty: new Set(),
  perf: { firstRender: 0, renders: 0, lastRender: 0, snapshots: 0, renderedEvent: 0, eventRenderAt: 0 },
};

// ---- requests ----

class Unauthorized extends Error {}

async function api(method, path, body) {
  const headers = { "Fakemessenger-World": S.world };
  if (S.token) headers.Authorization = "Bearer " + S.token;
  // Every write names its media type, with or without a body: the server
  // refuses anything else.
  if (method !== "GET") headers["Content-Type"] = "application/json";
  const res = await fetch(path, {
    method, headers, body: method === "GET" ? undefined : JSON.stringify(body ?? {}),
    credentials: "same-origin", cache: "no-store", redirect: "error",
  });
  if (res.status === 401) throw new Unauthorized("the token was refused");
  const text = await res.text();
  const data = text ? JSON.parse(text) : {};
  if (!res.ok) throw new Error(data.detail || data.title || res.status + " " + res.statusText);
  return data;
}

// ---- the token ----

function showLogin(message) {
  S.stream?.abort();
  S.stream = null;
  S.snap = null;
  $("app").hidden = true;
  $("login").hidden = false;
  $("login-error").textContent = message || "";
  $("counters").textContent = "";
  $("bugs").hidden = true;
  $("world-pick").hidden = true;
  setConn("off", "needs token");
  $("token").focus();
}

$("login").addEventListener("submit", (e) => {
  e.preventDefault();
  S.token = $("token").value.trim();
  sessionStorage.setItem(TOKEN_KEY, S.token);
  $("token").value = "";
  boot();
});

// ---- start ----

async function boot() {
  // The stream starts at once, beside the snapshot: it replays the
  // journal from its start whatever the snapshot's moment.
  connect();
  try {
    await refresh();
  } catch (err) {
    if (err instanceof Unauthorized) {
      if (S.token) sessionStorage.removeItem(TOKEN_KEY);
      showLogin(S.token ? "That token was refused." : "");
      S.token = "";
      return;
    }
    setConn("err", "server unreachable");
    toast(err.message, true);
    setTimeout(boot, 2000);
    return;
  }
  $("login").hidden = true;
  $("app").hidden = false;
}

async function loadWorlds() {
  const { worlds } = await api("GET", "/v1/worlds");
  S.worlds = worlds;
  if (!worlds.includes(S.world)) S.world = worlds.includes("default") ? "default" : worlds[0];
  const sel = $("world");
  const have = [...sel.options].map((o) => o.value).join("\n");
  if (have !== worlds.join("\n")) {
    sel.replaceChildren(...worlds.map((w) => new Option(w, w)));
  }
  sel.value = S.world;
  $("world-pick").hidden = worlds.length < 2;
}

$("world").addEventListener("change", () => {
  S.stream?.abort(); // no frame of the old world may land in the new one
  S.stream = null;
  S.world = $("world").value;
  sessionStorage.setItem(WORLD_KEY, S.world);
  resetLocal();
  refresh().catch((err) => toast(err.message, true)).then(connect);
});
$("world").addEventListener("focus", () => loadWorlds().catch(() => {}));

function resetLocal() {
  S.calls = []; S.lastCall = 0; S.failed = 0; S.late = 0; S.bad = 0; S.jView = [];
  S.events = []; S.lastEvent = 0; S.eView = [];
  S.known.clear(); S.objects.clear();
  S.cursor = "";
  markAll();
}

// ---- the live stream ----

function setConn(kind, text) {
  const el = $("conn");
  el.className = "conn " + kind;
  el.textContent = text;
}

async function connect() {
  S.stream?.abort();
  const ctl = new AbortController();
  S.stream = ctl;
  let delay = 250;
  while (!ctl.signal.aborted) {
    try {
      const headers = { "Fakemessenger-World": S.world };
      if (S.token) headers.Authorization = "Bearer " + S.token;
      // fetch rather than EventSource: EventSource cannot send the token
      if (S.cursor) headers["Last-Event-ID"] = S.cursor;
      const res = await fetch("/v1/inspect/stream", { headers, signal: ctl.signal, cache: "no-store", credentials: "same-origin" });
      if (res.status === 401) { if ($("login").hidden) showLogin(S.token ? "The token was refused." : ""); return; }
      if (res.status === 404) await refresh().catch(() => {}); // the world was deleted: back to the default
      if (!res.ok) throw new Error("stream: " + res.status);
      setConn("on", "live");
      if (!S.perf.streamOpen) S.perf.streamOpen = performance.now();
      delay = 250;
      await readStream(res.body, ctl.signal);
    } catch (err) {
      if (ctl.signal.aborted) return;
    }
    setConn("err", "reconnecting");
    await new Promise((r) => setTimeout(r, delay));
    delay = Math.min(delay * 2, 5000);
  }
}

async function readStream(body, signal) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buf = "";
  while (!signal.aborted) {
    const { value, done } = await reader.read();
    if (done) return;
    buf += value;
    // frames are cut by index and the rest kept once per read: slicing
    // the buffer per frame would copy a large first burst over and over
    let at = 0, end;
    while (!signal.aborted && (end = buf.indexOf("\n\n", at)) >= 0) {
      let id = "", type = "message", data = "";
      for (const line of buf.slice(at, end).split("\n")) {
        if (line.startsWith("id: ")) id = line.slice(4);
        else if (line.startsWith("event: ")) type = line.slice(7);
        else if (line.startsWith("data: ")) data += line.slice(6);
      }
      at = end + 2;
      if (data) onFrame(type, data);
      if (!S.perf.firstFrame) S.perf.firstFrame = performance.now();
      if (id) S.cursor = id;
    }
    buf = buf.slice(at);
  }
}

function onFrame(type, data) {
  const d = JSON.parse(data);
  switch (type) {
    case "call":
      if (d.seq <= S.lastCall) return; // already shown
      S.lastCall = d.seq;
      addCall(d);
      if (!S.perf.replayed && S.snap && d.seq >= S.snap.cursor.calls) S.perf.replayed = performance.now();
      break;
    case "event":
      if (d.seq <= S.lastEvent) return;
      S.lastEvent = d.seq;
      S.events.push(d);
      if (S.events.length > MAX_EVENTS) S.events.splice(0, S.events.length - MAX_EVENTS), rebuildEvents();
      else if (eventMatches(d)) S.eView.push(S.events.length - 1);
      S.dirty.add("events");
      break;
    case "reset":
      S.calls = []; S.lastCall = 0; S.failed = 0; S.late = 0; S.bad = 0; S.jView = [];
      S.known.clear();
      S.dirty.add("journal");
      break;
    case "gap":
      if (d.calls) addCall({ gap: d.calls });
      if (d.events) S.events.push({ gap: d.events, seq: 0, name: "", params: [] }), rebuildEvents();
      break;
  }
  S.dirty.add("header");
  // a frame the snapshot already reflects (the replay after connecting)
  // needs no new snapshot
  const cur = S.snap?.cursor;
  // (before the first snapshot arrives there is nothing to refresh)
  if (cur && (type !== "call" && type !== "event" || type === "call" && d.seq > cur.calls || type === "event" && d.seq > cur.events)) {
    scheduleSnapshot();
  }
  scheduleRender();
}

function addCall(c) {
  if (!c.gap) {
    c.failed = isFailure(c.hresult);
    if (c.failed) S.failed++;
    c.late = isLate(c);
    if (c.late) S.late++;
    if (c.failed || c.late) S.bad++;
  }
  S.calls.push(c);
  if (S.calls.length > MAX_ROWS) {
    S.calls.splice(0, S.calls.length - MAX_ROWS);
    rebuildJournal();
  } else if (callMatches(c)) {
    S.jView.push(S.calls.length - 1);
  }
  S.dirty.add("journal");
}

const isFailure = (hr) => typeof hr === "string" && (parseInt(hr, 16) & 0x80000000) !== 0;

function isLate(c) {
  const o = S.objects.get(c.object);
  return !!(o && o.destroyedAtCall && c.seq > o.destroyedAtCall && c.member !== "Release");
}

// ---- the snapshot ----

let snapBusy = false, snapAgain = false;
function scheduleSnapshot() {
  if (snapBusy) { snapAgain = true; return; }
  snapBusy = true;
  setTimeout(async () => {
    try { await refresh(); } catch (err) { if (err instanceof Unauthorized) showLogin("The token was refused."); }
    snapBusy = false;
    if (snapAgain) { snapAgain = false; scheduleSnapshot(); }
  }, 50);
}

let worldsAt = 0;
async function refresh() {
  let snap;
  try {
    snap = await api("GET", "/v1/inspect");
  } catch (err) {
    if (err instanceof Unauthorized) throw err;
    if (/no world named/.test(err.message) && S.world !== "default") {
      // the world was deleted (or the tab remembered one from another run)
      toast(`world ${S.world} is gone; showing the default world`, true);
      S.world = "default";
      sessionStorage.setItem(WORLD_KEY, S.world);
      await loadWorlds();
      resetLocal();
      return refresh();
    }
    throw err;
  }
  if (Date.now() - worldsAt > 2000) { worldsAt = Date.now(); loadWorlds().catch(() => {}); }
  applySnapshot(snap);
}

function applySnapshot(snap) {
  S.snap = snap;
  S.perf.snapshots++;
  if (!S.perf.firstSnapshot) S.perf.firstSnapshot = performance.now();
  let lateChanged = false;
  for (const o of snap.objects) {
    const prev = S.objects.get(o.id);
    if (!prev || prev.destroyedAtCall !== o.destroyedAtCall) lateChanged = true;
    S.objects.set(o.id, o);
  }
  if (lateChanged) {
    S.late = 0; S.bad = 0;
    for (const c of S.calls) {
      if (c.gap) continue;
      if ((c.late = isLate(c))) S.late++;
      if (c.failed || c.late) S.bad++;
    }
    if ($("f-bugs").checked) rebuildJournal();
  }
  // windows no client holds any more are remembered as released
  const now = new Set();
  for (const w of snap.conversations) { now.add(w.hwnd); S.known.set(w.hwnd, w); }
  for (const [hwnd, w] of S.known) {
    if (!now.has(hwnd) && !w.released) {
      // gone from the snapshot: destroyed and no client holds it
      S.known.set(hwnd, { ...w, open: false, released: true, handles: [], dialogPending: false, action: "", state: "destroyed" });
    }
  }
  if (S.known.size > 5000) {
    for (const [hwnd, w] of S.known) { if (w.released) S.known.delete(hwnd); if (S.known.size <= 4000) break; }
  }
  markAll();
  scheduleRender();
  // frames that came while this snapshot was on its way (before the first
  // one, nothing asks for a new snapshot): it is already behind them
  if (S.lastCall > snap.cursor.calls || S.lastEvent > snap.cursor.events) scheduleSnapshot();
}

function markAll() {
  for (const k of ["header", "messenger", "cards", "desk", "journal", "events", "world"]) S.dirty.add(k);
}

// ---- rendering ----

let renderQueued = false;
function scheduleRender() {
  if (renderQueued) return;
  renderQueued = true;
  requestAnimationFrame(() => {
    renderQueued = false;
    const d = S.dirty;
    if (!S.snap) return;
    const T = S.perf.sections ||= {};
    const timed = (k, f) => { const t0 = performance.now(); f(); T[k] = (T[k] || 0) + performance.now() - t0; };
    if (d.has("header")) timed("header", renderHeader);
    if (d.has("messenger") && !editing($("messenger"))) { timed("messenger", renderMessenger); d.delete("messenger"); }
    if (d.has("cards") && !editing($("cards"))) { timed("cards", renderCards); d.delete("cards"); }
    if (d.has("desk") && !editing($("desk"))) { timed("desk", renderDesk); d.delete("desk"); }
    // While the stream replays what the snapshot already counts, the lists
    // are drawn once at the end rather than laid out for every chunk.
    const replaying = S.lastCall < S.snap.cursor.calls;
    if (d.has("journal") && !replaying) { timed("journal", () => journalList.update(S.jView.length)); d.delete("journal"); }
    if (d.has("events") && !replaying) { timed("events", () => eventList.update(S.eView.length)); d.delete("events"); }
    if (d.has("world") && !editing($("tab-world"))) { timed("world", renderWorld); d.delete("world"); }
    d.delete("header");
    const t = performance.now();
    S.perf.renders++;
    S.perf.lastRender = t;
    if (!S.perf.firstRender && S.lastCall >= S.snap.cursor.calls) S.perf.firstRender = t;
    if (S.perf.renderedEvent !== S.lastEvent) { S.perf.renderedEvent = S.lastEvent; S.perf.eventRenderAt = t; }
  });
}

// A form the person is typing in is not redrawn under them; it is drawn
// when they leave it.
function editing(root) {
  const a = document.activeElement;
  // (the static search boxes are never redrawn, so they do not count)
  return a && a !== document.body && root.contains(a) && (a.tagName === "INPUT" && a.type !== "search" || a.tagName === "SELECT");
}
document.addEventListener("focusout", () => setTimeout(scheduleRender, 0));

function el(tag, props, ...kids) {
  const e = document.createElement(tag);
  if (props) {
    for (const [k, v] of Object.entries(props)) {
      if (v == null || v === false) continue;
      if (k === "class") e.className = v;
      else if (k === "text") e.textContent = v;
      else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
      else if (k in e && typeof v !== "string") e[k] = v;
      else e.setAttribute(k, v === true ? "" : v);
    }
  }
  for (const k of kids.flat()) if (k != null && k !== false) e.append(k);
  return e;
}

const hex = (n) => "0x" + (n >>> 0).toString(16).toUpperCase().padStart(8, "0");
const hwndText = (h) => `HWND ${h}`;
// "2026-12-01T09:30:06.17Z" -> "09:30:06.170" (RFC 3339 drops trailing zeros)
const time = (t) => {
  const m = /T(\d\d:\d\d:\d\d)(?:\.(\d+))?/.exec(t || "");
  return m ? m[1] + "." + ((m[2] || "") + "000").slice(0, 3) : "";
};

function problems() {
  const leaks = S.snap ? S.snap.objects.filter((o) => o.destroyed).length : 0;
  // a late call that also failed is one problem, not two
  return { failed: S.failed, late: S.late, leaks, total: S.bad + leaks };
}

function renderHeader() {
  const s = S.snap;
  const p = problems();
  const b = $("bugs");
  b.hidden = false;
  b.className = "bugs" + (p.total ? "" : " none");
  b.textContent = p.total === 1 ? "1 problem" : `${p.total} problems`;
  b.title = `${p.failed} failed calls, ${p.late} calls on destroyed windows, ${p.leaks} destroyed windows not released`;
  const open = s.conversations.filter((w) => w.open).length;
  $("counters").textContent = `${S.world} · ${s.cursor.calls} calls · ${S.lastEvent} events · ${open} open windows`;
  $("j-count").textContent = S.jView.length === S.calls.length ? String(S.calls.length) : `${S.jView.length}/${S.calls.length}`;
  $("e-count").textContent = String(S.events.length);
}

$("bugs").addEventListener("click", () => {
  $("f-bugs").checked = true;
  selectTab("journal");
  rebuildJournal();
  scheduleRender();
});

// action forms, from the ACTIONS table
function actionsFor(scope, ctx) {
  return ACTIONS.filter((a) => a.scope === scope && (!a.when || a.when(ctx))).map((a) => actionForm(a, ctx));
}

function actionForm(a, ctx) {
  const inputs = (a.fields || []).filter((f) => !f.when || f.when(ctx)).map((f) => fieldInput(f, ctx));
  const btn = el("button", { type: "submit", class: a.danger ? "danger" : null, text: a.label, title: a.title, "data-action": a.id });
  const missing = a.bind && Object.values(a.bind).some((k) => ctx[k] == null || ctx[k] === "");
  if (missing) {
    btn.disabled = true;
    btn.title = a.bind.object ? "No client holds this window: the control API names windows by the object ID a client was given." : "Not available here";
  }
  const form = el("form", { class: a.scope === "world" ? "form" : "inline", "data-action": a.id },
    a.scope === "world" ? el("span", { class: "t", text: a.label }) : null, inputs, btn);
  if (a.scope === "world") btn.textContent = a.method === "DELETE" || !a.fields ? a.label : "Apply";
  // auto: the person's choice in the select is the action (a presence menu)
  if (a.auto) {
    btn.hidden = true;
    for (const inp of inputs) inp.addEventListener("change", () => form.requestSubmit());
  }
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    if (a.confirm && !confirm(a.confirm)) return;
    try {
      let body = {};
      for (const [k, from] of Object.entries(a.bind || {})) body[k] = ctx[from];
      for (const inp of inputs) {
        const f = inp._field;
        if (f.kind === "file") {
          const file = inp.files[0];
          if (!file) throw new Error("choose a scenario file");
          body = JSON.parse(await file.text());
          continue;
        }
        const into = f.in ? (body[f.in] ||= {}) : body;
        if (f.kind === "bool") { into[f.name] = inp.querySelector("input").checked; continue; }
        const v = inp.value.trim();
        if (v === "" && !f.keep) {
          if (f.required) throw new Error(`"${f.name}" is required`);
          continue;
        }
        into[f.name] = f.kind === "number" ? Number(v) : f.kind === "list" ? v.split(",").map((x) => x.trim()).filter(Boolean) : v;
      }
      Object.assign(body, a.fixed || {});
      btn.disabled = true;
      await api(a.method || "POST", a.path, body);
      toast(a.label + ": done");
      if (a.id === "reset" || a.id === "scenario") S.known.clear();
      scheduleSnapshot();
    } catch (err) {
      if (err instanceof Unauthorized) return showLogin("The token was refused.");
      toast(a.label + ": " + err.message, true);
    } finally {
      btn.disabled = !!missing;
    }
  });
  return form;
}

// an option as the person reads it: "MPHONE_TYPE_MOBILE" -> "mobile",
// "addContact" -> "Add a Contact"; "" is the field's own name (unset)
const optionLabel = (o, f) => !o ? f.name : DIALOG_TITLES[o] || (/^(MPHONE_TYPE|CALENDAR_STATE)_/.test(o) ? o.replace(/^[A-Z]+_[A-Z]+_/, "").replaceAll("_", " ").toLowerCase() : o);

function fieldInput(f, ctx) {
  let inp;
  switch (f.kind) {
    case "status":
      inp = el("select", { name: f.name, "aria-label": f.name }, STATUSES.map((s) => new Option(statusLabel(s), s)));
      inp.value = ctx.status && STATUSES.includes(ctx.status) ? ctx.status : "MISTATUS_BUSY";
      break;
    case "select":
      inp = el("select", { name: f.name, "aria-label": f.name },
        f.options.map((o) => new Option(optionLabel(o, f), o)));
      if (f.name === "policy" && S.snap) inp.value = S.snap.dialogPolicy;
      break;
    case "group":
      inp = el("select", { name: f.name, "aria-label": f.name },
        (S.snap?.groups || []).filter((g) => g !== ctx.group).map((g) => new Option(g, g)));
      break;
    case "bool":
      // a label around the box; the submit reads the box inside
      inp = el("label", { class: "check" }, el("input", { type: "checkbox", name: f.name, checked: !!ctx[f.from] }), f.label || f.name);
      break;
    case "participant":
      inp = el("select", { name: f.name, "aria-label": f.only ? f.name : "from" }, f.only ? null : new Option("me", ""),
        (ctx.participants || []).map((p) => new Option(p, p)));
      if (ctx.participants?.length) inp.value = ctx.participants[0];
      break;
    case "contact":
      // any sign-in name or URI; the contact list is offered as suggestions
      inp = el("input", { type: "text", name: f.name, placeholder: f.placeholder, "aria-label": f.name, list: "contact-names" });
      break;
    case "file":
      inp = el("input", { type: "file", name: f.name, accept: ".json,application/json", "aria-label": "scenario file" });
      break;
    default:
      inp = el("input", { type: f.kind === "number" ? "number" : "text", name: f.name, placeholder: f.placeholder || f.name,
        "aria-label": f.name, value: f.from && ctx[f.from] != null ? String(ctx[f.from]) : f.value || "" });
  }
  inp._field = f;
  return inp;
}

function renderMessenger() {
  const s = S.snap;
  const mw = s.mainWindow;
  $("main-hwnd").textContent = hwndText(mw.hwnd);
  const status = s.signedIn ? s.user.status : "MISTATUS_OFFLINE";
  const info = new Map((s.contactInfo || []).map((i) => [i.isSelf ? "" : i.signinName, i]));
  const mine = info.get("") || {};
  $("me").replaceChildren(
    el("span", { class: "dot " + status }),
    el("span", { class: "name", text: s.user.friendlyName || s.user.signinName }),
    el("span", { class: "sub", text: s.user.signinName }),
    el("span", { class: "sub", text: (s.signedIn ? statusLabel(status) : "signed out") + (s.shutdown ? " · Communicator has quit" : "") + " · " + s.serviceName }),
    el("span", { class: "sub", text: [phonesText(mine.phones), mine.email && mine.email !== s.user.signinName ? "✉ " + mine.email : "",
      s.unreadEmail ? `${s.unreadEmail} unread e-mail` : ""].filter(Boolean).join(" · ") }),
  );
  $("me-actions").replaceChildren(...actionsFor("user", { ...s, status }));
  fold($("me-more"), "me", () => actionsFor("me", { friendlyName: s.user.friendlyName, email: mine.email, unreadEmail: s.unreadEmail }));
  fold($("list-more"), "list", () => actionsFor("list", s));
  // suggestions for the fields that take any sign-in name
  $("contact-names").replaceChildren(...s.contacts.slice(0, 500).map((c) => new Option(c.friendlyName, c.signinName)));
  const byGroup = new Map(s.groups.map((g) => [g, []]));
  const other = [], unlisted = [];
  const q = $("f-contact").value.trim().toLowerCase();
  for (const c of s.contacts) {
    if (q && !(c.signinName + " " + c.friendlyName).toLowerCase().includes(q)) continue;
    if (c.listed === false) unlisted.push(c);
    else if (!c.groups?.length) other.push(c);
    for (const g of c.groups || []) byGroup.get(g)?.push(c);
  }
  // pseudo-groups (no group object behind them) have no group actions
  const pseudo = new Set();
  if (other.length) byGroup.set("Other contacts", other), pseudo.add("Other contacts");
  if (unlisted.length) byGroup.set("Not on the contact list", unlisted), pseudo.add("Not on the contact list");
  const groups = [];
  for (const [g, list] of byGroup) {
    const online = list.filter((c) => c.status !== "MISTATUS_OFFLINE").length;
    const real = !pseudo.has(g);
    groups.push(el("details", { class: "group", open: true, "data-group": real ? g : null },
      el("summary", { text: `${g} (${online}/${list.length})` }),
      real ? fold(el("details", { class: "fold gtools" }, el("summary", { text: "rename or delete this group" })), "g:" + g,
        () => actionsFor("group", { group: g })) : null,
      list.slice(0, MAX_CONTACTS).map((c) => contactRow(c, real ? g : undefined, info.get(c.signinName))),
      list.length > MAX_CONTACTS ? el("div", { class: "more", text: `${list.length - MAX_CONTACTS} more: find them by name` }) : null));
  }
  $("contacts").replaceChildren(...groups);
  const mainCtx = { ...mw, handle: mw.handles?.[0] };
  $("main-info").replaceChildren(
    el("div", { text: `Main window ${hwndText(mw.hwnd)} · ${mw.state} · ${mw.left},${mw.top} ${mw.width}×${mw.height}` }),
    el("div", { class: "row-actions" }, ACTIONS.filter((a) => (a.id === "close" || a.id === "minimize")).map((a) => actionForm({ ...a, when: null }, mainCtx))),
  );
}

const phonesText = (p) => Object.entries(p || {}).filter(([, n]) => n).map(([t, n]) => `${t} ${n}`).join(", ");

// A fold's content is built when it is opened (a contact list of
// thousands draws no hidden forms); which folds are open survives redraws.
const openFolds = new Set();
function fold(details, key, build) {
  details.open = openFolds.has(key);
  const body = details.querySelector(".fold-body") || details.appendChild(el("div", { class: "fold-body" }));
  const fill = () => body.replaceChildren(...(details.open ? build() : []));
  details.ontoggle = () => { details.open ? openFolds.add(key) : openFolds.delete(key); fill(); };
  // the toggle event comes after a task: a redraw in between must already
  // know the fold is opening
  details.querySelector("summary").onclick = () => { details.open ? openFolds.delete(key) : openFolds.add(key); };
  fill();
  return details;
}

function contactRow(c, group, info) {
  const ctx = { ...c, group, email: info?.email };
  const presence = info?.presence || {};
  const note = presence.PRESENCE_PROP_PRESENCE_NOTE || presence.PRESENCE_PROP_CUSTOM_STATUS_STRING;
  const facts = [phonesText(info?.phones), info?.email && info.email !== c.signinName ? "✉ " + info.email : ""].filter(Boolean).join(" · ");
  const key = "c:" + c.signinName; // one fold state per contact, whichever group shows it
  return el("div", { class: "contact" + (c.blocked ? " blocked" : ""), "data-signin": c.signinName },
    el("span", { class: "dot " + c.status, title: statusLabel(c.status) }),
    el("div", { class: "who", title: [c.signinName, facts, ...Object.entries(presence).map(([k, v]) => k.replace(/^PRESENCE_PROP_/, "") + " " + v)].filter(Boolean).join("\n") },
      el("div", { text: c.friendlyName + (c.blocked ? " (blocked)" : "") + (info?.tagged ? " ★" : "") }),
      el("div", { class: "sn", text: `${c.signinName} · ${statusLabel(c.status)}${note ? " · " + note.replace(/^VT_BSTR\("?|"?\)$/g, "") : ""}` })),
    el("div", { class: "tools" }, actionsFor("contact", c),
      // the control API changes listed contacts only
      c.listed === false ? null : fold(el("details", { class: "fold" }, el("summary", { text: "more", title: "Rename, block, groups, phone, e-mail, presence" })), key,
        () => actionsFor("contact-more", ctx))));
}

function windowsShown() {
  const f = $("win-filter").value;
  const all = [...S.known.values()].sort((a, b) => a.hwnd - b.hwnd);
  switch (f) {
    case "open": return all.filter((w) => w.open);
    case "dialog": return all.filter((w) => w.dialogPending);
    case "problem": return all.filter((w) => !w.open && !w.released);
    case "released": return all.filter((w) => w.released);
  }
  return all;
}

function renderCards() {
  const list = windowsShown();
  const pages = Math.max(1, Math.ceil(list.length / PAGE_SIZE));
  S.page = Math.min(S.page, pages - 1);
  const open = [...S.known.values()].filter((w) => w.open).length;
  $("win-count").textContent = `(${open} open, ${S.known.size} seen)`;
  $("win-page").textContent = `${S.page + 1}/${pages}`;
  const shown = list.slice(S.page * PAGE_SIZE, (S.page + 1) * PAGE_SIZE);
  const cards = shown.map(card);
  if (!cards.length) cards.push(el("div", { class: "empty-note", text: "No conversation windows. They appear here as a client's InstantMessage or the person opens them." }));
  $("cards").replaceChildren(...cards);
}

$("f-contact").addEventListener("input", () => { S.dirty.add("messenger"); renderMessenger(); });
$("win-filter").addEventListener("change", () => { S.page = 0; S.dirty.add("cards"); scheduleRender(); });
$("win-prev").addEventListener("click", () => { S.page = Math.max(0, S.page - 1); S.dirty.add("cards"); scheduleRender(); });
$("win-next").addEventListener("click", () => { S.page++; S.dirty.add("cards"); scheduleRender(); });

function nameOf(signin) {
  const c = S.snap.contacts.find((c) => c.signinName === signin);
  return c ? c.friendlyName : signin;
}

function card(w) {
  const leak = !w.open && !w.released;
  const stateBadge = w.open ? el("span", { class: "badge open", text: "open" })
    : w.released ? el("span", { class: "badge released", text: "closed · released" })
      : el("span", { class: "badge leak", text: "destroyed · NOT released", title: "A client still holds this window after OnIMWindowDestroyed" });
  const parts = w.participants || [];
  const ctx = { ...w, handle: w.handles?.[0], participants: parts };
  const title = parts.length ? parts.map(nameOf).join(", ") : "(no participants)";
  const hist = (w.history || []).map((m) => m.action
    ? el("div", { class: "m action", text: m.text })
    : el("div", { class: "m" }, el("span", { class: "t", text: time(m.time).slice(0, 5) }), el("span", { class: "n", text: m.name + ":" }), m.text));
  const late = (w.handles || []).flatMap((id) => S.objects.get(id)?.lateCalls || []);
  return el("article", { class: "card" + (w.open ? "" : " closed") + (leak ? " leak" : ""), "data-hwnd": w.hwnd },
    el("div", { class: "titlebar" }, el("span", { text: title + " - Conversation" }), el("span", { class: "hwnd", text: hwndText(w.hwnd) })),
    el("div", { class: "facts" }, stateBadge,
      w.type ? el("span", { class: "badge kind", text: typeLabel(w.type) + (w.call ? " · call" : "") }) : null,
      el("span", {}, "state ", el("b", { text: w.state || "" })),
      el("span", {}, "at ", el("b", { text: `${w.left},${w.top}` }), " size ", el("b", { text: `${w.width}×${w.height}` })),
      w.action ? el("span", { class: "badge", text: "in progress: " + w.action }) : null,
      late.length ? el("span", { class: "badge bad", text: `${late.length} late call${late.length > 1 ? "s" : ""}`, title: late.join(", ") }) : null),
    w.subject || w.phoneDialog || w.file ? el("div", { class: "facts" },
      w.subject ? el("span", {}, "subject ", el("b", { text: w.subject })) : null,
      w.phoneDialog ? el("span", {}, "Phone Call dialog ", el("b", { text: `${w.number || ""} ${(w.phoneType || "").replace(/^MPHONE_TYPE_/, "").toLowerCase()}` })) : null,
      w.file ? el("span", {}, "file ", el("b", { text: w.file })) : null) : null,
    el("div", { class: "parts" }, parts.map((p) => {
      const c = S.snap.contacts.find((c) => c.signinName === p);
      return el("span", { class: "p", title: p }, el("span", { class: "dot " + (c?.status || "") }), el("span", { class: "sn", text: p }));
    })),
    w.dialogPending ? el("div", { class: "dialog", role: "alertdialog" },
      el("strong", { text: `Close this window? ${w.action || "An action"} is in progress.` }), actionsFor("dialog", ctx)) : null,
    el("div", { class: "history" }, hist.length ? hist : el("span", { class: "empty", text: w.messages ? `${w.messages} messages` : "no messages" })),
    w.open ? el("div", { class: "acts" }, actionsFor("window", ctx)) : null,
    w.open ? fold(el("details", { class: "fold" }, el("summary", { text: "participants: join, leave, receive" })), "w:" + w.hwnd,
      () => actionsFor("window-more", ctx)) : null,
    w.handles?.length ? el("div", { class: "handles" }, "held as ", w.handles.map((id, i) => {
      const o = S.objects.get(id);
      return el("span", { class: o?.destroyed ? "leak" : null }, i ? ", " : "", el("code", { text: id.slice(0, 8) }), ` (client ${o?.client ?? "?"})`);
    })) : null,
  );
}

// The Communicator dialogs open on the desktop (the Add a Contact wizard
// AddContact opened, say) and the contact picker StartConversation opened:
// each waits for the person, who finishes or cancels it here.
function renderDesk() {
  const s = S.snap;
  const boxes = (s.dialogs || []).map((d) => {
    const args = Object.entries(d.args || {}).map(([k, v]) => `${k}: ${v}`).join(", ");
    return el("div", { class: "uidialog", role: "dialog", "data-dialog": d.id, "data-kind": d.kind },
      el("div", { class: "titlebar" }, el("span", { text: DIALOG_TITLES[d.kind] || d.kind }), el("span", { class: "hwnd", text: "dialog " + d.id })),
      args ? el("div", { class: "sub", text: args }) : null,
      el("div", { class: "acts" }, actionsFor("uidialog", { ...d.args, ...d })));
  });
  if (s.contactPicker) {
    const p = s.contactPicker;
    boxes.push(el("div", { class: "uidialog", role: "dialog", "data-dialog": "picker" },
      el("div", { class: "titlebar" }, el("span", { text: "Select contacts" }), el("span", { class: "hwnd", text: typeLabel(p.type) })),
      el("div", { class: "sub", text: "StartConversation asked the person to pick the participants" + (p.subject ? ` · subject “${p.subject}”` : "") }),
      el("div", { class: "acts" }, actionsFor("picker", p))));
  }
  $("desk").replaceChildren(...boxes);
}

// "CONVERSATION_TYPE_PHONE" -> "phone"
const typeLabel = (t) => (t || "").replace(/^CONVERSATION_TYPE_/, "").replaceAll("_", " ").toLowerCase();

function renderWorld() {
  $("world-actions").replaceChildren(...actionsFor("world", { ...S.snap, ...S.snap.callPolicy }));
  const faults = S.snap.faults.map((f) => el("li", { text: `${f.interface ? f.interface + "." : ""}${f.member} → ${f.name || f.hresult}, ${f.times < 0 ? "every call" : f.times + " more time(s)"}${f.delay ? ", delayed" : ""}${f.object ? " on " + f.object : ""}` }));
  $("faults").replaceChildren(...(faults.length ? faults : [el("li", { text: "none" })]));
  const life = S.snap.lifetime.map((l) => el("li", { text: l }));
  const leaks = S.snap.objects.filter((o) => o.destroyed).map((o) => el("li", { text: `window ${o.ref?.hwnd ?? ""} held by client ${o.client} as ${o.id} after OnIMWindowDestroyed` }));
  $("lifetime").replaceChildren(...(life.length + leaks.length ? [...leaks, ...life] : [el("li", { text: "none" })]));
}

// ---- journal and events: virtualised lists ----

class VList {
  constructor(root, row) {
    this.root = root; this.row = row; this.n = 0; this.pool = [];
    this.spacer = el("div", { class: "spacer" });
    root.append(this.spacer);
    root.addEventListener("scroll", () => this.draw());
    new ResizeObserver(() => this.draw()).observe(root);
  }
  update(n) {
    const r = this.root;
    const atEnd = r.scrollTop + r.clientHeight >= r.scrollHeight - ROW_H * 2;
    this.n = n;
    this.spacer.style.height = n * ROW_H + "px";
    if (atEnd) r.scrollTop = r.scrollHeight;
    this.draw();
  }
  draw() {
    const r = this.root;
    const first = Math.max(0, Math.floor(r.scrollTop / ROW_H) - 2);
    const last = Math.min(this.n, first + Math.ceil(r.clientHeight / ROW_H) + 5);
    let used = 0;
    for (let i = first; i < last; i++, used++) {
      let e = this.pool[used];
      if (!e) { e = el("div"); this.pool.push(e); r.append(e); }
      e.style.top = i * ROW_H + "px";
      e.hidden = false;
      this.row(e, i);
    }
    for (let i = used; i < this.pool.length; i++) this.pool[i].hidden = true;
  }
}

// An identity as the journal and the snapshot carry it inline:
// {signinName} for a contact, {hwnd, mainWindow} for a window, {name} for
// a group. "" when it names nothing (the root object, a collection).
function identityText(i) {
  if (!i) return "";
  if (i.signinName) return i.signinName;
  if (i.hwnd) return i.mainWindow ? `main window ${i.hwnd}` : `window ${i.hwnd}`;
  if (i.name) return `group “${i.name}”`;
  return "";
}

// what an object ID stands for, from the snapshot's objects
function identity(id) {
  const o = S.objects.get(id);
  if (!o) return id ? id.slice(0, 8) : "?";
  return identityText(o) || shortName(o.interface) + ` (client ${o.client})`;
}

// the object a call was made on: its identity, else the object's
// interface; nothing for the root object, whose members the row shows bare
function callIdentity(c) {
  if (identityText(c.self)) return identityText(c.self);
  if (!c.objectInterface) return identity(c.object);
  return shortName(c.objectInterface) === "messenger" ? "" : shortName(c.objectInterface);
}

// "IMessengerConversationWndAdvanced" -> "ConversationWndAdvanced";
// "IMessengerAdvanced" (the root) -> "Messenger".
const shortName = (i) => /^IMessenger\d*(Advanced)?$/.test(i || "") ? "messenger"
  : (i || "?").replace(/^IMessenger(?=[A-Z0-9])/, "").replace(/^I(?=Unknown|Dispatch|Enum)/, "");

function variantText(v) {
  if (!v || typeof v !== "object") return String(v);
  switch (v.vt) {
    case "VT_DISPATCH":
      if (!v.object) return "null";
      return `[${identityText(v) || shortName(v.interface)}]`;
    case "VT_BSTR": return v.value == null ? "null" : JSON.stringify(v.value.length > 60 ? v.value.slice(0, 60) + "…" : v.value);
    case "VT_EMPTY": return "empty";
    case "VT_NULL": return "null";
  }
  if (Array.isArray(v.value)) return "[" + v.value.map(variantText).join(", ") + "]";
  return String(v.value);
}

// The member's declaring interface, shortened: "IMessengerWindow" ->
// "Window."; the root's IMessenger members go bare. The row's tooltip has
// the full names and the object's most derived interface.
const shortIface = (i) => (i === "IMessenger" ? "" : (i || "").replace(/^IMessenger(?=[A-Z0-9])/, "") + ".");

const hasResult = (c) => c.result && c.result.vt && c.result.vt !== "VT_EMPTY";
const eventsText = (c) => (c.events || []).map((e) => `${e.name} #${e.seq}`).join(", ");

function callText(c) {
  const args = (c.args || []).map(variantText).join(", ");
  let s = `${c.interface}.${c.member}(${args}) on ${callIdentity(c)} ${c.objectInterface || ""}`;
  if (hasResult(c)) s += " → " + variantText(c.result);
  if (c.events?.length) s += " ⇒ " + eventsText(c);
  if (c.fault) s += " fault";
  return s;
}

function callMatches(c) {
  if (c.gap) return !$("f-failed").checked && !$("f-bugs").checked;
  if ($("f-failed").checked && !c.failed) return false;
  if ($("f-bugs").checked && !c.failed && !c.late) return false;
  const q = $("f-text").value.trim().toLowerCase();
  if (!q) return true;
  if (!c._text) c._text = (callText(c) + " " + c.object + " " + c.hresult + " " + (c.name || "")).toLowerCase();
  return c._text.includes(q);
}

function rebuildJournal() {
  S.jView = [];
  for (let i = 0; i < S.calls.length; i++) if (callMatches(S.calls[i])) S.jView.push(i);
  S.dirty.add("journal"); S.dirty.add("header");
}

for (const id of ["f-text", "f-failed", "f-bugs"]) $(id).addEventListener("input", () => { rebuildJournal(); scheduleRender(); });

const journalList = new VList($("journal"), (e, i) => {
  const c = S.calls[S.jView[i]];
  if (c.gap) {
    e.className = "jrow gap";
    e.replaceChildren(el("span"), el("span"), el("span", { text: `${c.gap} calls dropped by the bounded journal before they could be shown` }));
    return;
  }
  e.className = "jrow" + (c.failed ? " failed" : "") + (c.late ? " late" : "");
  e.title = `${c.interface}::${c.member} (${c.kind}) on ${c.objectInterface || "?"} ${identityText(c.self)} ${c.object}, client ${c.client} (${c.caller})` +
    (hasResult(c) ? `\nreturned ${variantText(c.result)}` : "") + (c.events?.length ? `\nraised ${eventsText(c)}` : "") +
    (c.fault ? "\nthe HRESULT is an injected fault" : "");
  e.replaceChildren(
    el("span", { class: "seq", text: String(c.seq) }),
    el("span", { class: "tm", text: time(c.time) }),
    el("span", {},
      c.late ? el("span", { class: "flag", text: "after destroy" }) : null,
      c.fault ? el("span", { class: "flag", text: "fault" }) : null,
      el("span", { class: "iface", text: shortIface(c.interface) }), el("span", { class: "mem", text: c.member }),
      el("span", { class: "arg", text: "(" + (c.args || []).map(variantText).join(", ") + ")" }),
      " ", el("span", { class: "id", text: callIdentity(c) }),
      hasResult(c) ? el("span", { class: "arg", text: " → " + variantText(c.result) }) : null,
      c.events?.length ? el("span", { class: "evs", text: " ⇒ " + c.events.map((e) => e.name).join(", ") }) : null),
    el("span", { class: "hr", text: c.name || c.hresult, title: c.hresult }),
  );
});

function eventText(ev) {
  return ev.params.map((p) => `${p.name}=${p.object ? objRef(p.object) : p.value}`).join(" ");
}
function objRef(r) {
  switch (r.kind) {
    case "conversation": return `window ${r.hwnd}`;
    case "main": return `main window ${r.hwnd}`;
    case "contact": return r.signinName;
    case "group": return `group “${r.name}”`;
  }
  return r.kind;
}

function eventMatches(ev) {
  const q = $("f-event").value.trim().toLowerCase();
  return !q || (ev.name + " " + eventText(ev)).toLowerCase().includes(q);
}
function rebuildEvents() {
  S.eView = [];
  for (let i = 0; i < S.events.length; i++) if (S.events[i].gap || eventMatches(S.events[i])) S.eView.push(i);
  S.dirty.add("events");
}
$("f-event").addEventListener("input", () => { rebuildEvents(); scheduleRender(); });

const eventList = new VList($("events"), (e, i) => {
  const ev = S.events[S.eView[i]];
  if (ev.gap) {
    e.className = "erow gap";
    e.textContent = `${ev.gap} events dropped before they could be shown`;
    return;
  }
  e.className = "erow";
  e.replaceChildren(el("span", { class: "tm", text: `${ev.seq} ${time(ev.time)} ` }), el("span", { class: "ev", text: ev.name }), eventText(ev));
});

// ---- tabs, toasts ----

function selectTab(name) {
  for (const b of document.querySelectorAll(".tabs button")) b.setAttribute("aria-selected", String(b.dataset.tab === name));
  for (const t of ["journal", "world"]) $("tab-" + t).hidden = t !== name;
  S.dirty.add(name); scheduleRender();
}
for (const b of document.querySelectorAll(".tabs button")) b.addEventListener("click", () => selectTab(b.dataset.tab));

let toastTimer;
function toast(text, bad) {
  const t = $("toast");
  t.textContent = text;
  t.className = "toast" + (bad ? " err" : "");
  t.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { t.hidden = true; }, bad ? 6000 : 2500);
}

// For the browser test and the curious: counters and render times.
window.fmInspector = {
  stats: () => ({
    calls: S.calls.length, lastCall: S.lastCall, events: S.events.length, lastEvent: S.lastEvent,
    cursor: S.cursor, problems: problems(), loaded: !!S.snap, ...S.perf,
  }),
  seqs: () => S.calls.filter((c) => !c.gap).map((c) => c.seq),
};

boot();
